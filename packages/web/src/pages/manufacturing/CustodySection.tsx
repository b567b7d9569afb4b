// The chain of custody of an order: every hand-over in time order, and the form to record the next one.
import { CUSTODY_LEGS, type CustodyEvent, type ManufacturingOrderView } from '@engraft/domain';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { NumericField } from '../../components/NumericField';
import { formatDateTime } from '../../format';
import { useRecordCustody } from './api';
import { localToIso, nowLocal } from './types';

/** The product's own records after the receipt (the hand-overs recorded on the order show their leg). */
const STEP_OF: Partial<Record<CustodyEvent['source'], string>> = {
  thaw: 'Thaw',
  ward: 'To the ward',
  infusion: 'Infusion',
};

export function CustodyTable({ events }: { events: CustodyEvent[] }) {
  if (events.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        No hand-overs recorded yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder fz="sm" aria-label="Chain of custody">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Leg</Table.Th>
            <Table.Th>Handed from</Table.Th>
            <Table.Th>Handed to</Table.Th>
            <Table.Th>Temperature</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th>Recorded by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.handedAt)}</Table.Td>
              <Table.Td>{STEP_OF[e.source] ?? (e.leg === 'outbound' ? 'Out' : 'Back')}</Table.Td>
              <Table.Td>{e.fromParty}</Table.Td>
              <Table.Td>{e.toParty}</Table.Td>
              <Table.Td>{e.temperatureC == null ? '—' : `${e.temperatureC} °C`}</Table.Td>
              <Table.Td>{e.note ?? ''}</Table.Td>
              <Table.Td>{e.recordedBy ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CustodyForm({ order }: { order: ManufacturingOrderView }) {
  const returning = ['in-manufacturing', 'shipped-to-centre', 'received', 'thawed'].includes(order.status);
  const last = order.custody.at(-1);
  const [leg, setLeg] = useState<string>(returning ? 'return' : 'outbound');
  const [fromParty, setFrom] = useState(last?.toParty ?? '');
  const [toParty, setTo] = useState('');
  const [handedAt, setHandedAt] = useState(nowLocal());
  const [temperature, setTemperature] = useState<string | number>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const record = useRecordCustody(order, setErrors);
  // Invalid fields are shown at the field; a refusal (409) as one message above the form.
  const error = Object.keys(errors).length ? null : record.error;

  const save = async () => {
    setErrors({});
    const saved = await record.submit({
      leg,
      fromParty,
      toParty,
      handedAt: localToIso(handedAt),
      // The number typed, or the text itself when it is not one (the server refuses it, naming the field).
      ...(typeof temperature === 'string' && temperature.trim() === '' ? {} : { temperatureC: temperature }),
      ...(note.trim() ? { note } : {}),
    });
    if (!saved) return;
    setFrom(toParty);
    setTo('');
    setNote('');
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby={`custody-form-${order.id}`}>
      <Title order={4} fz="sm" id={`custody-form-${order.id}`}>
        Record a hand-over
      </Title>
      {error && (
        <Alert color="red" p="xs">
          {error}
        </Alert>
      )}
      <Group align="flex-start" gap="sm">
        <Select
          label="Leg"
          data={Object.entries(CUSTODY_LEGS).map(([value, label]) => ({ value, label }))}
          value={leg}
          onChange={(v) => setLeg(v ?? 'outbound')}
          w={250}
          allowDeselect={false}
        />
        <TextInput
          label="Handed from"
          value={fromParty}
          onChange={(e) => setFrom(e.currentTarget.value)}
          error={errors.fromParty}
          required
          w={180}
        />
        <TextInput
          label="Handed to"
          value={toParty}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={errors.toParty}
          required
          w={180}
        />
        <TextInput
          label="Time"
          type="datetime-local"
          value={handedAt}
          onChange={(e) => setHandedAt(e.currentTarget.value)}
          error={errors.handedAt}
          required
          w={210}
        />
        <NumericField
          label="Temperature (°C)"
          unit="°C"
          value={temperature}
          onChange={setTemperature}
          error={errors.temperatureC}
          w={140}
        />
        <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} w={200} />
      </Group>
      <Group>
        <Button
          variant="light"
          onClick={() => void save()}
          loading={record.submitting}
          disabled={!fromParty.trim() || !toParty.trim() || !handedAt}
        >
          Record hand-over
        </Button>
      </Group>
    </Stack>
  );
}
