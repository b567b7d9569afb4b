import type { RegistrySubmission } from '@engraft/domain';
import { Anchor, ScrollArea, Table, Text, Title } from '@mantine/core';

export const submissionUrl = (id: string): string => `/api/v1/registry-submissions/${id}/content`;

/** What was exported for this report, when, by whom, with its SHA-256; each downloadable again byte for byte. */
export function SubmissionHistory({ submissions }: { submissions: RegistrySubmission[] }) {
  return (
    <section aria-labelledby="submission-history">
      <Title order={4} fz="h5" id="submission-history" mb="xs">
        Submission history
      </Title>
      {submissions.length === 0 ? (
        <Text fz="sm">Not submitted yet.</Text>
      ) : (
        <ScrollArea type="auto">
          <Table aria-label="Submissions" miw={600}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When (UTC)</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>SHA-256</Table.Th>
                <Table.Th>Missing, reason</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {submissions.map((s) => (
                <Table.Tr key={s.id} data-testid="submission-row">
                  <Table.Td>{s.submittedAt.slice(0, 16).replace('T', ' ')}</Table.Td>
                  <Table.Td>{s.submittedBy}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" fz="xs">
                      {s.sha256.slice(0, 16)}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="xs">
                      {s.missingItems.length ? `${s.missingItems.join(', ')} — ${s.overrideReason ?? ''}` : 'none'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor href={submissionUrl(s.id)} download fz="sm">
                      Download {s.format === 'csv' ? 'CSV' : 'JSON'}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </section>
  );
}
