// The chain of custody of an order: every hand-over in time order, and the form to record the next one.
import { CUSTODY_LEGS, type CustodyEvent, type ManufacturingOrderView } from '@engraft/domain';
import { Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { CountField } from '../../components/CountField';
import { formatDateTime } from '../../format';
import { useRecordCustody } from './api';
import { OrderFormSection } from './OrderFormSection';
import { localToIso, nowLocal, typed } from './types';

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

interface CustodyValues {
  leg: string;
  fromParty: string;
  toParty: string;
  handedAt: string;
  temperature: string | number;
  note: string;
}

export function CustodyForm({ order }: { order: ManufacturingOrderView }) {
  const returning = ['in-manufacturing', 'shipped-to-centre', 'received', 'thawed'].includes(order.status);
  const form = useForm<CustodyValues>({
    initialValues: {
      leg: returning ? 'return' : 'outbound',
      fromParty: order.custody.at(-1)?.toParty ?? '',
      toParty: '',
      handedAt: nowLocal(),
      temperature: '',
      note: '',
    },
  });
  const record = useRecordCustody(order, form.setErrors);
  const v = form.values;

  const save = async () => {
    form.clearErrors();
    const temperatureC = typed(v.temperature);
    const saved = await record.submit({
      leg: v.leg,
      fromParty: v.fromParty,
      toParty: v.toParty,
      handedAt: localToIso(v.handedAt),
      ...(temperatureC === undefined ? {} : { temperatureC }),
      ...(v.note.trim() ? { note: v.note } : {}),
    });
    if (saved) form.setValues({ fromParty: v.toParty, toParty: '', note: '' });
  };

  return (
    <OrderFormSection
      id={`custody-form-${order.id}`}
      title="Record a hand-over"
      refusal={record.error}
      fieldErrors={form.errors}
      action={{
        label: 'Record hand-over',
        variant: 'light',
        onClick: () => void save(),
        submitting: record.submitting,
        disabled: !v.fromParty.trim() || !v.toParty.trim() || !v.handedAt,
      }}
    >
      <Group align="flex-start" gap="sm">
        <Select
          label="Leg"
          data={Object.entries(CUSTODY_LEGS).map(([value, label]) => ({ value, label }))}
          {...form.getInputProps('leg')}
          w={250}
          allowDeselect={false}
        />
        <TextInput label="Handed from" {...form.getInputProps('fromParty')} required w={180} />
        <TextInput label="Handed to" {...form.getInputProps('toParty')} required w={180} />
        <TextInput label="Time" type="datetime-local" {...form.getInputProps('handedAt')} required w={210} />
        <CountField form={form} name="temperature" sentAs="temperatureC" label="Temperature (°C)" unit="°C" w={140} />
        <TextInput label="Note" {...form.getInputProps('note')} w={200} />
      </Group>
    </OrderFormSection>
  );
}
