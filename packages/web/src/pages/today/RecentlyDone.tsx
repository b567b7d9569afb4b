// Follow-ups marked done recently, each with Undo (a reason is asked for, kept in the audit trail).
import type { FollowUpDone } from '@engraft/domain';
import { Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { formatDate } from '../../format';

export function RecentlyDone({
  done,
  canUndo,
  onUndo,
}: {
  done: FollowUpDone[];
  canUndo: boolean;
  onUndo: (d: FollowUpDone) => void;
}) {
  if (done.length === 0) return null;
  return (
    <section aria-labelledby="done-heading">
      <Title order={2} id="done-heading" size="h3" mb="xs">
        Marked done recently
      </Title>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Patient</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Done on</Table.Th>
                <Table.Th>Marked by</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {done.map((d) => (
                <Table.Tr key={`${d.episodeId}-${d.key}`}>
                  <Table.Td>
                    {d.patient}{' '}
                    <Text span fz="xs" c="dimmed" ff="monospace">
                      {d.mrn}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.label}</Table.Td>
                  <Table.Td>{formatDate(d.completedOn)}</Table.Td>
                  <Table.Td>{d.recordedBy ?? 'system'}</Table.Td>
                  <Table.Td>
                    {canUndo && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => onUndo(d)}
                        aria-label={`Undo done: ${d.label} for ${d.patient}`}
                      >
                        Undo
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </section>
  );
}
