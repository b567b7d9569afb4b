// One manufacturing order: its Chain of Identity, where it is (stepper and next-step buttons), vein-to-vein
// and turnaround, the chain of custody and, once shipped back, the receipt of the product. After the receipt the
// order follows its product: thawed in the lab, then infused at the bedside.
import {
  MANUFACTURING_JOURNEY,
  MANUFACTURING_PATH,
  MANUFACTURING_STATUSES,
  type ManufacturingStatus,
  MANUFACTURING_WRITERS,
  type Role,
  type ManufacturingOrderView,
} from '@engraft/domain';
import { Alert, Badge, Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../format';
import { hasAnyRole } from '../../session';
import { useMoveOrder } from './api';
import { CustodyForm, CustodyTable } from './CustodySection';
import { CourseBar, OrderFigures, ReceivedProduct, STATUS_COLORS } from './OrderFigures';
import { ReceiptForm } from './ReceiptForm';
import { localToIso, spacedCoi } from './types';
import { DateTimeField } from '../../components/DateTimeField';

const STEP_LABELS: Partial<Record<ManufacturingStatus, string>> = {
  collected: 'Collected',
  'shipped-to-manufacturer': 'Shipped out',
  'shipped-to-centre': 'Shipped back',
};

export function OrderCard({ order, roles }: { order: ManufacturingOrderView; roles: readonly Role[] }) {
  const canWrite = hasAnyRole(roles, MANUFACTURING_WRITERS);
  const [when, setWhen] = useState('');
  const moving = useMoveOrder(order);
  const [busy, setBusy] = useState<ManufacturingStatus | null>(null);
  const stopped = order.status === 'cancelled' || order.status === 'manufacturing-failed';
  const reached = stopped
    ? order.history.filter((h) => MANUFACTURING_PATH.includes(h.status)).length - 1
    : MANUFACTURING_JOURNEY.indexOf(order.status);

  const move = async (status: ManufacturingStatus) => {
    if (
      (status === 'cancelled' || status === 'manufacturing-failed') &&
      !window.confirm(`${MANUFACTURING_STATUSES[status]}: this ends order ${order.coi}. Continue?`)
    ) {
      return;
    }
    setBusy(status);
    const saved = await moving.submit({ status, ...(when ? { at: localToIso(when) } : {}) });
    setBusy(null);
    if (saved) setWhen('');
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
          active={order.status === 'infused' ? MANUFACTURING_JOURNEY.length : reached + 1}
          size="xs"
          aria-label="Order progress"
        >
          {MANUFACTURING_JOURNEY.map((s) => {
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
            <DateTimeField label="When" description="empty: now" value={when} onChange={setWhen} w={210} />
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
        {moving.error && (
          <Alert color="red" title="Not changed" withCloseButton onClose={moving.reset}>
            {moving.error}
          </Alert>
        )}

        <OrderFigures order={order} />
        {order.history.length > 1 && <CourseBar order={order} />}

        <ReceivedProduct order={order} />

        <Stack gap="xs">
          <Title order={3} fz="h5">
            Chain of custody
          </Title>
          <CustodyTable events={order.custody} />
          {canWrite && order.status !== 'cancelled' && order.status !== 'infused' && (
            <CustodyForm key={order.status} order={order} />
          )}
        </Stack>

        {canWrite && order.status === 'shipped-to-centre' && <ReceiptForm order={order} />}
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
