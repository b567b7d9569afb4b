// A product's whole history, newest first: when, what, the details in words, the status after and who.
import { PRODUCT_EVENT_LABELS, type ProductDetail } from '@engraft/domain';
import { Paper, Title } from '@mantine/core';
import { type Column, DataTable } from '../../components/DataTable';
import { dateTime, statusLabel } from '../../components/products/productApi';
import { describe } from './productEvents';

const HISTORY_COLUMNS: Column<ProductDetail['events'][number]>[] = [
  { header: 'When', cell: (e) => dateTime(e.performedAt), td: { ff: 'monospace' } },
  { header: 'What', cell: (e) => PRODUCT_EVENT_LABELS[e.kind] ?? e.kind, td: { fw: 600 } },
  { header: 'Details', cell: (e) => describe(e) },
  { header: 'Status after', cell: (e) => (e.statusAfter ? statusLabel(e.statusAfter as never) : '') },
  { header: 'By', cell: (e) => e.performedBy ?? 'system' },
];

export function ProductHistory({ detail }: { detail: ProductDetail }) {
  const history = [...detail.events].reverse();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-h">
      <Title order={2} fz="h4" id="history-h" mb="xs">
        History
      </Title>
      <DataTable fz="sm" minWidth={640} columns={HISTORY_COLUMNS} rows={history} rowKey={(e) => e.id} />
    </Paper>
  );
}
