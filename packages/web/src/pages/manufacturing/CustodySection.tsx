// The chain of custody of an order: every hand-over in time order, and the form to record the next one.
import { CUSTODY_LEGS, type CustodyEvent, type ManufacturingOrderView } from '@engraft/domain';
import { Group, Select, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { CountField } from '../../components/CountField';
import { type Column, DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format';
import { useRecordCustody } from './api';
import { OrderFormSection } from './OrderFormSection';
import { localToIso, nowLocal, typed } from './types';
import { DateTimeField } from '../../components/DateTimeField';

/** The product's own records after the receipt (the hand-overs recorded on the order show their leg). */
const STEP_OF: Partial<Record<CustodyEvent['source'], string>> = {
  thaw: 'Thaw',
  ward: 'To the ward',
  infusion: 'Infusion',
};

const CUSTODY_COLUMNS: Column<CustodyEvent>[] = [
  { header: 'Time', cell: (e) => formatDateTime(e.handedAt), td: { style: { whiteSpace: 'nowrap' } } },
  { header: 'Leg', cell: (e) => STEP_OF[e.source] ?? (e.leg === 'outbound' ? 'Out' : 'Back') },
  { header: 'Handed from', cell: (e) => e.fromParty },
  { header: 'Handed to', cell: (e) => e.toParty },
  { header: 'Temperature', cell: (e) => (e.temperatureC == null ? '—' : `${e.temperatureC} °C`) },
  { header: 'Note', cell: (e) => e.note ?? '' },
  { header: 'Recorded by', cell: (e) => e.recordedBy ?? '' },
];

export function CustodyTable({ events }: { events: CustodyEvent[] }) {
  if (events.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        No hand-overs recorded yet.
      </Text>
    );
  }
  return (
    <DataTable
      withTableBorder
      fz="sm"
      aria-label="Chain of custody"
      minWidth={640}
      columns={CUSTODY_COLUMNS}
      rows={events}
      rowKey={(e) => e.id}
    />
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
        <DateTimeField label="Time" {...form.getInputProps('handedAt')} required w={210} />
        <CountField form={form} name="temperature" sentAs="temperatureC" label="Temperature (°C)" unit="°C" w={140} />
        <TextInput label="Note" {...form.getInputProps('note')} w={200} />
      </Group>
    </OrderFormSection>
  );
}
