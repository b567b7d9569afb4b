// The QC results of a product (sterility, viability, CD34+, endotoxin …), each with who recorded it and when.
import type { ProductDetail } from '@engraft/domain';
import { Paper, Table, Text, Title } from '@mantine/core';
import { dateTime } from '../../components/products/productApi';
import { qcTestLabel, txt } from './productEvents';

const OUTCOME_COLOR: Record<string, string> = { negative: 'green.8', positive: 'red.8' };

export function QcResults({ detail }: { detail: ProductDetail }) {
  const qc = detail.events.filter((e) => e.kind === 'qc');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="qc-h">
      <Title order={2} fz="h4" id="qc-h" mb="xs">
        QC results
      </Title>
      <Table.ScrollContainer minWidth={360}>
        <Table fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Test</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
              <Table.Th scope="col">Recorded</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {qc.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text c="dimmed" fz="sm">
                    No QC results yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {qc.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{qcTestLabel(e.details.test)}</Table.Td>
                <Table.Td>
                  {typeof e.details.outcome === 'string' ? (
                    <Text span fw={700} fz="sm" c={OUTCOME_COLOR[e.details.outcome] ?? 'gray.7'}>
                      {e.details.outcome}{' '}
                    </Text>
                  ) : null}
                  {e.details.value != null ? `${txt(e.details.value)} ${txt(e.details.unit)}` : ''}
                  {e.details.organism ? <Text fz="xs">{txt(e.details.organism)}</Text> : null}
                </Table.Td>
                <Table.Td>
                  {dateTime(e.performedAt)} · {e.performedBy ?? 'system'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
