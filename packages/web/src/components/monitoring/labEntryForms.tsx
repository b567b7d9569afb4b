// Data entry for monitoring: one lab result and one transfusion. Each form validates with the same schema as
// the server; a value outside the usual range is confirmed with a reason (useConfirmations), kept in the audit trail.
import {
  type Analyte,
  ANALYTES,
  CHIMERISM_LINEAGES,
  ObservationCreateSchema,
  TransfusionCreateSchema,
} from '@engraft/domain';
import { Button, Group, NativeSelect } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { emptyToUndefined } from '../../forms';
import { zodResolver } from '../../zodResolver';
import { NumericField } from '../NumericField';
import { useConfirmations } from '../safety/useConfirmations';
import { typedForBody, useAddObservation, useAddTransfusion } from './api';
import { ErrorAlert } from '../ErrorAlert';
import { DayField, type EntryFormProps } from './formParts';

const ANALYTE_OPTIONS = (Object.keys(ANALYTES) as Analyte[]).map((a) => ({ value: a, label: ANALYTES[a].label }));
const LINEAGE_OPTIONS = [{ value: '', label: 'Choose…' }, ...CHIMERISM_LINEAGES.map((l) => ({ value: l, label: l }))];

interface ResultValues {
  analyte: string;
  observedOn: string;
  value: number | string;
  unit: string;
  lineage: string;
}

export function AddResultForm({ patientId, today, dayZero, onSaved }: { patientId: string } & EntryFormProps) {
  const toBody = (v: ResultValues) => ({
    analyte: emptyToUndefined(v.analyte),
    observedOn: emptyToUndefined(v.observedOn),
    value: typedForBody(v.value),
    unit: v.unit,
    lineage: v.analyte === 'chimerism' ? (emptyToUndefined(v.lineage) ?? null) : null,
  });
  const form = useForm<ResultValues>({
    mode: 'controlled',
    initialValues: { analyte: 'anc', observedOn: today, value: '', unit: ANALYTES.anc.unit, lineage: '' },
    validate: zodResolver<ResultValues>(ObservationCreateSchema, toBody),
  });
  const { withConfirmations, dialog } = useConfirmations();
  const save = useAddObservation(patientId, withConfirmations, { onFieldErrors: form.setErrors });
  const analyte = form.values.analyte as Analyte;
  const units = Object.keys(ANALYTES[analyte]?.units ?? {});
  const submit = form.onSubmit(async (values) => {
    // A value outside the usual range needs a reason (asked in a dialog, kept in the audit trail).
    const saved = await save.submit(toBody(values));
    if (saved == null) return; // refused (shown below) or cancelled in the dialog
    notifications.show({
      color: 'teal',
      title: 'Result recorded',
      message: `${ANALYTES[analyte].label}: ${values.value} ${values.unit} on ${values.observedOn}`,
    });
    form.setValues({ value: '' });
    form.resetTouched();
    onSaved();
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a lab result">
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label="Analyte"
          description=" "
          data={ANALYTE_OPTIONS}
          {...form.getInputProps('analyte')}
          onChange={(e) => {
            const a = e.currentTarget.value as Analyte;
            form.setValues({ analyte: a, unit: ANALYTES[a].unit, lineage: '' });
          }}
          w={250}
        />
        <DayField label="Date" dayZero={dayZero} {...form.getInputProps('observedOn')} />
        <NumericField
          label="Value"
          description=" "
          unit={form.values.unit}
          {...form.getInputProps('value')}
          value={form.values.value}
          w={120}
        />
        <NativeSelect label="Unit" description=" " data={units} {...form.getInputProps('unit')} w={130} />
        {analyte === 'chimerism' && (
          <NativeSelect
            label="Lineage"
            description=" "
            data={LINEAGE_OPTIONS}
            {...form.getInputProps('lineage')}
            w={150}
          />
        )}
        <Button type="submit" mt={45} loading={save.submitting} variant="light">
          Add result
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
      {dialog}
    </form>
  );
}

interface TransfusionValues {
  product: string;
  givenOn: string;
}

export function TransfusionForm({ patientId, today, dayZero, onSaved }: { patientId: string } & EntryFormProps) {
  const toBody = (v: TransfusionValues) => ({
    product: emptyToUndefined(v.product),
    givenOn: emptyToUndefined(v.givenOn),
  });
  const form = useForm<TransfusionValues>({
    mode: 'controlled',
    initialValues: { product: 'platelets', givenOn: today },
    validate: zodResolver<TransfusionValues>(TransfusionCreateSchema, toBody),
  });
  const save = useAddTransfusion(patientId, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (values) => {
    if ((await save.submit(toBody(values))) === undefined) return;
    notifications.show({
      color: 'teal',
      title: 'Transfusion recorded',
      message: `${values.product === 'platelets' ? 'Platelets' : 'Red cells'} on ${values.givenOn}`,
    });
    onSaved();
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Record a transfusion">
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label="Product"
          description=" "
          data={[
            { value: 'platelets', label: 'Platelets' },
            { value: 'red-cells', label: 'Red cells' },
          ]}
          {...form.getInputProps('product')}
          w={160}
        />
        <DayField label="Given on" dayZero={dayZero} {...form.getInputProps('givenOn')} />
        <Button type="submit" mt={45} loading={save.submitting} variant="light">
          Record transfusion
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
    </form>
  );
}
