import type { SegregationReport } from '@engraft/domain';
import { Alert, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { MATCH_COLORS, MATCH_LABELS } from './familyLabels';

const METHOD: Record<SegregationReport['method'], string> = {
  'both-parents': 'Both parents typed: haplotypes shown by segregation.',
  'one-parent': 'One parent typed: the other parent’s haplotypes are derived from the children.',
  'siblings-only': 'No parent typed: sharing is inferred from the siblings and marked assumed.',
  'patient-only': 'Only the patient is typed: type the family to see shared haplotypes.',
};

/** The haplotype table (father a/b, mother c/d, the patient a/c) and the inconsistencies in words. */
export function HaplotypeSection({ segregation }: { segregation: SegregationReport }) {
  const labels = (['a', 'b', 'c', 'd'] as const).filter((h) => segregation.haplotypes[h]);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="haplotypes-heading">
      <Title order={2} fz="h3" id="haplotypes-heading" mb="xs">
        Haplotypes
      </Title>
      {segregation.missing ? (
        <Text c="dimmed">{segregation.missing}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {METHOD[segregation.method]} Father a/b, mother c/d; the patient carries a and c.
          </Text>
          {labels.length > 0 && (
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing={4} aria-label="Parental haplotypes" ff="monospace" fz="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Haplotype</Table.Th>
                    {segregation.loci.map((l) => (
                      <Table.Th key={l} scope="col">
                        {l}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {labels.map((h) => (
                    <Table.Tr key={h}>
                      <Table.Th scope="row">{h}</Table.Th>
                      {segregation.loci.map((l) => (
                        <Table.Td key={l}>{segregation.haplotypes[h]?.[l]?.join('/') ?? '—'}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4} aria-label="Haplotypes per person">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Person</Table.Th>
                  <Table.Th scope="col">Haplotypes</Table.Th>
                  <Table.Th scope="col">Shares with patient</Table.Th>
                  <Table.Th scope="col">Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {segregation.members.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Th scope="row">{m.name}</Table.Th>
                    <Table.Td ff="monospace">{m.haplotypes.map((h) => h ?? '?').join('/')}</Table.Td>
                    <Table.Td>
                      {m.id === 'patient' ? (
                        '—'
                      ) : (
                        <Badge color={MATCH_COLORS[m.match]} variant="light">
                          {MATCH_LABELS[m.match]}
                          {m.sharedWithPatient.length ? ` (${m.sharedWithPatient.join(', ')})` : ''}
                          {m.assumed ? ' · assumed' : ''}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td fz="sm">{m.reasons.join('; ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {segregation.findings.length > 0 && (
            <Alert color="orange" title="Inconsistencies: check before choosing">
              {segregation.findings.map((f) => (
                <Text key={`${f.kind}-${f.memberId}`} size="sm">
                  {f.message}
                </Text>
              ))}
            </Alert>
          )}
        </Stack>
      )}
    </Paper>
  );
}
