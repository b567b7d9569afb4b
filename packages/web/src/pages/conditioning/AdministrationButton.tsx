// Doses given against a verified conditioning plan (issue 17 §1, ADR 0702): the list of what was recorded and a
// "Record a dose" dialog for nurses and physicians: the dose line (day, drug, administration of that day), given
// as planned, reduced, delayed or omitted with a reason; above the planned amount asks for a confirmation.
import { formatDay } from '@engraft/clinical';
import {
  ADMINISTRATION_OUTCOMES,
  type AdministrationOutcome,
  type AdministrationView,
  type ConditioningPlanView,
  INFUSERS,
} from '@engraft/domain';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { NumericField } from '../../components/NumericField';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { hasAnyRole, useSignedIn } from '../../session';
import { formatDateTime } from '../../format';
import { useAdministrations, useRecordAdministration } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTimeField } from '../../components/DateTimeField';

interface Line {
  key: string;
  agentIndex: number;
  day: number;
  sequence: number;
  label: string;
  amount: number;
  unit: 'mg' | 'Gy';
}

/** Every administration the plan schedules, with a computed amount (never a line that is not computed). */
function linesOf(plan: ConditioningPlanView): Line[] {
  return plan.computed.days.flatMap((d) =>
    d.items.flatMap((it) =>
      it.amountPerAdministration === null
        ? []
        : Array.from({ length: it.administrations }, (_, i) => ({
            key: `${it.agentIndex}:${d.day}:${i + 1}`,
            agentIndex: it.agentIndex,
            day: d.day,
            sequence: i + 1,
            label: `${formatDay(d.day)} ${it.label} ${it.amountPerAdministration} ${it.unit}${it.administrations > 1 ? ` (${i + 1} of ${it.administrations})` : ''}`,
            amount: it.amountPerAdministration as number,
            unit: it.unit,
          }))
    )
  );
}

/** A datetime-local value for now (the browser's local time). */
const nowLocal = (): string => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const toInstant = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

function RecordDialog({
  plan,
  lines,
  onClose,
}: {
  plan: ConditioningPlanView;
  lines: Line[];
  onClose: (saved: boolean) => void;
}) {
  const [key, setKey] = useState(lines[0]?.key ?? '');
  const line = lines.find((l) => l.key === key);
  const [outcome, setOutcome] = useState<AdministrationOutcome>('as-planned');
  const [amount, setAmount] = useState<number | string>(line?.amount ?? '');
  const [startedAt, setStartedAt] = useState(nowLocal());
  const [endedAt, setEndedAt] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { withConfirmations, dialog } = useConfirmations();
  const record = useRecordAdministration(plan.id, withConfirmations, setErrors);
  const error = record.error;
  const omitted = outcome === 'omitted';

  async function save() {
    if (!line) return;
    setErrors({});
    const body = {
      agentIndex: line.agentIndex,
      day: line.day,
      sequence: line.sequence,
      outcome,
      unit: line.unit,
      ...(omitted ? {} : { amount, startedAt: toInstant(startedAt), endedAt: toInstant(endedAt) }),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    const saved = await record.submit(body);
    if (saved) onClose(true);
  }

  return (
    <Modal opened onClose={() => onClose(false)} title="Record a dose" size="lg">
      <Stack gap="sm">
        <NativeSelect
          label="Dose line"
          value={key}
          error={errors.day ?? errors.sequence ?? errors.agentIndex}
          data={lines.map((l) => ({ value: l.key, label: l.label }))}
          onChange={(e) => {
            const next = lines.find((l) => l.key === e.currentTarget.value);
            setKey(e.currentTarget.value);
            if (next) setAmount(next.amount);
          }}
        />
        <NativeSelect
          label="Given"
          value={outcome}
          data={Object.entries(ADMINISTRATION_OUTCOMES).map(([value, label]) => ({ value, label }))}
          onChange={(e) => setOutcome(e.currentTarget.value as AdministrationOutcome)}
        />
        {!omitted && (
          <>
            <NumericField
              label="Amount given"
              unit={line?.unit}
              value={amount}
              onChange={setAmount}
              error={errors.amount}
              description={line ? `Planned ${line.amount} ${line.unit}` : undefined}
            />
            <Group grow>
              <DateTimeField label="Started" value={startedAt} onChange={setStartedAt} error={errors.startedAt} />
              <DateTimeField label="Ended" value={endedAt} onChange={setEndedAt} error={errors.endedAt} />
            </Group>
          </>
        )}
        <Textarea
          label="Reason"
          description="Required for a reduced, delayed or omitted dose"
          withAsterisk={outcome !== 'as-planned'}
          autosize
          minRows={1}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <ErrorAlert error={error} mt={0} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>
            Cancel
          </Button>
          <Button onClick={() => void save()}>Save dose</Button>
        </Group>
      </Stack>
      {dialog}
    </Modal>
  );
}

const given = (a: AdministrationView): string =>
  a.amount === null ? '—' : `${a.amount} ${a.unit}${a.plannedAmount !== null ? ` (planned ${a.plannedAmount})` : ''}`;

/** The doses recorded against the plan, and the button to record one (verified plans, nurses and physicians). */
export function AdministrationButton({ plan }: { plan: ConditioningPlanView }) {
  const { user } = useSignedIn();
  const list = useAdministrations(plan.id);
  const items = list.data?.items ?? null;
  const [open, setOpen] = useState(false);
  const canRecord = plan.status === 'active' && hasAnyRole(user.roles, INFUSERS);

  return (
    <section aria-labelledby="cond-given-title" className="no-print">
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="h4" id="cond-given-title">
          Doses given
        </Title>
        {canRecord && <Button onClick={() => setOpen(true)}>Record a dose</Button>}
      </Group>
      {plan.status !== 'active' && <Text c="dimmed">Doses are recorded once the plan is verified.</Text>}
      {list.isError && (
        <Alert color="red" role="alert" title="Could not load the doses given">
          {errorMessage(list.error)}
        </Alert>
      )}
      {items && items.length > 0 ? (
        <Table aria-label="Doses given" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Day</Table.Th>
              <Table.Th>Drug</Table.Th>
              <Table.Th>Given</Table.Th>
              <Table.Th>Amount</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{formatDay(a.day)}</Table.Td>
                <Table.Td>
                  {a.agentLabel}
                  {a.sequence > 1 ? ` (${a.sequence})` : ''}
                </Table.Td>
                <Table.Td>{ADMINISTRATION_OUTCOMES[a.outcome]}</Table.Td>
                <Table.Td>{given(a)}</Table.Td>
                <Table.Td>{a.startedAt ? formatDateTime(a.startedAt) : '—'}</Table.Td>
                <Table.Td>{a.reason ?? ''}</Table.Td>
                <Table.Td>{a.recordedBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        items && plan.status === 'active' && <Text c="dimmed">No dose recorded yet.</Text>
      )}
      {open && (
        <RecordDialog
          plan={plan}
          lines={linesOf(plan)}
          onClose={(saved) => {
            setOpen(false);
            if (saved) notifications.show({ color: 'teal', message: 'Dose recorded' });
          }}
        />
      )}
    </section>
  );
}
