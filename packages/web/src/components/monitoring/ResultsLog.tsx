// Every recorded lab result and transfusion of the patient, newest first, with "Correct" and "Delete" for the
// roles that may write them. A correction or a deletion needs a reason; the server keeps the before/after in
// the audit trail (ADR 0600) and every derived value (engraftment, chimerism trend, worklist) is recomputed.
import { formatDay } from '@engraft/clinical';
import {
  type Analyte,
  ANALYTES,
  CHIMERISM_LINEAGES,
  DeletionSchema,
  ObservationCorrectionSchema,
  TRANSFUSION_PRODUCTS,
  TransfusionCorrectionSchema,
} from '@engraft/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api';
import { formatDate, formatDateTime, formatUnit } from '../../format';
import { zodResolver } from '../../zodResolver';
import { lineageLabel } from './ChimerismPanel';
import { NumericField } from '../NumericField';
import { useConfirmations } from '../safety/useConfirmations';
import { type MonitoringSummary, typedForBody } from './monitoringApi';

const TRANSFUSION_LABEL: Record<string, string> = {
  platelets: 'Platelet transfusion',
  'red-cells': 'Red-cell transfusion',
};

export type LogRow =
  | {
      kind: 'observation';
      id: string;
      analyte: Analyte;
      date: string;
      day: number;
      value: number;
      unit: string;
      reportedValue: number;
      reportedUnit: string;
      lineage: string | null;
      correctedAt: string | null;
    }
  | { kind: 'transfusion'; id: string; product: string; date: string; day: number; correctedAt: string | null };

const rowLabel = (r: LogRow): string =>
  r.kind === 'transfusion'
    ? (TRANSFUSION_LABEL[r.product] ?? r.product)
    : `${ANALYTES[r.analyte].label}${r.lineage ? ` (${lineageLabel(r.lineage)})` : ''}`;
const rowValue = (r: LogRow): string => (r.kind === 'transfusion' ? 'given' : `${r.value} ${formatUnit(r.unit)}`);

