// Follow-ups marked done recently, each with Undo (a reason is asked for, kept in the audit trail).
import type { FollowUpDone } from '@engraft/domain';
import { Button, Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { type Column, DataTable } from '../../components/DataTable';
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
  const columns: Column<FollowUpDone>[] = [
    {
      header: 'Patient',
      cell: (d) => (
        <>
          {d.patient}{' '}
          <Text span fz="xs" c="dimmed" ff="monospace">
            {d.mrn}
          </Text>
        </>
      ),
    },
    { header: 'What', cell: (d) => d.label },
    { header: 'Done on', cell: (d) => formatDate(d.completedOn) },
    { header: 'Marked by', cell: (d) => d.recordedBy ?? 'system' },
    {
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      cell: (d) =>
        canUndo && (
          <Button
            size="xs"
            variant="default"
            onClick={() => onUndo(d)}
            aria-label={`Undo done: ${d.label} for ${d.patient}`}
          >
            Undo
          </Button>
        ),
    },
  ];
  return (
    <section aria-labelledby="done-heading">
      <Title order={2} id="done-heading" size="h3" mb="xs">
        Marked done recently
      </Title>
      <Paper withBorder radius="md">
        <DataTable
          columns={columns}
          rows={done}
          rowKey={(d) => `${d.episodeId}-${d.key}`}
          minWidth={560}
          verticalSpacing="xs"
        />
      </Paper>
    </section>
  );
}
