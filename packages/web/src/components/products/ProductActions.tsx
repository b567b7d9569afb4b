// The lab's forms on a product page: processing step, storage, QC result, release signatures, thaw, discard,
// shipment and receipt. Each form validates with the shared @engraft/domain schema and shows the server's
// refusal (409 with what and why) under its button.
import {
  DiscardSchema,
  PROCESSING_STEPS,
  ProcessStepSchema,
  QC_TESTS,
  QcResultSchema,
  ReceiveSchema,
  ReleaseConfirmSchema,
  ReleaseExceptionSchema,
  ReleaseRequestSchema,
  ShipSchema,
  StoreSchema,
  ThawSchema,
} from '@engraft/domain';
import { Alert, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { ZodType } from 'zod';
import { api, ApiError, errorMessage } from '../../api';
import { SubmitButton } from '../SubmitButton';
import { fieldErrors, type ProductDetail } from './productApi';

type Values = Record<string, string | number>;
const num = (v: string | number | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: string | number | undefined): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function useAction(productId: string, path: string, schema: ZodType, toBody: (v: Values) => unknown, done: (d: ProductDetail) => void, success: string) {
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: string) => (v: string | number) => setValues((old) => ({ ...old, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = toBody(values);
    const fe = fieldErrors(schema, body);
    setErrors(fe ?? {});
    setError(null);
    if (fe) return;
    setBusy(true);
    try {
      const d = await api<ProductDetail>('POST', `/products/${productId}/${path}`, body);
      notifications.show({ color: 'teal', title: success, message: `${d.product.description} ${d.eyeReadable.din}` });
      setValues({});
      done(d);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { values, errors, error, busy, set, submit };
}

function ActionCard({ title, label, children, a, color }: { title: string; label: string; children?: ReactNode; a: ReturnType<typeof useAction>; color?: string }) {
  return (
    <Paper withBorder p="sm" component="form" onSubmit={(e: FormEvent) => void a.submit(e)} noValidate aria-label={title}>
      <Stack gap="xs">
        <Title order={4} fz="h5">
          {title}
        </Title>
        {children}
        <Group>
          <SubmitButton loading={a.busy} variant="light" color={color ?? 'teal'}>
            {label}
          </SubmitButton>
        </Group>
        {a.error && (
          <Alert color="red" role="alert">
            {a.error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function Counts({ a, prefix }: { a: ReturnType<typeof useAction>; prefix: string }) {
  const field = (k: string, label: string, placeholder: string) => (
    <NumberInput key={k} label={label} placeholder={placeholder} value={a.values[k] ?? ''} onChange={a.set(k)} error={a.errors[`${prefix}.${k}`]} hideControls />
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
      {field('volumeMl', 'Volume (mL)', 'e.g. 100')}
      {field('tncCells', 'TNC (cells)', 'e.g. 4e10')}
      {field('cd34Cells', 'CD34+ (cells)', 'e.g. 3.5e8')}
      {field('cd3Cells', 'CD3+ (cells)', 'e.g. 2e9')}
      {field('viabilityPct', 'Viability (%)', 'e.g. 95')}
    </SimpleGrid>
  );
}
const countsOf = (v: Values) => {
  const c: Record<string, number> = {};
  for (const k of ['volumeMl', 'tncCells', 'cd34Cells', 'cd3Cells', 'viabilityPct']) {
    const n = num(v[k]);
    if (n !== undefined) c[k] = n;
  }
  return c;
};
function Location({ a, prefix }: { a: ReturnType<typeof useAction>; prefix: string }) {
  const field = (k: string, label: string, placeholder: string) => (
    <TextInput key={k} label={label} placeholder={placeholder} value={String(a.values[k] ?? '')} onChange={(e) => a.set(k)(e.currentTarget.value)} error={a.errors[`${prefix}.${k}`]} />
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      {field('freezer', 'Freezer / tank', 'e.g. LN2 tank 1')}
      {field('rack', 'Rack', 'e.g. 3')}
      {field('box', 'Box', 'e.g. B')}
      {field('position', 'Position', 'e.g. 12')}
    </SimpleGrid>
  );
}
const locationOf = (v: Values) => {
  const freezer = str(v.freezer);
  if (!freezer && !str(v.rack) && !str(v.box) && !str(v.position)) return undefined;
  return { freezer: freezer ?? '', ...(str(v.rack) ? { rack: str(v.rack) } : {}), ...(str(v.box) ? { box: str(v.box) } : {}), ...(str(v.position) ? { position: str(v.position) } : {}) };
};
const select = (a: ReturnType<typeof useAction>, k: string, label: string, data: { value: string; label: string }[]) => (
  <NativeSelect label={label} data={[{ value: '', label: 'Choose…' }, ...data]} value={String(a.values[k] ?? '')} onChange={(e) => a.set(k)(e.currentTarget.value)} error={a.errors[k]} />
);
const text = (a: ReturnType<typeof useAction>, k: string, label: string, placeholder?: string) => (
  <TextInput label={label} placeholder={placeholder} value={String(a.values[k] ?? '')} onChange={(e) => a.set(k)(e.currentTarget.value)} error={a.errors[k]} />
);

export function ProductActions({ detail, onChanged }: { detail: ProductDetail; onChanged: (d: ProductDetail) => void }) {
  const p = detail.product;
  const id = p.id;
  const process = useAction(id, 'processing', ProcessStepSchema, (v) => ({ step: str(v.step), counts: countsOf(v), ...(v.step === 'cryopreservation' && locationOf(v) ? { storage: locationOf(v) } : {}) }), onChanged, 'Processing step recorded');
  const storeA = useAction(id, 'storage', StoreSchema, (v) => ({ location: locationOf(v) ?? { freezer: '' } }), onChanged, 'Storage location recorded');
  const qc = useAction(id, 'qc', QcResultSchema, (v) => ({ test: str(v.test), ...(str(v.outcome) ? { outcome: str(v.outcome) } : {}), ...(num(v.value) !== undefined ? { value: num(v.value) } : {}), ...(str(v.unit) ? { unit: str(v.unit) } : {}), ...(str(v.organism) ? { organism: str(v.organism) } : {}) }), onChanged, 'QC result recorded');
  const request = useAction(id, 'release-request', ReleaseRequestSchema, (v) => (str(v.note) ? { note: str(v.note) } : {}), onChanged, 'Release requested (first signature)');
  const confirm = useAction(id, 'release', ReleaseConfirmSchema, (v) => (str(v.note) ? { note: str(v.note) } : {}), onChanged, 'Product released (second signature)');
  const thaw = useAction(id, 'thaw', ThawSchema, (v) => ({ counts: countsOf(v) }), onChanged, 'Thaw recorded');
  const discard = useAction(id, 'discard', DiscardSchema, (v) => ({ reason: String(v.reason ?? '') }), onChanged, 'Product discarded');
  const ship = useAction(id, 'ship', ShipSchema, (v) => ({ destination: String(v.destination ?? ''), ...(str(v.courier) ? { courier: str(v.courier) } : {}) }), onChanged, 'Shipment recorded');
  const receive = useAction(id, 'receive', ReceiveSchema, (v) => ({ condition: str(v.condition), ...(str(v.from) ? { from: str(v.from) } : {}), ...(locationOf(v) ? { storage: locationOf(v) } : {}) }), onChanged, 'Receipt recorded');

  const final = p.status === 'infused' || p.status === 'discarded';
  if (final) return <Text c="dimmed">This product is {p.status}: nothing more is done to it.</Text>;
  const canProcess = ['collected', 'processing', 'stored'].includes(p.status);
  const awaitingSecond = p.releaseRequestedBy != null && p.status !== 'released';

  return (
    <Stack gap="sm">
      {canProcess && (
        <ActionCard title="Release" label={awaitingSecond ? 'Confirm release (second signature)' : 'Request release (first signature)'} a={awaitingSecond ? confirm : request}>
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
          {select(process, 'step', 'Step', Object.entries(PROCESSING_STEPS).map(([value, label]) => ({ value, label })))}
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
          {select(qc, 'test', 'Test', Object.entries(QC_TESTS).map(([value, label]) => ({ value, label })))}
          {select(qc, 'outcome', 'Outcome', ['negative', 'positive', 'pending'].map((v) => ({ value: v, label: v })))}
          <NumberInput label="Value" value={qc.values.value ?? ''} onChange={qc.set('value')} error={qc.errors.value} hideControls />
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
      <ActionCard title="Discard" label="Discard product" a={discard} color="red">
        {text(discard, 'reason', 'Reason', 'e.g. bag damaged')}
      </ActionCard>
    </Stack>
  );
}

/** A physician's exceptional release of a product with a positive culture (ADR 0510). */
export function ExceptionalReleaseForm({ detail, onChanged }: { detail: ProductDetail; onChanged: (d: ProductDetail) => void }) {
  const a = useAction(detail.product.id, 'release-exception', ReleaseExceptionSchema, (v) => ({ reason: String(v.reason ?? '') }), onChanged, 'Exceptional release authorised');
  return (
    <ActionCard title="Exceptional release (physician)" label="Authorise release despite positive culture" a={a} color="orange">
      <Text fz="sm">The sterility culture is positive. Release is blocked unless a physician authorises it with the reason.</Text>
      {text(a, 'reason', 'Reason', 'e.g. no alternative graft; organism sensitive to the antibiotic cover')}
    </ActionCard>
  );
}
