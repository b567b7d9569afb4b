// The QC results of a product (sterility, viability, CD34+, endotoxin …), each with who recorded it and when.
import type { ProductDetail } from '@engraft/domain';
import { Paper, Text, Title } from '@mantine/core';
import { type Column, DataTable } from '../../components/DataTable';
import { dateTime } from '../../components/products/productApi';
import { qcTestLabel, txt } from './productEvents';

const OUTCOME_COLOR: Record<string, string> = { negative: 'green.8', positive: 'red.8' };

type ProductEvent = ProductDetail['events'][number];

const QC_COLUMNS: Column<ProductEvent>[] = [
  { header: 'Test', cell: (e) => qcTestLabel(e.details.test) },
  {
    header: 'Result',
    cell: (e) => (
      <>
        {typeof e.details.outcome === 'string' ? (
          <Text span fw={700} fz="sm" c={OUTCOME_COLOR[e.details.outcome] ?? 'gray.7'}>
            {e.details.outcome}{' '}
          </Text>
        ) : null}
        {e.details.value != null ? `${txt(e.details.value)} ${txt(e.details.unit)}` : ''}
        {e.details.organism ? <Text fz="xs">{txt(e.details.organism)}</Text> : null}
      </>
    ),
  },
  { header: 'Recorded', cell: (e) => `${dateTime(e.performedAt)} · ${e.performedBy ?? 'system'}` },
];

export function QcResults({ detail }: { detail: ProductDetail }) {
  const qc = detail.events.filter((e) => e.kind === 'qc');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="qc-h">
      <Title order={2} fz="h4" id="qc-h" mb="xs">
        QC results
      </Title>
      <DataTable
        fz="sm"
        minWidth={360}
        columns={QC_COLUMNS}
        rows={qc}
        rowKey={(e) => e.id}
        empty="No QC results yet."
      />
    </Paper>
  );
}
