// Step 2: once two people have checked, the infusion starts with today's weight for the dose per kg.
import type { BedsideCheck } from '@engraft/domain';
import { Button, Group, Paper, Title } from '@mantine/core';
import { useState } from 'react';
import { NumericField } from '../../components/NumericField';
import { useStartInfusion } from './api';
import { localNow, toIso } from './bedsideTime';
import { DateTimeField } from '../../components/DateTimeField';
import { ErrorAlert } from '../../components/ErrorAlert';

export function StartForm({ check, weightKg }: { check: BedsideCheck; weightKg: number | null }) {
  const [startedAt, setStartedAt] = useState(localNow());
  const [weight, setWeight] = useState<number | string>(weightKg ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const start = useStartInfusion(check, setErrors);
  async function submit() {
    setErrors({});
    // the weight as typed: text that is not a number is refused by the server naming the field, never sent as null
    await start.submit({ startedAt: toIso(startedAt), ...(weight === '' ? {} : { weightKg: weight }) });
  }
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="start-heading">
      <Title order={2} size="h3" id="start-heading" mb="sm">
        2. Start the infusion
      </Title>
      <Group align="flex-end">
        <DateTimeField size="lg" label="Start" value={startedAt} onChange={setStartedAt} />
        <NumericField
          size="lg"
          label="Weight today (kg)"
          description="for the dose per kg"
          unit="kg"
          value={weight}
          onChange={setWeight}
          w={200}
          error={errors.weightKg}
        />
        <Button size="lg" color="green" onClick={() => void submit()} loading={start.submitting}>
          Start infusion
        </Button>
      </Group>
      <ErrorAlert error={start.error} mt="sm" />
    </Paper>
  );
}
