// The daily CRS/ICANS (ASTCT 2019, Lee et al., BBMT 2019;25:625) and acute GVHD (MAGIC 2016, Harris et al., BBMT
// 2016;22:4) assessments. The server grades; each form shows the grades it answered right under the button.
import { dayRelative, formatDay, scoreIce } from '@engraft/clinical';
import type { AgvhdResult, CrsIcansResult } from '@engraft/domain';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { numberOrNull } from '../../forms';
import {
  AgvhdFields,
  agvhdInputOf,
  AgvhdResultView,
  type AgvhdValues,
  initialAgvhd,
  validateAgvhd,
} from './agvhdFields';
import {
  CrsIcansFields,
  crsInputOf,
  CrsIcansResultView,
  type CrsIcansValues,
  iceScoredError,
  initialCrsIcans,
} from './assessmentFields';
import { useRecordAgvhd, useRecordCrsIcans } from './api';
import { ErrorAlert } from '../ErrorAlert';
import { DayField } from './formParts';

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
  const save = useRecordCrsIcans(episodeId, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (v) => {
    setResult(null);
    const r = await save.submit({
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
    });
    if (!r) return;
    setResult(r);
    // Once tocilizumab or steroids are given, later fever no longer has to be present to grade CRS.
    if (v.tocilizumab || v.steroids) form.setFieldValue('feverMaskedByTreatment', true);
    notifications.show({
      color: 'teal',
      title: 'Assessment recorded',
      message: `${formatDay(dayRelative(r.assessedOn, dayZero))}: CRS grade ${r.crs.grade}, ICANS grade ${r.icans.grade}`,
    });
    onSaved();
  });
  const iceScore = form.values.iceDone ? scoreIce(form.values.ice).score : null;
  return (
    <form onSubmit={submit} noValidate aria-label="Daily CRS and ICANS assessment">
      <Stack gap="sm">
        <DayField
          label="Assessment date"
          dayZero={dayZero}
          note="a second assessment on the same day replaces the first"
          {...form.getInputProps('assessedOn')}
          w={520}
        />
        <CrsIcansFields form={form} withTreatments withCapd />
        <Group>
          <Button type="submit" loading={save.submitting}>
            Save assessment and grade
          </Button>
          {iceScore != null && (
            <Text fz="sm" c="dimmed">
              ICE {iceScore}/10
            </Text>
          )}
        </Group>
        <ErrorAlert error={save.error} />
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
  const [result, setResult] = useState<AgvhdResult | null>(null);
  const form = useForm<AgvhdFormValues>({
    mode: 'controlled',
    initialValues: { assessedOn: today, ...initialAgvhd(bilirubin) },
    validate: (v) => {
      const errors = validateAgvhd(v);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.assessedOn)) errors.assessedOn = 'Required';
      return errors;
    },
  });
  // The server names organ fields "organs.skin"; the form's fields are "skin".
  const save = useRecordAgvhd(episodeId, {
    onFieldErrors: (fe) =>
      form.setErrors(Object.fromEntries(Object.entries(fe).map(([k, m]) => [k.replace(/^organs\./, ''), m]))),
  });
  const submit = form.onSubmit(async (v) => {
    setResult(null);
    const r = await save.submit({ assessedOn: v.assessedOn, organs: agvhdInputOf(v) });
    if (!r) return;
    setResult(r);
    notifications.show({ color: 'teal', title: 'GVHD assessment recorded', message: r.explanation });
    onSaved();
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Acute GVHD assessment">
      <Stack gap="sm">
        <DayField label="Assessment date" dayZero={dayZero} {...form.getInputProps('assessedOn')} w={200} />
        {bilirubin != null && (
          <Text fz="xs" c="dimmed">
            Bilirubin pre-filled with the latest result ({bilirubin} mg/dL).
          </Text>
        )}
        <AgvhdFields form={form} />
        <Group>
          <Button type="submit" loading={save.submitting}>
            Save assessment and grade
          </Button>
        </Group>
        <ErrorAlert error={save.error} />
        {result && <AgvhdResultView title="Saved" result={result} />}
      </Stack>
    </form>
  );
}
