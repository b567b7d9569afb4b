import { Button, Card, Group, Select, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '../../components/DateField';

const minusDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** All reports of one form due in a period, as one file: CIBMTR Bundles as NDJSON, EBMT MED-A rows as CSV. */
export function BatchExport({ forms, today }: { forms: string[]; today: string }) {
  const [form, setForm] = useState<string | null>(forms[0] ?? null);
  const [from, setFrom] = useState(minusDays(today, 90));
  const [to, setTo] = useState(today);
  const href = form
    ? `/api/v1/registry-reports/batch?form=${encodeURIComponent(form)}&from=${from}&to=${to}`
    : undefined;
  return (
    <Card withBorder padding="md" aria-labelledby="batch-heading">
      <Title order={3} fz="h4" id="batch-heading" mb="xs">
        Batch export
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        Every report of one form due in the period, in one file (audited). Each report is recorded as submitted from its
        own view.
      </Text>
      <Group align="flex-end" wrap="wrap">
        <Select label="Form" data={forms} value={form} onChange={setForm} w={140} />
        <DateField label="Due from" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} />
        <DateField label="Due to" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} />
        <Button component="a" href={href} download variant="light" disabled={!href}>
          Download batch
        </Button>
      </Group>
    </Card>
  );
}
