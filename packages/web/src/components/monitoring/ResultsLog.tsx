// Every recorded lab result and transfusion of the patient, newest first, with "Correct" and "Delete" for the
// roles that may write them. A correction or a deletion needs a reason; the server keeps the before/after in
// the audit trail (ADR 0600) and every derived value (engraftment, chimerism trend, worklist) is recomputed.
import { formatDay } from '@engraft/clinical';
import { ANALYTES } from '@engraft/domain';
import { Badge, Button, Group, Modal, NativeSelect, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../format';
import type { MonitoringSummary } from './api';
import { CorrectObservation, CorrectTransfusion, DeleteRow } from './correctionForms';
import { type LogRow, logRowsOf, rowLabel, rowValue } from './logRows';
import { type Column, DataTable } from '../DataTable';
import { RowButton } from '../RowButton';

const columns: Column<LogRow>[] = [
  { header: 'Day', cell: (r) => formatDay(r.day), td: { ff: 'monospace', fw: 600 } },
  { header: 'Date', cell: (r) => formatDate(r.date) },
  { header: 'Result', cell: rowLabel },
  {
    header: 'Value',
    cell: (r) => (
      <>
        {rowValue(r)}
        {r.kind === 'observation' && (r.reportedUnit !== r.unit || r.reportedValue !== r.value) && (
          <Text span fz="xs" c="dimmed">
            {' '}
            (reported {r.reportedValue} {r.reportedUnit})
          </Text>
        )}
      </>
    ),
  },
  {
    header: 'Note',
    cell: (r) =>
      r.correctedAt && (
        <Tooltip
          label={`Corrected ${formatDateTime(r.correctedAt, { utc: true })}; see the audit trail for what was there before`}
        >
          <Badge size="sm" variant="light" color="grape">
            corrected
          </Badge>
        </Tooltip>
      ),
  },
];

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
  const rows = logRowsOf(data);
  const present = [...new Set(rows.map((r) => (r.kind === 'transfusion' ? 'transfusions' : r.analyte)))];
  const shown = rows.filter(
    (r) => filter === 'all' || (r.kind === 'transfusion' ? filter === 'transfusions' : r.analyte === filter)
  );
  const visible = showAll ? shown : shown.slice(0, 12);
  const canChange = (r: LogRow) => (r.kind === 'transfusion' ? canTransfuse : canResult);
  const anyActions = canResult || canTransfuse;
  const actions: Column<LogRow> = {
    header: 'Actions',
    cell: (r) =>
      canChange(r) && (
        <Group gap={4} wrap="nowrap">
          <RowButton label={`Correct ${rowLabel(r)} of ${r.date}`} onClick={() => setEditing(r)} primary>
            Correct
          </RowButton>
          <RowButton label={`Delete ${rowLabel(r)} of ${r.date}`} onClick={() => setDeleting(r)} danger>
            Delete
          </RowButton>
        </Group>
      ),
  };
  if (!rows.length) {
    return (
      <Text c="dimmed" fz="sm">
        No results or transfusions recorded yet.
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
      <DataTable
        aria-label="All results and transfusions, newest first"
        verticalSpacing={4}
        minWidth={620}
        columns={anyActions ? [...columns, actions] : columns}
        rows={visible}
        rowKey={(r) => `${r.kind}-${r.id}`}
      />
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
