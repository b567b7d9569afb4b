import type { PatientHlaTyping } from '@engraft/domain';
import { Paper, Table, Text, Title } from '@mantine/core';
import { QueryState } from '../../data/QueryState';
import { formatDate } from '../../format';
import { usePatientHlaHistory } from './api';
import { hlaLocusRows } from './locusRows';

function sourceLine(t: PatientHlaTyping): string {
  const from = t.source === 'hml' ? `HML file ${t.hmlFileName ?? ''}, sample ${t.hmlSampleId ?? ''}` : 'entered';
  return [
    `Version ${t.version}`,
    from,
    t.lab,
    t.typingDate ? `typed ${formatDate(t.typingDate)}` : null,
    t.release ? `IPD-IMGT/HLA ${t.release}` : null,
    t.methods,
    `recorded by ${t.recordedBy}`,
  ]
    .filter((x): x is string => !!x)
    .join(' · ');
}

/** The patient's current HLA typing as a compact locus table, with where it came from (ADR 0108). */
export function PatientHlaPanel({ patientId }: { patientId: string }) {
  const query = usePatientHlaHistory(patientId);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="hla-heading">
      <Title order={2} fz="h3" id="hla-heading" mb="xs">
        HLA typing
      </Title>
      <QueryState
        query={query}
        what="the HLA typing"
        isEmpty={(h) => !h.current}
        empty={<Text c="dimmed">No HLA typing recorded.</Text>}
      >
        {(history) =>
          history.current && (
            <>
              <Table verticalSpacing={4} maw={640} aria-label="HLA typing by locus">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Locus</Table.Th>
                    <Table.Th scope="col">Allele 1</Table.Th>
                    <Table.Th scope="col">Allele 2</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {hlaLocusRows(history.current.glString).map((row) => (
                    <Table.Tr key={row.locus}>
                      <Table.Th scope="row">{row.locus}</Table.Th>
                      <Table.Td ff="monospace">{row.first}</Table.Td>
                      <Table.Td ff="monospace">{row.second || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm" c="dimmed" mt="xs">
                {sourceLine(history.current)}
                {history.versions.length > 1 ? ` · ${history.versions.length - 1} earlier version(s)` : ''}
              </Text>
            </>
          )
        }
      </QueryState>
    </Paper>
  );
}
