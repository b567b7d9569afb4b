// The lab's forms on a product page: processing step, storage, QC result, release signatures, thaw, discard,
// shipment and receipt. Each form validates with the shared @engraft/domain schema and shows the server's
// refusal (409 with what and why) under its button. Counts are typed in NumericField (4e10, 4.0×10^10 …) and sent
// exactly as typed; an implausible count is confirmed with a reason (useConfirmations). Discard is two-person.
import {
  DiscardCancelSchema,
  DiscardRequestSchema,
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
  type ProductDetail,
  ProductDetailSchema,
} from '@engraft/domain';
import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { ZodType } from 'zod';
import { ApiError, apiSend, errorMessage } from '../../api';
import { NumericField } from '../NumericField';
import { ReasonModal } from '../safety/ReasonModal';
import { useConfirmations } from '../safety/useConfirmations';
import { SubmitButton } from '../SubmitButton';
import { fieldErrors } from './productApi';

type Values = Record<string, string | number>;
/** A number field's value as the body sends it: the number, or the text typed when it is not one (the schema refuses it, naming the field); undefined when empty. */
const num = (v: string | number | undefined): number | string | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? v : undefined;
const str = (v: string | number | undefined): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;

function useAction(
  productId: string,
  path: string,
  schema: ZodType,
  toBody: (v: Values) => unknown,
  done: (d: ProductDetail) => void,
  success: string
) {
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { withConfirmations, dialog } = useConfirmations();
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
      const d = await withConfirmations((confirmations) =>
        apiSend(
          'POST',
          `/products/${productId}/${path}`,
          confirmations.length ? { ...(body as object), confirmations } : body,
          ProductDetailSchema
        )
      );
      if (!d) return;
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
  return { values, errors, error, busy, set, submit, dialog };
}

function ActionCard({
  title,
  label,
  children,
  a,
  color,
}: {
  title: string;
  label: string;
  children?: ReactNode;
  a: ReturnType<typeof useAction>;
  color?: string;
}) {
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      onSubmit={(e: FormEvent) => void a.submit(e)}
      noValidate
      aria-label={title}
    >
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
      {a.dialog}
    </Paper>
  );
}

