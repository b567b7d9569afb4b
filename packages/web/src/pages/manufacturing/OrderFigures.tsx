// The figures of a manufacturing order: vein-to-vein, turnaround and the received dose, the course of the order
// as a bar, and the received product with its label dose check.
import {
  MANUFACTURING_FINAL,
  MANUFACTURING_STATUSES,
  type ManufacturingOrderView,
  type ManufacturingStatus,
} from '@engraft/domain';
import { Alert, Anchor, Box, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatCellsIn, formatDate, formatDateTime, formatUnitsInText } from '../../format';

export const STATUS_COLORS: Record<ManufacturingStatus, string> = {
  ordered: 'gray',
  'slot-confirmed': 'indigo',
  collected: 'cyan',
  'shipped-to-manufacturer': 'blue',
  'in-manufacturing': 'violet',
  'shipped-to-centre': 'blue',
  received: 'green',
  thawed: 'orange',
  infused: 'teal',
  cancelled: 'gray',
  'manufacturing-failed': 'red',
};

export function Figure({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text fz={11} tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={800} lh={1.2}>
        {value}
      </Text>
      {hint && (
        <Text fz="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

/** A horizontal bar of the order's course: one segment per status, as long as it lasted. */
export function CourseBar({ order }: { order: ManufacturingOrderView }) {
  const [now] = useState(() => Date.now());
  const final = MANUFACTURING_FINAL.includes(order.status);
  const points = order.history.map((h) => ({ status: h.status, t: new Date(h.at).getTime() }));
  const end = final ? (points.at(-1)?.t ?? now) : Math.max(now, points.at(-1)?.t ?? 0);
  const start = points[0]?.t ?? end;
  const span = Math.max(end - start, 1);
  const segments = points
    .map((p, i) => ({ status: p.status, from: p.t, to: points[i + 1]?.t ?? end }))
    .filter((s, i, all) => s.to > s.from || i === all.length - 1);
  return (
    <Box aria-hidden>
      <Group gap={0} wrap="nowrap" h={18} style={{ borderRadius: 4, overflow: 'hidden' }}>
        {segments.map((s, i) => (
          <Tooltip
            key={i}
            label={`${MANUFACTURING_STATUSES[s.status]}: ${days(Math.round((s.to - s.from) / 86_400_000))}`}
          >
            <Box
              h="100%"
              bg={`${STATUS_COLORS[s.status]}.5`}
              style={{ flexGrow: Math.max((s.to - s.from) / span, 0.02), borderRight: '1px solid white' }}
            />
          </Tooltip>
        ))}
      </Group>
      <Group justify="space-between" mt={2}>
        <Text fz="xs" c="dimmed">
          {points[0] ? formatDateTime(new Date(start).toISOString()) : ''}
        </Text>
        <Text fz="xs" c="dimmed">
          {final ? formatDateTime(new Date(end).toISOString()) : 'now'}
        </Text>
      </Group>
    </Box>
  );
}

/** Vein-to-vein, turnaround and the received dose. */
export function OrderFigures({ order }: { order: ManufacturingOrderView }) {
  const v = order.veinToVein;
  const product = order.receivedProduct;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Figure
        testId="vein-to-vein"
        label="Vein-to-vein"
        value={v.days != null ? days(v.days) : v.daysSoFar != null ? `${days(v.daysSoFar)} so far` : '—'}
        hint={
          v.days != null
            ? `leukapheresis ${formatDate(v.collectedOn!)} → infusion ${formatDate(v.infusedOn!)}`
            : v.collectedOn
              ? `leukapheresis ${formatDate(v.collectedOn)}; not yet infused`
              : 'counts from leukapheresis; not collected yet'
        }
      />
      <Figure
        testId="turnaround"
        label="Manufacturing turnaround"
        value={v.turnaroundDays != null ? days(v.turnaroundDays) : '—'}
        hint={v.turnaroundDays != null ? 'shipped out → received' : 'from shipment out to receipt'}
      />
      <Figure
        label="Received dose"
        value={formatCellsIn(product?.carTCells, 6)}
        hint={
          product
            ? `CAR+ viable cells · ${order.receivedBags ?? '?'} bag${order.receivedBags === 1 ? '' : 's'}`
            : 'not received yet'
        }
      />
    </SimpleGrid>
  );
}

/** The product received for the order, with where it is now and its dose against the label. */
export function ReceivedProduct({ order }: { order: ManufacturingOrderView }) {
  const product = order.receivedProduct;
  if (!product) return null;
  return (
    <Paper withBorder p="sm" bg="green.0" aria-label="Received product">
      <Stack gap={4}>
        <Text fw={700}>
          Received product · DIN{' '}
          <span style={{ fontFamily: 'monospace' }}>
            {product.din} {product.dinCheckCharacter}
          </span>{' '}
          · {product.productCode} · division {product.division}
        </Text>
        <Text fz="sm">
          {product.description} · {product.cryopreserved ? 'cryopreserved' : 'fresh'}, status {product.status}
          {product.volumeMl != null ? ` · ${product.volumeMl} mL` : ''}
          {product.expiresAt ? ` · expires ${formatDate(product.expiresAt.slice(0, 10))}` : ''} · CoI {product.coi}{' '}
          verified at receipt
        </Text>
        <Anchor component={Link} to={`/products/${product.id}`} fz="sm" w="fit-content">
          Open the product page (release and thaw in the lab)
        </Anchor>
        {order.doseCheck && (
          <Alert
            color={order.doseCheck.withinLabel === false ? 'red' : order.doseCheck.withinLabel ? 'green' : 'yellow'}
            p="xs"
            data-testid="dose-check"
          >
            {formatUnitsInText(order.doseCheck.message)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
