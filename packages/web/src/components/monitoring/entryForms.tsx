// Data entry for monitoring: one lab result, a transfusion, a lab file (CSV or FHIR R4), and the daily CRS/ICANS
// and acute GVHD assessments. Each form validates with the same schema as the server and shows the server's
// answer (computed grades, import report) right under the button.
import { dayRelative, formatDay, scoreIce } from '@engraft/clinical';
import {
  type Analyte,
  ANALYTES,
  CHIMERISM_LINEAGES,
  type LabImportReport,
  ObservationCreateSchema,
  type Problem,
  TransfusionCreateSchema,
  type CrsIcansResult,
  type AgvhdResult,
  AgvhdResultSchema,
  CrsIcansResultSchema,
  LabImportReportSchema,
} from '@engraft/domain';
import { Alert, Button, Group, List, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { api, ApiError, apiSend, errorMessage } from '../../api';
import { emptyToUndefined, numberOrNull } from '../../forms';
import { NumericField } from '../NumericField';
import { useConfirmations } from '../safety/useConfirmations';
import { zodResolver } from '../../zodResolver';
import {
  AgvhdFields,
  agvhdInputOf,
  AgvhdInputSchema,
  AgvhdResultView,
  type AgvhdValues,
  CrsIcansFields,
  crsInputOf,
  CrsIcansResultView,
  type CrsIcansValues,
  initialAgvhd,
  iceScoredError,
  initialCrsIcans,
} from './assessmentFields';
import { typedForBody } from './monitoringApi';

const ANALYTE_OPTIONS = (Object.keys(ANALYTES) as Analyte[]).map((a) => ({ value: a, label: ANALYTES[a].label }));
const LINEAGE_OPTIONS = [{ value: '', label: 'Choose…' }, ...CHIMERISM_LINEAGES.map((l) => ({ value: l, label: l }))];

function dayHint(date: string, dayZero: string): string {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `= ${formatDay(dayRelative(date, dayZero))}` : ' ';
  } catch {
    return ' ';
  }
}

function ErrorAlert({ error }: { error: string | null }) {
  return error ? (
    <Alert color="red" role="alert" mt="xs">
      {error}
    </Alert>
  ) : null;
}

interface ResultValues {
  analyte: string;
  observedOn: string;
  value: number | string;
  unit: string;
  lineage: string;
}

export function AddResultForm({
  patientId,
  today,
  dayZero,
  onSaved,
}: {
  patientId: string;
  today: string;
  dayZero: string;
  onSaved: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
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
  const analyte = form.values.analyte as Analyte;
  const units = Object.keys(ANALYTES[analyte]?.units ?? {});
  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      // A value outside the usual range needs a reason (asked in a dialog, kept in the audit trail).
      const saved = await withConfirmations((confirmations) =>
        api('POST', `/patients/${patientId}/observations`, { ...toBody(values), confirmations })
      );
      if (saved === null) return;
      notifications.show({
        color: 'teal',
        title: 'Result recorded',
        message: `${ANALYTES[analyte].label}: ${values.value} ${values.unit} on ${values.observedOn}`,
      });
      form.setValues({ value: '' });
      form.resetTouched();
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
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
        <TextInput
          type="date"
          label="Date"
          description={dayHint(form.values.observedOn, dayZero)}
          {...form.getInputProps('observedOn')}
          w={160}
        />
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
        <Button type="submit" mt={45} loading={submitting} variant="light">
          Add result
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {dialog}
    </form>
  );
}

interface TransfusionValues {
  product: string;
  givenOn: string;
}

export function TransfusionForm({
  patientId,
  today,
  dayZero,
  onSaved,
}: {
  patientId: string;
  today: string;
  dayZero: string;
  onSaved: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const toBody = (v: TransfusionValues) => ({
    product: emptyToUndefined(v.product),
    givenOn: emptyToUndefined(v.givenOn),
  });
  const form = useForm<TransfusionValues>({
    mode: 'controlled',
    initialValues: { product: 'platelets', givenOn: today },
    validate: zodResolver<TransfusionValues>(TransfusionCreateSchema, toBody),
  });
  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      await api('POST', `/patients/${patientId}/transfusions`, toBody(values));
      notifications.show({
        color: 'teal',
        title: 'Transfusion recorded',
        message: `${values.product === 'platelets' ? 'Platelets' : 'Red cells'} on ${values.givenOn}`,
      });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
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
        <TextInput
          type="date"
          label="Given on"
          description={dayHint(form.values.givenOn, dayZero)}
          {...form.getInputProps('givenOn')}
          w={160}
        />
        <Button type="submit" mt={45} loading={submitting} variant="light">
          Record transfusion
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </form>
  );
}

