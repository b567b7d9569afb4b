// The lab's forms on a product page: processing step, storage, QC result, release signatures, thaw, discard,
// shipment and receipt, each shown only in the statuses where the server accepts it. Each form validates with the
// shared @engraft/domain schema and shows the server's refusal (409 with what and why) under its button. Counts
// are typed in NumericField (4e10, 4.0×10^10 …) and sent exactly as typed; an implausible count is confirmed
// with a reason (useConfirmations). Release and discard are two-person.
import {
  PROCESSING_STEPS,
  ProcessStepSchema,
  QC_TESTS,
  QcResultSchema,
  ReceiveSchema,
  ReleaseConfirmSchema,
  ReleaseRequestSchema,
  ShipSchema,
  StoreSchema,
  ThawSchema,
  type ProductDetail,
} from '@engraft/domain';
import { Group, Stack, Text } from '@mantine/core';
import { NumericField } from '../../components/NumericField';
import { ActionCard, useActionForm } from './actionForm';
import { Counts, countsOf, Location, locationOf, num, select, str, text } from './actionFields';
import { DiscardCard } from './DiscardCard';

export function ProductActions({ detail }: { detail: ProductDetail }) {
  const p = detail.product;
  const id = p.id;
  const process = useActionForm(
    id,
    'processing',
    ProcessStepSchema,
    (v) => ({
      step: str(v.step),
      counts: countsOf(v),
      ...(v.step === 'cryopreservation' && locationOf(v) ? { storage: locationOf(v) } : {}),
    }),
    'Processing step recorded'
  );
  const storeA = useActionForm(
    id,
    'storage',
    StoreSchema,
    (v) => ({ location: locationOf(v) ?? { freezer: '' } }),
    'Storage location recorded'
  );
  const qc = useActionForm(
    id,
    'qc',
    QcResultSchema,
    (v) => ({
      test: str(v.test),
      ...(str(v.outcome) ? { outcome: str(v.outcome) } : {}),
      ...(num(v.value) !== undefined ? { value: num(v.value) } : {}),
      ...(str(v.unit) ? { unit: str(v.unit) } : {}),
      ...(str(v.organism) ? { organism: str(v.organism) } : {}),
    }),
    'QC result recorded'
  );
  const request = useActionForm(
    id,
    'release-request',
    ReleaseRequestSchema,
    (v) => (str(v.note) ? { note: str(v.note) } : {}),
    'Release requested (first signature)'
  );
  const confirm = useActionForm(
    id,
    'release',
    ReleaseConfirmSchema,
    (v) => (str(v.note) ? { note: str(v.note) } : {}),
    'Product released (second signature)'
  );
  const thaw = useActionForm(id, 'thaw', ThawSchema, (v) => ({ counts: countsOf(v) }), 'Thaw recorded');
  const ship = useActionForm(
    id,
    'ship',
    ShipSchema,
    (v) => ({ destination: String(v.destination ?? ''), ...(str(v.courier) ? { courier: str(v.courier) } : {}) }),
    'Shipment recorded'
  );
  const receive = useActionForm(
    id,
    'receive',
    ReceiveSchema,
    (v) => ({
      condition: str(v.condition),
      ...(str(v.from) ? { from: str(v.from) } : {}),
      ...(locationOf(v) ? { storage: locationOf(v) } : {}),
    }),
    'Receipt recorded'
  );

  const final = p.status === 'infused' || p.status === 'discarded';
  if (final) return <Text c="dimmed">This product is {p.status}: nothing more is done to it.</Text>;
  const canProcess = ['collected', 'processing', 'stored'].includes(p.status);
  const awaitingSecond = p.releaseRequestedBy != null && p.status !== 'released';

  return (
    <Stack gap="sm">
      {canProcess && (
        <ActionCard
          title="Release"
          label={awaitingSecond ? 'Confirm release (second signature)' : 'Request release (first signature)'}
          a={awaitingSecond ? confirm : request}
        >
          <Text fz="sm">
            {awaitingSecond
              ? `Release was requested by ${p.releaseRequestedBy}. A different lab user confirms it.`
              : 'A first lab user reviews the record and requests release; a second, different lab user confirms it.'}
          </Text>
          {text(awaitingSecond ? confirm : request, 'note', 'Note (optional)')}
        </ActionCard>
      )}
      {canProcess && (
        <ActionCard title="Processing step" label="Record step" a={process}>
          {select(
            process,
            'step',
            'Step',
            Object.entries(PROCESSING_STEPS).map(([value, label]) => ({ value, label }))
          )}
          <Text fz="xs" c="dimmed">
            Post-processing counts (absolute numbers; leave blank what was not measured).
          </Text>
          <Counts a={process} prefix="counts" />
          {process.values.step === 'cryopreservation' && <Location a={process} prefix="storage" />}
        </ActionCard>
      )}
      {(canProcess || p.status === 'released' || p.status === 'shipped') && (
        <ActionCard title={p.storage ? 'Move in storage' : 'Store'} label={p.storage ? 'Move' : 'Store'} a={storeA}>
          <Location a={storeA} prefix="location" />
        </ActionCard>
      )}
      <ActionCard title="QC result" label="Record result" a={qc}>
        <Group grow align="flex-start">
          {select(
            qc,
            'test',
            'Test',
            Object.entries(QC_TESTS).map(([value, label]) => ({ value, label }))
          )}
          {select(
            qc,
            'outcome',
            'Outcome',
            ['negative', 'positive', 'pending'].map((v) => ({ value: v, label: v }))
          )}
          <NumericField
            label="Value"
            value={qc.values.value ?? ''}
            onChange={qc.set('value')}
            error={qc.errors.value}
            unit={qc.values.test === 'cd34' ? 'cells' : qc.values.test === 'viability' ? '%' : undefined}
          />
          {text(qc, 'unit', 'Unit', 'e.g. %, EU/mL')}
        </Group>
        {qc.values.outcome === 'positive' && text(qc, 'organism', 'Organism', 'e.g. S. epidermidis')}
      </ActionCard>
      {p.status === 'released' && p.cryopreserved && (
        <ActionCard title="Thaw" label="Record thaw" a={thaw}>
          <Text fz="xs" c="dimmed">
            Post-thaw counts.
          </Text>
          <Counts a={thaw} prefix="counts" />
        </ActionCard>
      )}
      {['collected', 'stored', 'released'].includes(p.status) && (
        <ActionCard title="Ship" label="Record shipment" a={ship}>
          <Group grow>
            {text(ship, 'destination', 'Destination', 'e.g. Partner centre cryo lab')}
            {text(ship, 'courier', 'Courier (optional)')}
          </Group>
        </ActionCard>
      )}
      {p.status === 'shipped' && (
        <ActionCard title="Receive" label="Record receipt" a={receive}>
          <Group grow>
            {select(receive, 'condition', 'Received', [
              { value: 'frozen', label: 'Frozen (stored)' },
              { value: 'fresh', label: 'Fresh' },
            ])}
            {text(receive, 'from', 'From')}
          </Group>
          <Location a={receive} prefix="storage" />
        </ActionCard>
      )}
      <DiscardCard detail={detail} />
    </Stack>
  );
}
