// Bedside calculators: CRS/ICANS (with the ICE items) and acute GVHD staging. They call the server's rules
// (POST /api/v1/clinical/<rule>) and show the grade with the criterion that set it. Nothing is stored.
import type { AgvhdOutput, CrsOutput, IcansOutput, IceOutput } from '@engraft/clinical';
import { Alert, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api';
import { NumericField } from '../../components/NumericField';
import { zodResolver } from '../../zodResolver';
import {
  AgvhdFields,
  agvhdInputOf,
  AgvhdInputSchema,
  AgvhdResultView,
  type AgvhdValues,
  initialAgvhd,
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
  const [result, setResult] = useState<{ crs: CrsOutput; icans: IcansOutput; ice: IceOutput | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<CalcValues>({
    mode: 'controlled',
    initialValues: { ageYears: '', ...initialCrsIcans(false) },
    validate: {
      iceScored: (_v, values) => iceScoredError(values),
      ageYears: (v) => (v === '' ? 'Age is needed: children 12 and under are graded with CAPD instead of ICE' : null),
    },
    onValuesChange: () => setResult(null),
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const [crs, ice] = await Promise.all([
        api<CrsOutput>('POST', '/clinical/crs', { input: crsInputOf(v) }),
        v.iceDone ? api<IceOutput>('POST', '/clinical/ice', { input: v.ice }) : Promise.resolve(null),
      ]);
      const icans = await api<IcansOutput>('POST', '/clinical/icans', {
        input: {
          ageYears: typedOrNull(v.ageYears),
          ice: ice?.score ?? null,
          capd: typedOrNull(v.capd),
          consciousness: v.consciousness,
          seizure: v.seizure,
          motor: v.motor,
          cerebralEdema: v.cerebralEdema,
        },
      });
      setResult({ crs, ice, icans });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setErrors(
          Object.fromEntries(Object.entries(e.fieldErrors()).map(([k, m]) => [k.replace(/^input\./, ''), m]))
        );
      }
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });
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
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {result && (
          <Paper>
            <CrsIcansResultView title="Result (not stored)" crs={result.crs} icans={result.icans} ice={result.ice} />
          </Paper>
        )}
      </Stack>
    </form>
  );
}

function AgvhdCalculator() {
  const [result, setResult] = useState<AgvhdOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<AgvhdValues>({
    mode: 'controlled',
    initialValues: initialAgvhd(),
    validate: zodResolver<AgvhdValues>(AgvhdInputSchema, agvhdInputOf),
    onValuesChange: () => setResult(null),
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<AgvhdOutput>('POST', '/clinical/agvhd', { input: agvhdInputOf(v) }));
    } catch (e) {
      if (e instanceof ApiError) {
        form.setErrors(
          Object.fromEntries(Object.entries(e.fieldErrors()).map(([k, m]) => [k.replace(/^input\./, ''), m]))
        );
      }
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Acute GVHD calculator">
      <Stack gap="md">
        <AgvhdFields form={form} />
        <Group>
          <Button type="submit" loading={busy}>
            Calculate stages and grade
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {result && <AgvhdResultView title="Result (not stored)" result={result} />}
      </Stack>
    </form>
  );
}