export function ResultsLog({
  data,
  canResult,
  canTransfuse,
  onChanged,
}: {
  data: MonitoringSummary;
  canResult: boolean;
  canTransfuse: boolean;
  onChanged: () => void;
}) {
  const [filter, setFilter] = useState('all');
  const [showAll, setShowAll] = useState(false);
  const [editing, setEditing] = useState<LogRow | null>(null);
  const [deleting, setDeleting] = useState<LogRow | null>(null);
  const rows: LogRow[] = [
    ...Object.entries(data.series).flatMap(([analyte, pts]) =>
      (pts ?? []).map((p) => ({
        kind: 'observation' as const,
        id: p.id,
        analyte: analyte as Analyte,
        date: p.date,
        day: p.day,
        value: p.value,
        unit: ANALYTES[analyte as Analyte]?.unit ?? '',
        reportedValue: p.reportedValue,
        reportedUnit: p.reportedUnit,
        lineage: p.lineage,
        correctedAt: p.correctedAt,
      }))
    ),
    ...data.transfusions.flatMap((t) =>
      t.id
        ? [
            {
              kind: 'transfusion' as const,
              id: t.id,
              product: t.product,
              date: t.date,
              day: t.day,
              correctedAt: t.correctedAt,
            },
          ]
        : []
    ),
  ].sort((a, b) => b.date.localeCompare(a.date) || rowLabel(a).localeCompare(rowLabel(b)));
  const present = [...new Set(rows.map((r) => (r.kind === 'transfusion' ? 'transfusions' : r.analyte)))];
  const shown = rows.filter(
    (r) => filter === 'all' || (r.kind === 'transfusion' ? filter === 'transfusions' : r.analyte === filter)
  );
  const visible = showAll ? shown : shown.slice(0, 12);
  const canChange = (r: LogRow) => (r.kind === 'transfusion' ? canTransfuse : canResult);
  const anyActions = canResult || canTransfuse;
  if (!rows.length) {
    return (
      <Text c="dimmed" fz="sm">
        No results recorded yet.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <NativeSelect
          size="xs"
          label="Show results"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          data={[
            { value: 'all', label: `All results and transfusions (${rows.length})` },
            ...present.map((a) => ({
              value: a,
              label: a === 'transfusions' ? 'Transfusions' : ANALYTES[a].label,
            })),
          ]}
          w={300}
        />
        {anyActions && (
          <Text fz="xs" c="dimmed" maw={460}>
            A correction or deletion needs a reason; the audit trail keeps what was recorded before.
          </Text>
        )}
      </Group>
      <Table.ScrollContainer minWidth={620}>
        <Table striped verticalSpacing={4} aria-label="All results and transfusions, newest first">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Day</Table.Th>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
              <Table.Th scope="col">Value</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
              {anyActions && <Table.Th scope="col">Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((r) => (
              <Table.Tr key={`${r.kind}-${r.id}`} data-testid={`log-${r.id}`}>
                <Table.Td ff="monospace" fw={600}>
                  {formatDay(r.day)}
                </Table.Td>
                <Table.Td>{formatDate(r.date)}</Table.Td>
                <Table.Td>{rowLabel(r)}</Table.Td>
                <Table.Td>
                  {rowValue(r)}
                  {r.kind === 'observation' && (r.reportedUnit !== r.unit || r.reportedValue !== r.value) && (
                    <Text span fz="xs" c="dimmed">
                      {' '}
                      (reported {r.reportedValue} {r.reportedUnit})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.correctedAt && (
                    <Tooltip
                      label={`Corrected ${formatDateTime(r.correctedAt, { utc: true })}; see the audit trail for what was there before`}
                    >
                      <Badge size="sm" variant="light" color="grape">
                        corrected
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
                {anyActions && (
                  <Table.Td>
                    {canChange(r) && (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setEditing(r)}
                          aria-label={`Correct ${rowLabel(r)} of ${r.date}`}
                        >
                          Correct
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setDeleting(r)}
                          aria-label={`Delete ${rowLabel(r)} of ${r.date}`}
                        >
                          Delete
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length > 12 && (
        <Button variant="subtle" size="xs" onClick={() => setShowAll((v) => !v)} w="fit-content">
          {showAll ? 'Show the 12 newest' : `Show all ${shown.length}`}
        </Button>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? `Correct: ${rowLabel(editing)}` : ''}
        size="lg"
      >
        {editing?.kind === 'observation' && (
          <CorrectObservation
            row={editing}
            onDone={() => {
              setEditing(null);
              onChanged();
            }}
          />
        )}
        {editing?.kind === 'transfusion' && (
          <CorrectTransfusion
            row={editing}
            onDone={() => {
              setEditing(null);
              onChanged();
            }}
          />
        )}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? `Delete: ${rowLabel(deleting)}` : ''}
      >
        {deleting && (
          <DeleteRow
            row={deleting}
            onDone={() => {
              setDeleting(null);
              onChanged();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function useSubmit() {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const run = async (fn: () => Promise<void>, setErrors: (e: Record<string, string>) => void) => {
    setSubmitting(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };
  return { error, submitting, run };
}

interface ObsValues {
  observedOn: string;
  value: number | string;
  unit: string;
  lineage: string;
  reason: string;
}

function CorrectObservation({ row, onDone }: { row: Extract<LogRow, { kind: 'observation' }>; onDone: () => void }) {
  const { error, submitting, run } = useSubmit();
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
  const submit = form.onSubmit((values) =>
    run(async () => {
      // A corrected value outside the usual range needs its own reason (asked in a dialog, audited).
      const saved = await withConfirmations((confirmations) =>
        api('PUT', `/observations/${row.id}`, { ...toBody(values), confirmations })
      );
      if (saved === null) return;
      notifications.show({
        color: 'teal',
        title: 'Result corrected',
        message: `${rowLabel(row)}: ${values.value} ${values.unit} on ${values.observedOn}`,
      });
      onDone();
    }, form.setErrors)
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Correct a lab result">
      <Stack gap="sm">
        <Text fz="sm">
          Recorded: {row.reportedValue} {row.reportedUnit} on {row.date}
          {row.lineage ? ` (${lineageLabel(row.lineage)})` : ''}.
        </Text>
        <Group align="flex-start" gap="sm">
          <TextInput type="date" label="Date" {...form.getInputProps('observedOn')} w={160} />
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
        <Textarea
          label="Reason for the correction"
          description="Required; kept in the audit trail."
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Save correction
          </Button>
        </Group>
      </Stack>
      {dialog}
    </form>
  );
}

interface TxValues {
  product: string;
  givenOn: string;
  reason: string;
}

function CorrectTransfusion({ row, onDone }: { row: Extract<LogRow, { kind: 'transfusion' }>; onDone: () => void }) {
  const { error, submitting, run } = useSubmit();
  const form = useForm<TxValues>({
    mode: 'controlled',
    initialValues: { product: row.product, givenOn: row.date, reason: '' },
    validate: zodResolver<TxValues>(TransfusionCorrectionSchema),
  });
  const submit = form.onSubmit((values) =>
    run(async () => {
      await api('PUT', `/transfusions/${row.id}`, values);
      notifications.show({
        color: 'teal',
        title: 'Transfusion corrected',
        message: `${TRANSFUSION_LABEL[values.product] ?? values.product} on ${values.givenOn}`,
      });
      onDone();
    }, form.setErrors)
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Correct a transfusion">
      <Stack gap="sm">
        <Group align="flex-start" gap="sm">
          <NativeSelect
            label="Product"
            data={TRANSFUSION_PRODUCTS.map((p) => ({ value: p, label: TRANSFUSION_LABEL[p] ?? p }))}
            {...form.getInputProps('product')}
            w={220}
          />
          <TextInput type="date" label="Date given" {...form.getInputProps('givenOn')} w={160} />
        </Group>
        <Textarea
          label="Reason for the correction"
          description="Required; kept in the audit trail."
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Save correction
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteRow({ row, onDone }: { row: LogRow; onDone: () => void }) {
  const { error, submitting, run } = useSubmit();
  const form = useForm<{ reason: string }>({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: zodResolver(DeletionSchema),
  });
  const submit = form.onSubmit((values) =>
    run(async () => {
      await api('DELETE', row.kind === 'transfusion' ? `/transfusions/${row.id}` : `/observations/${row.id}`, values);
      notifications.show({ color: 'teal', title: 'Deleted', message: `${rowLabel(row)} of ${row.date}` });
      onDone();
    }, form.setErrors)
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Delete a recorded result">
      <Stack gap="sm">
        <Text fz="sm">
          {rowLabel(row)}: {rowValue(row)} on {formatDate(row.date)} ({formatDay(row.day)}). Derived dates and alerts
          are recomputed without it.
        </Text>
        <Textarea
          label="Reason for deleting"
          description="Required; the audit trail keeps the deleted entry."
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={submitting}>
            Delete
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
