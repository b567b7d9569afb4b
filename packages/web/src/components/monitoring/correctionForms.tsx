// Correcting or deleting a recorded lab result or transfusion: each needs a reason, which the server keeps with
// the before/after in the audit trail; a corrected value outside the usual range needs its own confirmation.
import { formatDay } from '@engraft/clinical';
import {
  ANALYTES,
  CHIMERISM_LINEAGES,
  DeletionSchema,
  ObservationCorrectionSchema,
  TRANSFUSION_PRODUCTS,
  TransfusionCorrectionSchema,
} from '@engraft/domain';
import { Group, NativeSelect, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { formatDate } from '../../format';
import { zodResolver } from '../../zodResolver';
import { NumericField } from '../NumericField';
import { useConfirmations } from '../safety/useConfirmations';
import { typedForBody, useCorrectObservation, useCorrectTransfusion, useDeleteEntry } from './api';
import { lineageLabel } from './chimerismStyle';
import { type LogRow, rowLabel, rowValue, TRANSFUSION_LABEL } from './logRows';
import { ReasonFormShell } from './reasonFormShell';
import { DateField } from '../DateField';

/** What the two correction forms share: the reason's wording and the button. */
const CORRECTION = {
  reasonLabel: 'Reason for the correction',
  reasonDescription: 'Required; kept in the audit trail.',
  submitLabel: 'Save correction',
};

interface ObsValues {
  observedOn: string;
  value: number | string;
  unit: string;
  lineage: string;
  reason: string;
}

export function CorrectObservation({
  row,
  onDone,
}: {
  row: Extract<LogRow, { kind: 'observation' }>;
  onDone: () => void;
}) {
  const toBody = (v: ObsValues) => ({
    observedOn: v.observedOn,
    value: typedForBody(v.value),
    unit: v.unit,
    lineage: row.analyte === 'chimerism' ? v.lineage || null : null,
    reason: v.reason,
  });
  const form = useForm<ObsValues>({
    mode: 'controlled',
    initialValues: {
      observedOn: row.date,
      value: row.reportedValue,
      unit: row.reportedUnit,
      lineage: row.lineage ?? '',
      reason: '',
    },
    validate: zodResolver<ObsValues>(ObservationCorrectionSchema, toBody),
  });
  const units = Object.keys(ANALYTES[row.analyte].units);
  const { withConfirmations, dialog } = useConfirmations();
  // A corrected value outside the usual range needs its own reason (asked in a dialog, audited).
  const {
    error,
    submitting,
    submit: send,
  } = useCorrectObservation(row.id, withConfirmations, {
    onFieldErrors: form.setErrors,
  });
  const submit = form.onSubmit(async (values) => {
    if ((await send(toBody(values))) == null) return;
    notifications.show({
      color: 'teal',
      title: 'Result corrected',
      message: `${rowLabel(row)}: ${values.value} ${values.unit} on ${values.observedOn}`,
    });
    onDone();
  });
  return (
    <ReasonFormShell
      label="Correct a lab result"
      onSubmit={submit}
      {...CORRECTION}
      reasonProps={form.getInputProps('reason')}
      error={error}
      submitting={submitting}
      dialog={dialog}
    >
      <Text fz="sm">
        Recorded: {row.reportedValue} {row.reportedUnit} on {formatDate(row.date)}
        {row.lineage ? ` (${lineageLabel(row.lineage)})` : ''}.
      </Text>
      <Group align="flex-start" gap="sm">
        <DateField label="Date" {...form.getInputProps('observedOn')} w={160} />
        <NumericField
          label="Value"
          unit={form.values.unit}
          {...form.getInputProps('value')}
          value={form.values.value}
          w={130}
        />
        <NativeSelect label="Unit" data={units} {...form.getInputProps('unit')} w={130} />
        {row.analyte === 'chimerism' && (
          <NativeSelect label="Lineage" data={[...CHIMERISM_LINEAGES]} {...form.getInputProps('lineage')} w={140} />
        )}
      </Group>
    </ReasonFormShell>
  );
}

interface TxValues {
  product: string;
  givenOn: string;
  reason: string;
}

export function CorrectTransfusion({
  row,
  onDone,
}: {
  row: Extract<LogRow, { kind: 'transfusion' }>;
  onDone: () => void;
}) {
  const form = useForm<TxValues>({
    mode: 'controlled',
    initialValues: { product: row.product, givenOn: row.date, reason: '' },
    validate: zodResolver<TxValues>(TransfusionCorrectionSchema),
  });
  const { error, submitting, submit: send } = useCorrectTransfusion(row.id, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (values) => {
    if ((await send(values)) === undefined) return;
    notifications.show({
      color: 'teal',
      title: 'Transfusion corrected',
      message: `${TRANSFUSION_LABEL[values.product] ?? values.product} on ${values.givenOn}`,
    });
    onDone();
  });
  return (
    <ReasonFormShell
      label="Correct a transfusion"
      onSubmit={submit}
      {...CORRECTION}
      reasonProps={form.getInputProps('reason')}
      error={error}
      submitting={submitting}
    >
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label="Product"
          data={TRANSFUSION_PRODUCTS.map((p) => ({ value: p, label: TRANSFUSION_LABEL[p] ?? p }))}
          {...form.getInputProps('product')}
          w={220}
        />
        <DateField label="Date given" {...form.getInputProps('givenOn')} w={160} />
      </Group>
    </ReasonFormShell>
  );
}

export function DeleteRow({ row, onDone }: { row: LogRow; onDone: () => void }) {
  const form = useForm<{ reason: string }>({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: zodResolver(DeletionSchema),
  });
  const { error, submitting, run } = useDeleteEntry(row, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (values) => {
    // a DELETE answers 204 (no body): `run` throws when it fails, and the error is shown below the field
    try {
      await run(values);
    } catch {
      return;
    }
    notifications.show({ color: 'teal', title: 'Deleted', message: `${rowLabel(row)} of ${formatDate(row.date)}` });
    onDone();
  });
  return (
    <ReasonFormShell
      label="Delete a recorded result"
      onSubmit={submit}
      reasonLabel="Reason for deleting"
      reasonDescription="Required; the audit trail keeps the deleted entry."
      reasonProps={form.getInputProps('reason')}
      error={error}
      submitting={submitting}
      submitLabel="Delete"
      submitColor="red"
    >
      <Text fz="sm">
        {rowLabel(row)}: {rowValue(row)} on {formatDate(row.date)} ({formatDay(row.day)}). Derived dates and alerts are
        recomputed without it.
      </Text>
    </ReasonFormShell>
  );
}