function Counts({ a, prefix }: { a: ReturnType<typeof useAction>; prefix: string }) {
  const field = (k: string, label: string, placeholder: string, unit: string) => (
    <NumericField
      key={k}
      label={label}
      placeholder={placeholder}
      unit={unit}
      showParsed={unit === 'cells'}
      value={a.values[k] ?? ''}
      onChange={a.set(k)}
      error={a.errors[`${prefix}.${k}`]}
    />
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
      {field('volumeMl', 'Volume (mL)', 'e.g. 100', 'mL')}
      {field('tncCells', 'TNC (cells)', 'e.g. 4e10', 'cells')}
      {field('cd34Cells', 'CD34+ (cells)', 'e.g. 3.5e8', 'cells')}
      {field('cd3Cells', 'CD3+ (cells)', 'e.g. 2e9', 'cells')}
      {field('viabilityPct', 'Viability (%)', 'e.g. 95', '%')}
    </SimpleGrid>
  );
}
const countsOf = (v: Values) => {
  const c: Record<string, number | string> = {};
  for (const k of ['volumeMl', 'tncCells', 'cd34Cells', 'cd3Cells', 'viabilityPct']) {
    const n = num(v[k]);
    if (n !== undefined) c[k] = n;
  }
  return c;
};
function Location({ a, prefix }: { a: ReturnType<typeof useAction>; prefix: string }) {
  const field = (k: string, label: string, placeholder: string) => (
    <TextInput
      key={k}
      label={label}
      placeholder={placeholder}
      value={String(a.values[k] ?? '')}
      onChange={(e) => a.set(k)(e.currentTarget.value)}
      error={a.errors[`${prefix}.${k}`]}
    />
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
  return {
    freezer: freezer ?? '',
    ...(str(v.rack) ? { rack: str(v.rack) } : {}),
    ...(str(v.box) ? { box: str(v.box) } : {}),
    ...(str(v.position) ? { position: str(v.position) } : {}),
  };
};
const select = (
  a: ReturnType<typeof useAction>,
  k: string,
  label: string,
  data: { value: string; label: string }[]
) => (
  <NativeSelect
    label={label}
    data={[{ value: '', label: 'Choose…' }, ...data]}
    value={String(a.values[k] ?? '')}
    onChange={(e) => a.set(k)(e.currentTarget.value)}
    error={a.errors[k]}
  />
);
const text = (a: ReturnType<typeof useAction>, k: string, label: string, placeholder?: string) => (
  <TextInput
    label={label}
    placeholder={placeholder}
    value={String(a.values[k] ?? '')}
    onChange={(e) => a.set(k)(e.currentTarget.value)}
    error={a.errors[k]}
  />
);

export function ProductActions({
  detail,
  onChanged,
}: {
  detail: ProductDetail;
  onChanged: (d: ProductDetail) => void;
}) {
  const p = detail.product;
  const id = p.id;
  const process = useAction(
    id,
    'processing',
    ProcessStepSchema,
    (v) => ({
      step: str(v.step),
      counts: countsOf(v),
      ...(v.step === 'cryopreservation' && locationOf(v) ? { storage: locationOf(v) } : {}),
    }),
    onChanged,
    'Processing step recorded'
  );
  const storeA = useAction(
    id,
    'storage',
    StoreSchema,
    (v) => ({ location: locationOf(v) ?? { freezer: '' } }),
    onChanged,
    'Storage location recorded'
  );
  const qc = useAction(
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
    onChanged,
    'QC result recorded'
  );
  const request = useAction(
    id,
    'release-request',
    ReleaseRequestSchema,
    (v) => (str(v.note) ? { note: str(v.note) } : {}),
    onChanged,
    'Release requested (first signature)'
  );
  const confirm = useAction(
    id,
    'release',
    ReleaseConfirmSchema,
    (v) => (str(v.note) ? { note: str(v.note) } : {}),
    onChanged,
    'Product released (second signature)'
  );
  const thaw = useAction(id, 'thaw', ThawSchema, (v) => ({ counts: countsOf(v) }), onChanged, 'Thaw recorded');
  const ship = useAction(
    id,
    'ship',
    ShipSchema,
    (v) => ({ destination: String(v.destination ?? ''), ...(str(v.courier) ? { courier: str(v.courier) } : {}) }),
    onChanged,
    'Shipment recorded'
  );
  const receive = useAction(
    id,
    'receive',
    ReceiveSchema,
    (v) => ({
      condition: str(v.condition),
      ...(str(v.from) ? { from: str(v.from) } : {}),
      ...(locationOf(v) ? { storage: locationOf(v) } : {}),
    }),
    onChanged,
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
      <DiscardCard detail={detail} onChanged={onChanged} />
    </Stack>
  );
}

type DiscardStep = 'request' | 'confirm' | 'cancel';
const DISCARD: Record<DiscardStep, { path: string; schema: ZodType; title: string; label: string; done: string }> = {
  request: {
    path: 'discard-request',
    schema: DiscardRequestSchema,
    title: 'Request discard (first person)',
    label: 'Request discard',
    done: 'Discard requested: a second lab user must confirm it',
  },
  confirm: {
    path: 'discard',
    schema: DiscardSchema,
    title: 'Confirm discard (second person)',
    label: 'Confirm discard',
    done: 'Product discarded',
  },
  cancel: {
    path: 'discard-cancel',
    schema: DiscardCancelSchema,
    title: 'Cancel the discard request',
    label: 'Cancel discard request',
    done: 'Discard request cancelled',
  },
};

/**
 * Discard is two-person, like release (ADR 0511): a first lab user requests it with a reason, a second, different
 * lab user confirms it with their own reason, or cancels the request. Each step asks for its reason in a dialog.
 */
function DiscardCard({ detail, onChanged }: { detail: ProductDetail; onChanged: (d: ProductDetail) => void }) {
  const [step, setStep] = useState<DiscardStep | null>(null);
  const pending = detail.discardRequest;
  const irreplaceable = detail.autologous || detail.product.kind === 'car-t';
  const run = async (s: DiscardStep, reason: string) => {
    const body = { reason };
    const fe = fieldErrors(DISCARD[s].schema, body);
    if (fe) throw new Error(Object.values(fe).join('; '));
    const d = await apiSend('POST', `/products/${detail.product.id}/${DISCARD[s].path}`, body, ProductDetailSchema);
    notifications.show({
      color: s === 'cancel' ? 'teal' : 'red',
      title: DISCARD[s].done,
      message: `${d.product.description} ${d.eyeReadable.din}`,
    });
    onChanged(d);
  };
  return (
    <Paper withBorder p="sm" component="section" aria-label="Discard">
      <Stack gap="xs">
        <Title order={4} fz="h5">
          Discard
        </Title>
        {pending ? (
          <Text fz="sm">{`Requested by ${pending.requestedBy ?? 'a lab user'}: a different lab user confirms the discard, or cancels the request.`}</Text>
        ) : (
          <Text fz="sm">
            A first lab user requests the discard with a reason; a second, different lab user confirms it. Until then
            the product is kept.
          </Text>
        )}
        <Group>
          {pending ? (
            <>
              <Button color="red" variant="light" onClick={() => setStep('confirm')}>
                Confirm discard (second person)
              </Button>
              <Button variant="default" onClick={() => setStep('cancel')}>
                Cancel discard request
              </Button>
            </>
          ) : (
            <Button color="red" variant="light" onClick={() => setStep('request')}>
              Request discard
            </Button>
          )}
        </Group>
      </Stack>
      <ReasonModal
        opened={step != null}
        title={step ? DISCARD[step].title : ''}
        confirmLabel={step ? DISCARD[step].label : ''}
        color={step === 'cancel' ? 'teal' : 'red'}
        onClose={() => setStep(null)}
        onConfirm={(reason) => run(step!, reason)}
      >
        <Stack gap="xs">
          {irreplaceable && step !== 'cancel' && (
            <Alert color="red" title="This product is irreplaceable">
              {detail.product.kind === 'car-t'
                ? 'A CAR-T product is manufactured from the patient’s own cells'
                : 'An autologous product holds the patient’s own cells'}
              : once discarded it cannot be collected again without a new mobilisation or manufacture, if at all.
            </Alert>
          )}
          <Text fz="sm">
            {step === 'request'
              ? 'The product is kept until a second, different lab user confirms the discard.'
              : step === 'confirm'
                ? 'The product will be discarded. This cannot be undone.'
                : 'The product is kept; the discard request is withdrawn.'}
          </Text>
        </Stack>
      </ReasonModal>
    </Paper>
  );
}

/** A physician's exceptional release of a product with a positive culture (ADR 0510). */
export function ExceptionalReleaseForm({
  detail,
  onChanged,
}: {
  detail: ProductDetail;
  onChanged: (d: ProductDetail) => void;
}) {
  const a = useAction(
    detail.product.id,
    'release-exception',
    ReleaseExceptionSchema,
    (v) => ({ reason: String(v.reason ?? '') }),
    onChanged,
    'Exceptional release authorised'
  );
  return (
    <ActionCard
      title="Exceptional release (physician)"
      label="Authorise release despite positive culture"
      a={a}
      color="orange"
    >
      <Text fz="sm">
        The sterility culture is positive. Release is blocked unless a physician authorises it with the reason.
      </Text>
      {text(a, 'reason', 'Reason', 'e.g. no alternative graft; organism sensitive to the antibiotic cover')}
    </ActionCard>
  );
}
