// A product's whole history, newest first: when, what, the details in words, the status after and who.
import { PRODUCT_EVENT_LABELS, type ProductDetail } from '@engraft/domain';
import { Paper, Table, Title } from '@mantine/core';
import { dateTime, statusLabel } from '../../components/products/productApi';
import { describe } from './productEvents';

export function ProductHistory({ detail }: { detail: ProductDetail }) {
  const history = [...detail.events].reverse();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-h">
      <Title order={2} fz="h4" id="history-h" mb="xs">
        History
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">Details</Table.Th>
              <Table.Th scope="col">Status after</Table.Th>
              <Table.Th scope="col">By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td ff="monospace">{dateTime(e.performedAt)}</Table.Td>
                <Table.Td fw={600}>{PRODUCT_EVENT_LABELS[e.kind] ?? e.kind}</Table.Td>
                <Table.Td>{describe(e)}</Table.Td>
                <Table.Td>{e.statusAfter ? statusLabel(e.statusAfter as never) : ''}</Table.Td>
                <Table.Td>{e.performedBy ?? 'system'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