type ImportOutcome = { kind: 'accepted'; report: LabImportReport } | { kind: 'refused'; problem: Problem } | null;

export function ImportForm({ patientId, onSaved }: { patientId: string; onSaved: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome>(null);
  const [error, setError] = useState<string | null>(null);
  const { withConfirmations, dialog } = useConfirmations();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOutcome(null);
    setError(null);
    if (!file) {
      setError('Choose a CSV or FHIR JSON file first.');
      return;
    }
    setSubmitting(true);
    try {
      const content = await file.text();
      const format = /\.json$/i.test(file.name) || content.trimStart().startsWith('{') ? 'fhir' : 'csv';
      // Values outside their usual range: a reason per flagged line, or nothing is imported.
      const report = await withConfirmations((confirmations) =>
        apiSend('POST', `/patients/${patientId}/labs/import`, { format, content, confirmations }, LabImportReportSchema)
      );
      if (report === null) return;
      setOutcome({ kind: 'accepted', report });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setOutcome({ kind: 'refused', problem: err.problem });
      else setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Import a lab file">
      <Stack gap="xs">
        <Text fz="sm" c="dimmed">
          CSV with the header <code>date,analyte,value,unit[,lineage][,mrn]</code> (transfusions: analyte{' '}
          <code>platelet-transfusion</code> or <code>red-cell-transfusion</code>, empty value and unit), or a FHIR R4
          Bundle of Observations (.json). The whole file is imported, or nothing.
        </Text>
        <Group align="flex-end" gap="sm">
          <div>
            <Text component="label" htmlFor="lab-file" fz="sm" fw={500} display="block" mb={4}>
              Lab file
            </Text>
            <input
              id="lab-file"
              type="file"
              accept=".csv,.json,text/csv,application/json,application/fhir+json"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setOutcome(null);
              }}
            />
          </div>
          <Button type="submit" loading={submitting} variant="light">
            Import file
          </Button>
        </Group>
        <ErrorAlert error={error} />
        {outcome?.kind === 'accepted' && (
          <Alert color="teal" title="File imported" role="status" data-testid="import-report">
            <Text fz="sm">
              {outcome.report.inserted} result{outcome.report.inserted === 1 ? '' : 's'} stored
              {outcome.report.duplicates.length
                ? `; ${outcome.report.duplicates.length} already recorded (skipped)`
                : ''}
              .
            </Text>
            {outcome.report.duplicates.length > 0 && (
              <List size="sm" mt={4}>
                {outcome.report.duplicates.slice(0, 20).map((d) => (
                  <List.Item key={d.line}>
                    line {d.line}: {d.message}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {outcome?.kind === 'refused' && (
          <Alert color="red" title="File not imported: nothing was stored" role="alert" data-testid="import-report">
            <Text fz="sm">{outcome.problem.detail}</Text>
            <List size="sm" mt={4}>
              {(outcome.problem.errors ?? []).slice(0, 50).map((e, i) => (
                <List.Item key={i}>
                  <strong>{e.path}</strong>: {e.message}
                </List.Item>
              ))}
            </List>
            <Text fz="sm" mt={4}>
              Correct these lines in the file and import it again.
            </Text>
          </Alert>
        )}
        {dialog}
      </Stack>
    </form>
  );
}

interface CrsIcansFormValues extends CrsIcansValues {
  assessedOn: string;
}

export function CrsIcansForm({
  episodeId,
  today,
  dayZero,
  feverMasked,
  onSaved,
}: {
  episodeId: string;
  today: string;
  dayZero: string;
  feverMasked: boolean;
  onSaved: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<CrsIcansResult | null>(null);
  const form = useForm<CrsIcansFormValues>({
    mode: 'controlled',
    initialValues: { assessedOn: today, ...initialCrsIcans(feverMasked) },
    validate: {
      assessedOn: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Required'),
      iceScored: (_v, values) => iceScoredError(values),
      maxTempC: (v) =>
        v !== '' && (Number(v) < 30 || Number(v) > 45) ? 'Temperature must be between 30 and 45 °C' : null,
    },
  });
  const submit = form.onSubmit(async (v) => {
    setSubmitting(true);
    setError(null);
    setResult(null);
    try {
      const body = {
        assessedOn: v.assessedOn,
        crs: crsInputOf(v),
        ice: v.iceDone ? v.ice : null,
        capd: numberOrNull(v.capd),
        consciousness: v.consciousness,
        seizure: v.seizure,
        motor: v.motor,
        cerebralEdema: v.cerebralEdema,
        tocilizumab: v.tocilizumab,
        steroids: v.steroids,
      };
      const r = await apiSend('POST', `/episodes/${episodeId}/assessments/crs-icans`, body, CrsIcansResultSchema);
      setResult(r);
      // Once tocilizumab or steroids are given, later fever no longer has to be present to grade CRS.
      if (v.tocilizumab || v.steroids) form.setFieldValue('feverMaskedByTreatment', true);
      notifications.show({
        color: 'teal',
        title: 'Assessment recorded',
        message: `${formatDay(dayRelative(r.assessedOn, dayZero))}: CRS grade ${r.crs.grade}, ICANS grade ${r.icans.grade}`,
      });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  });
  const iceScore = form.values.iceDone ? scoreIce(form.values.ice).score : null;
  return (
    <form onSubmit={submit} noValidate aria-label="Daily CRS and ICANS assessment">
      <Stack gap="sm">
        <TextInput
          type="date"
          label="Assessment date"
          description={`${dayHint(form.values.assessedOn, dayZero)} · a second assessment on the same day replaces the first`}
          {...form.getInputProps('assessedOn')}
          w={520}
        />
        <CrsIcansFields form={form} withTreatments withCapd />
        <Group>
          <Button type="submit" loading={submitting}>
            Save assessment and grade
          </Button>
          {iceScore != null && (
            <Text fz="sm" c="dimmed">
              ICE {iceScore}/10
            </Text>
          )}
        </Group>
        <ErrorAlert error={error} />
        {result && (
          <CrsIcansResultView
            title={`Saved for ${formatDay(dayRelative(result.assessedOn, dayZero))} (${result.assessedOn})`}
            crs={result.crs}
            icans={result.icans}
            ice={result.ice}
          />
        )}
      </Stack>
    </form>
  );
}

interface AgvhdFormValues extends AgvhdValues {
  assessedOn: string;
}

export function AgvhdForm({
  episodeId,
  today,
  dayZero,
  bilirubin,
  onSaved,
}: {
  episodeId: string;
  today: string;
  dayZero: string;
  bilirubin: number | null;
  onSaved: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<AgvhdResult | null>(null);
  const form = useForm<AgvhdFormValues>({
    mode: 'controlled',
    initialValues: { assessedOn: today, ...initialAgvhd(bilirubin) },
    validate: (v) => {
      const errors = zodResolver<AgvhdValues>(AgvhdInputSchema, agvhdInputOf)(v);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.assessedOn)) errors.assessedOn = 'Required';
      return errors;
    },
  });
  const submit = form.onSubmit(async (v) => {
    setSubmitting(true);
    setError(null);
    setResult(null);
    try {
      const r = await apiSend(
        'POST',
        `/episodes/${episodeId}/assessments/agvhd`,
        {
          assessedOn: v.assessedOn,
          organs: agvhdInputOf(v),
        },
        AgvhdResultSchema
      );
      setResult(r);
      notifications.show({ color: 'teal', title: 'GVHD assessment recorded', message: r.explanation });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) {
        const fe = e.fieldErrors();
        form.setErrors(Object.fromEntries(Object.entries(fe).map(([k, m]) => [k.replace(/^organs\./, ''), m])));
      }
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Acute GVHD assessment">
      <Stack gap="sm">
        <TextInput
          type="date"
          label="Assessment date"
          description={dayHint(form.values.assessedOn, dayZero)}
          {...form.getInputProps('assessedOn')}
          w={200}
        />
        {bilirubin != null && (
          <Text fz="xs" c="dimmed">
            Bilirubin pre-filled with the latest result ({bilirubin} mg/dL).
          </Text>
        )}
        <AgvhdFields form={form} />
        <Group>
          <Button type="submit" loading={submitting}>
            Save assessment and grade
          </Button>
        </Group>
        <ErrorAlert error={error} />
        {result && <AgvhdResultView title="Saved" result={result} />}
      </Stack>
    </form>
  );
}
