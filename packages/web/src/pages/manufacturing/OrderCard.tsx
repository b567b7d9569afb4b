// One manufacturing order: its Chain of Identity, where it is (stepper and next-step buttons), vein-to-vein
// and turnaround, the chain of custody and, once shipped back, the receipt of the product.
import {
  MANUFACTURING_PATH,
  MANUFACTURING_STATUSES,
  type ManufacturingStatus,
  MANUFACTURING_WRITERS,
  type Role,
  type ManufacturingOrderView,
  ManufacturingOrderViewSchema,
} from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { apiSend, errorMessage } from '../../api';
import { formatDate } from '../../format';
import { hasAnyRole } from '../../session';
import { CustodyForm, CustodyTable } from './CustodySection';
import { ReceiptForm } from './ReceiptForm';
import { formatDateTime, localToIso, spacedCoi } from './types';

const STATUS_COLORS: Record<ManufacturingStatus, string> = {
  ordered: 'gray',
  'slot-confirmed': 'indigo',
  collected: 'cyan',
  'shipped-to-manufacturer': 'blue',
  'in-manufacturing': 'violet',
  'shipped-to-centre': 'blue',
  received: 'green',
  cancelled: 'gray',
  'manufacturing-failed': 'red',
};

const STEP_LABELS: Partial<Record<ManufacturingStatus, string>> = {
  collected: 'Collected',
  'shipped-to-manufacturer': 'Shipped out',
  'shipped-to-centre': 'Shipped back',
};

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
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
function CourseBar({ order }: { order: ManufacturingOrderView }) {
  const [now] = useState(() => Date.now());
  const final = ['received', 'cancelled', 'manufacturing-failed'].includes(order.status);
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

export function OrderCard({
  order,
  roles,
  onChanged,
}: {
  order: ManufacturingOrderView;
  roles: readonly Role[];
  onChanged: (o: ManufacturingOrderView) => void;
}) {
  const canWrite = hasAnyRole(roles, MANUFACTURING_WRITERS);
  const [when, setWhen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const stopped = order.status === 'cancelled' || order.status === 'manufacturing-failed';
  const reached = stopped
    ? order.history.filter((h) => MANUFACTURING_PATH.includes(h.status)).length - 1
    : MANUFACTURING_PATH.indexOf(order.status);
  const v = order.veinToVein;
  const product = order.receivedProduct;

  const move = async (status: ManufacturingStatus) => {
    if (
      (status === 'cancelled' || status === 'manufacturing-failed') &&
      !window.confirm(`${MANUFACTURING_STATUSES[status]}: this ends order ${order.coi}. Continue?`)
    ) {
      return;
    }
    setBusy(status);
    setError(null);
    try {
      onChanged(
        await apiSend(
          'POST',
          `/manufacturing-orders/${order.id}/status`,
          {
            status,
            ...(when ? { at: localToIso(when) } : {}),
          },
          ManufacturingOrderViewSchema
        )
      );
      setWhen('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const forward = order.nextStatuses.filter((s) => MANUFACTURING_PATH.includes(s));
  const stops = order.nextStatuses.filter((s) => !MANUFACTURING_PATH.includes(s));

  return (
    <Paper withBorder p="lg" component="article" aria-label={`Order ${order.coi}`} data-testid="manufacturing-order">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} fz="h3">
              {order.productLabel}
            </Title>
            <Text c="dimmed" fz="sm">
              {order.commercial ? 'Commercial CAR-T' : `In-house / trial: ${order.cellOrigin} ${order.cellType} cells`}
              {order.manufacturer ? ` · ${order.manufacturer}` : ''}
              {order.slotOn ? ` · collection slot ${formatDate(order.slotOn)}` : ''}
              {order.targetDose ? ` · target dose ${order.targetDose}` : ''}
            </Text>
            <Badge mt={6} color={STATUS_COLORS[order.status]} size="lg" data-testid="order-status">
              {MANUFACTURING_STATUSES[order.status]}
            </Badge>
          </div>
          <Paper
            bg="dark.7"
            c="white"
            px="md"
            py="xs"
            radius="md"
            aria-label={`Chain of Identity ${order.coi}`}
            data-testid="coi"
          >
            <Text fz={11} tt="uppercase" fw={700} c="yellow.3">
              Chain of Identity
            </Text>
            <Text fz={26} fw={800} ff="monospace" lh={1.2} style={{ letterSpacing: 1 }}>
              {spacedCoi(order.coi)}
            </Text>
            <Text fz={11} c="gray.4">
              {order.coiSource === 'assigned' ? 'assigned by this centre' : 'from the manufacturer / sponsor'} · on
              every bag, cassette and certificate
            </Text>
          </Paper>
        </Group>

        {stopped ? (
          <Alert color={order.status === 'cancelled' ? 'gray' : 'red'} title={MANUFACTURING_STATUSES[order.status]}>
            {order.history.at(-1)?.note ?? ''} This order is closed
            {order.status === 'manufacturing-failed' ? '; place a new order to re-manufacture.' : '.'}
          </Alert>
        ) : null}

        <Stepper
          active={order.status === 'received' ? MANUFACTURING_PATH.length : reached + 1}
          size="xs"
          aria-label="Order progress"
        >
          {MANUFACTURING_PATH.map((s) => {
            const h = order.history.find((x) => x.status === s);
            return (
              <Stepper.Step
                key={s}
                label={STEP_LABELS[s] ?? MANUFACTURING_STATUSES[s]}
                description={h ? formatDateTime(h.at) : undefined}
              />
            );
          })}
        </Stepper>

        {canWrite && order.nextStatuses.length > 0 && (
          <Group align="flex-end" gap="sm">
            <TextInput
              label="When"
              description="empty: now"
              type="datetime-local"
              value={when}
              onChange={(e) => setWhen(e.currentTarget.value)}
              w={210}
            />
            {forward.map((s) => (
              <Button key={s} onClick={() => void move(s)} loading={busy === s}>
                Mark {MANUFACTURING_STATUSES[s].toLowerCase()}
              </Button>
            ))}
            {stops.map((s) => (
              <Button key={s} color="red" variant="outline" onClick={() => void move(s)} loading={busy === s}>
                {s === 'cancelled' ? 'Cancel order' : 'Manufacturing failed'}
              </Button>
            ))}
          </Group>
        )}
        {order.status === 'shipped-to-centre' && (
          <Text fz="sm" c="dimmed">
            Next: receive the product below (the order becomes received with it).
          </Text>
        )}
        {error && (
          <Alert color="red" title="Not changed" withCloseButton onClose={() => setError(null)}>
            {error}
          </Alert>
        )}

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
            value={
              product?.carTCells != null
                ? `${(product.carTCells / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} ×10⁶`
                : '—'
            }
            hint={
              product
                ? `CAR+ viable cells · ${order.receivedBags ?? '?'} bag${order.receivedBags === 1 ? '' : 's'}`
                : 'not received yet'
            }
          />
        </SimpleGrid>
        {order.history.length > 1 && <CourseBar order={order} />}

        {product && (
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
                {product.expiresAt ? ` · expires ${formatDate(product.expiresAt.slice(0, 10))}` : ''} · CoI{' '}
                {product.coi} verified at receipt
              </Text>
              <Anchor component={Link} to={`/products/${product.id}`} fz="sm" w="fit-content">
                Open the product page (release and thaw in the lab)
              </Anchor>
              {order.doseCheck && (
                <Alert
                  color={
                    order.doseCheck.withinLabel === false ? 'red' : order.doseCheck.withinLabel ? 'green' : 'yellow'
                  }
                  p="xs"
                  data-testid="dose-check"
                >
                  {order.doseCheck.message}
                </Alert>
              )}
            </Stack>
          </Paper>
        )}

        <Stack gap="xs">
          <Title order={3} fz="h5">
            Chain of custody
          </Title>
          <CustodyTable events={order.custody} />
          {canWrite && order.status !== 'cancelled' && (
            <CustodyForm key={order.status} order={order} onSaved={onChanged} />
          )}
        </Stack>

        {canWrite && order.status === 'shipped-to-centre' && <ReceiptForm order={order} onSaved={onChanged} />}
        <Text fz="xs" c="dimmed">
          Ordered {formatDateTime(order.history[0]?.at ?? order.createdAt)}
          {order.createdBy ? ` by ${order.createdBy}` : ''}
          {order.history.at(-1) && order.history.length > 1
            ? ` · last change by ${order.history.at(-1)!.recordedBy ?? 'the system'}`
            : ''}
        </Text>
      </Stack>
    </Paper>
  );
}
