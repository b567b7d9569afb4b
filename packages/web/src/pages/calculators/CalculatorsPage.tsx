// Bedside calculators: CRS/ICANS (with the ICE items) and acute GVHD staging. They call the server's rules
// (POST /api/v1/clinical/<rule>) and show the grade with the criterion that set it. Nothing is stored.
import { Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { NumericField } from '../../components/NumericField';
import {
  AgvhdFields,
  agvhdInputOf,
  AgvhdResultView,
  type AgvhdValues,
  initialAgvhd,
  validateAgvhd,
} from '../../components/monitoring/agvhdFields';
import {
  CrsIcansFields,
  crsInputOf,
  CrsIcansResultView,
  type CrsIcansValues,
  iceScoredError,
  initialCrsIcans,
  numericProps,
  typedOrNull,
} from '../../components/monitoring/assessmentFields';
import { useGradeAgvhd, useGradeCrsIcans } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

export function CalculatorsPage() {
  useDocumentTitle('Calculators · Engraft');
  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={1}>Calculators</Title>
        <Text c="dimmed">
          Grade at the bedside. Nothing is stored here: record the day’s assessment on the patient page.
        </Text>
      </div>
      <Tabs defaultValue="crs-icans">
        <Tabs.List>
          <Tabs.Tab value="crs-icans">CRS and ICANS (ASTCT 2019)</Tabs.Tab>
          <Tabs.Tab value="agvhd">Acute GVHD (MAGIC 2016)</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="crs-icans" pt="md">
          <CrsIcansCalculator />
        </Tabs.Panel>
        <Tabs.Panel value="agvhd" pt="md">
          <AgvhdCalculator />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

interface CalcValues extends CrsIcansValues {
  ageYears: number | string;
}

function CrsIcansCalculator() {
  const [shown, setShown] = useState(false);
  const form = useForm<CalcValues>({
    mode: 'controlled',
    initialValues: { ageYears: '', ...initialCrsIcans(false) },
    validate: {
      iceScored: (_v, values) => iceScoredError(values),
      ageYears: (v) => (v === '' ? 'Age is needed: children 12 and under are graded with CAPD instead of ICE' : null),
    },
    onValuesChange: () => setShown(false),
  });
  const grade = useGradeCrsIcans(form.setErrors);
  const [result, setResult] = useState<Awaited<ReturnType<typeof grade.run>> | null>(null);
  const submit = form.onSubmit(async (v) => {
    const r = await grade.submit({
      crs: crsInputOf(v),
      ice: v.iceDone ? v.ice : null,
      icans: {
        ageYears: typedOrNull(v.ageYears),
        capd: typedOrNull(v.capd),
        consciousness: v.consciousness,
        seizure: v.seizure,
        motor: v.motor,
        cerebralEdema: v.cerebralEdema,
      } as Parameters<typeof grade.run>[0]['icans'],
    });
    setResult(r ?? null);
    setShown(r !== undefined);
  });
  const busy = grade.submitting;
  const error = grade.error;
  return (
    <form onSubmit={submit} noValidate aria-label="CRS and ICANS calculator">
      <Stack gap="md">
        <NumericField
          label="Patient age (years)"
          description="CAPD replaces ICE for children 12 and under"
          unit="years"
          w={300}
          {...numericProps(form, 'ageYears')}
        />
        <CrsIcansFields form={form} withTreatments={false} withCapd />
        <Group>
          <Button type="submit" loading={busy}>
            Calculate grades
          </Button>
        </Group>
        <ErrorAlert error={error} mt={0} />
        {shown && result && (
          <Paper>
            <CrsIcansResultView title="Result (not stored)" crs={result.crs} icans={result.icans} ice={result.ice} />
          </Paper>
        )}
      </Stack>
    </form>
  );
}

function AgvhdCalculator() {
  const [shown, setShown] = useState(false);
  const form = useForm<AgvhdValues>({
    mode: 'controlled',
    initialValues: initialAgvhd(),
    validate: validateAgvhd,
    onValuesChange: () => setShown(false),
  });
  const grade = useGradeAgvhd(form.setErrors);
  const [result, setResult] = useState<Awaited<ReturnType<typeof grade.run>> | null>(null);
  const submit = form.onSubmit(async (v) => {
    const r = await grade.submit(agvhdInputOf(v));
    setResult(r ?? null);
    setShown(r !== undefined);
  });
  const busy = grade.submitting;
  const error = grade.error;
  return (
    <form onSubmit={submit} noValidate aria-label="Acute GVHD calculator">
      <Stack gap="md">
        <AgvhdFields form={form} />
        <Group>
          <Button type="submit" loading={busy}>
            Calculate stages and grade
          </Button>
        </Group>
        <ErrorAlert error={error} mt={0} />
        {shown && result && <AgvhdResultView title="Result (not stored)" result={result} />}
      </Stack>
    </form>
  );
}
