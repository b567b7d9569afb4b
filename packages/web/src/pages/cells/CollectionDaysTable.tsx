// A collection's days: processed volume, CD34+ collected (×10⁶ cells), the day's and the cumulative CD34+ ×10⁶/kg
// (apheresis), and the bag with its ISBT 128 check character, linked to its product page.
import { type Collection, mod37CheckOf } from '@engraft/domain';
import { Alert, Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../format';
import { STATUS_COLOR } from './apheresisStatus';

const e6 = (v: number | null) => (v == null ? '—' : (v / 1e6).toFixed(0));

const HEADLINE = {
  'below minimum': 'Another day needed — below the minimum',
  'minimum reached': 'Another day needed — minimum reached, target not yet',
  'target reached': 'Target reached — no further day needed',
  'above maximum': 'Above the maximum for infusion',
} as const;

/** "Another day needed" or "target reached", with the targets (×10⁶ CD34+/kg) for the recipient's weight. */
export function ProgressBanner({ c }: { c: Collection }) {
  const p = c.progress;
  if (!p) return null;
  return (
    <Alert color={STATUS_COLOR[p.status]} variant="light" title={HEADLINE[p.status]} data-testid="cd34-status">
      {p.message}. Targets: minimum {p.targets.minimum}, target {p.targets.target}
      {p.targets.maximum != null ? `, maximum ${p.targets.maximum}` : ''} ×10⁶/kg for {p.recipientWeightKg} kg.
    </Alert>
  );
}

function Bag({ d }: { d: Collection['days'][number] }) {
  if (!d.product) return <>—</>;
  const text = `${d.product.din} ${mod37CheckOf(d.product.din)} · ${d.product.productCode}`;
  if (!d.productId) return <>{text}</>;
  return (
    <Anchor component={Link} to={`/products/${d.productId}`} aria-label={`Product page of bag ${d.product.din}`}>
      {text}
    </Anchor>
  );
}

export function CollectionDaysTable({ c }: { c: Collection }) {
  if (c.days.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        No day recorded yet.
      </Text>
    );
  }
  return (
    <Table fz="sm" striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Day</Table.Th>
          <Table.Th>Date</Table.Th>
          <Table.Th>Processed</Table.Th>
          <Table.Th>CD34+ ×10⁶</Table.Th>
          {c.progress && <Table.Th>×10⁶/kg</Table.Th>}
          {c.progress && <Table.Th>Cumulative</Table.Th>}
          <Table.Th>Bag</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {c.days.map((d, i) => {
          const p = c.progress?.days.find((x) => x.date === d.collectedOn);
          return (
            <Table.Tr key={d.id}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{formatDate(d.collectedOn)}</Table.Td>
              <Table.Td>{d.processedVolumeL != null ? `${d.processedVolumeL} L` : '—'}</Table.Td>
              <Table.Td>{e6(d.cd34Cells)}</Table.Td>
              {c.progress && <Table.Td>{p?.cd34PerKg?.toFixed(2) ?? '—'}</Table.Td>}
              {c.progress && <Table.Td fw={700}>{p?.cumulativePerKg.toFixed(2) ?? '—'}</Table.Td>}
              <Table.Td ff="monospace" fz="xs">
                <Bag d={d} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
