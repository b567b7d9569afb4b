// Collections of an episode: plan one (method, donor, mobilisation, weight, CD34+ targets), record apheresis
// days (processed volume, CD34+ collected, optionally the bag's DIN) and see the cumulative CD34+/kg against
// the targets ("another day needed" / "target reached"), then mark the collection complete.
import { dateOfDay } from '@engraft/clinical';
import {
  COLLECTION_METHODS,
  COLLECTION_PRODUCT_REGISTRARS,
  COLLECTION_STATUSES,
  COLLECTION_TRANSITIONS,
  COLLECTION_WRITERS,
  CollectionCreateSchema,
  mod37CheckOf,
  CollectionDayCreateSchema,
  type CollectionMethod,
  type CollectionStatus,
  PRODUCT_KINDS,
  type ProductKind,
  type Role,
  type Collection,
  type EpisodeDonors,
  CollectionSchema,
} from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, apiSend, errorMessage } from '../../api';
import { NumericField } from '../../components/NumericField';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { formatDate } from '../../format';
import { hasAnyRole } from '../../session';
import { zodResolver } from '../../zodResolver';
import { Cd34Chart } from './Cd34Chart';
import { STATUS_COLOR } from './cellsApi';

const DEFAULT_KIND: Record<CollectionMethod, ProductKind> = {
  'bm-harvest': 'hpc-marrow',
  apheresis: 'hpc-apheresis',
  'cord-receipt': 'hpc-cord',
  leukapheresis: 'mnc-apheresis',
};
const opt = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
/** A number field's value for the body: the number, the text typed when it is not one (the schema refuses it naming the field), or undefined when empty. */
const typed = (v: number | string): number | string | undefined =>
  typeof v === 'number' ? v : v.trim() === '' ? undefined : v;
/** A count typed in units of 10^n cells, as absolute cells (whole cells); text that is not a number is sent as typed. */
const scaled = (v: number | string, power: number): number | string | undefined => {
  const x = typed(v);
  return typeof x === 'number' ? Math.round(x * 10 ** power) : x;
};
const e6 = (v: number | null) => (v == null ? '—' : (v / 1e6).toFixed(0));

interface NewValues {
  method: string;
  donorId: string;
  mobilisation: string;
  plannedOn: string;
  recipientWeightKg: number | string;
  tandem: boolean;
}

function NewCollectionForm({ data, onSaved }: { data: EpisodeDonors; onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const donors = data.donors.filter((d) => d.status !== 'cancelled');
  const toBody = (v: NewValues) => ({
    method: v.method,
    donorId: data.takesDonor ? v.donorId || undefined : undefined,
    mobilisation: v.mobilisation.trim() || undefined,
    plannedOn: v.plannedOn || undefined,
    recipientWeightKg: typed(v.recipientWeightKg),
    tandem: v.method === 'apheresis' && !data.takesDonor ? v.tandem : false,
  });
  const form = useForm<NewValues>({
    initialValues: {
      method: 'apheresis',
      donorId: donors[0]?.id ?? '',
      mobilisation: 'G-CSF',
      plannedOn: data.today,
      recipientWeightKg: data.patient.weightKg ?? '',
      tandem: false,
    },
    validate: zodResolver<NewValues>(CollectionCreateSchema, toBody),
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await api('POST', `/episodes/${data.episode.id}/collections`, toBody(v));
      notifications.show({
        color: 'teal',
        title: 'Collection planned',
        message: COLLECTION_METHODS[v.method as CollectionMethod],
      });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Plan a collection">
      <Group align="flex-end" gap="sm">
        <NativeSelect label="Method" data={opt(COLLECTION_METHODS)} {...form.getInputProps('method')} w={260} />
        {data.takesDonor && (
          <NativeSelect
            label="From donor"
            data={[{ value: '', label: 'Choose…' }, ...donors.map((d) => ({ value: d.id, label: d.displayName }))]}
            {...form.getInputProps('donorId')}
            w={240}
          />
        )}
        {form.values.method === 'apheresis' && (
          <TextInput
            label="Mobilisation"
            placeholder="G-CSF, G-CSF + plerixafor…"
            {...form.getInputProps('mobilisation')}
            w={200}
          />
        )}
        <TextInput type="date" label="Planned on" {...form.getInputProps('plannedOn')} w={160} />
        <NumericField
          label="Recipient weight (kg)"
          unit="kg"
          {...form.getInputProps('recipientWeightKg')}
          value={form.values.recipientWeightKg}
          w={160}
        />
        {form.values.method === 'apheresis' && !data.takesDonor && (
          <Checkbox
            label="Tandem (collect for two transplants)"
            {...form.getInputProps('tandem', { type: 'checkbox' })}
            mb={8}
          />
        )}
        <Button type="submit">Plan collection</Button>
      </Group>
      {error && (
        <Alert color="red" role="alert" mt="xs">
          {error}
        </Alert>
      )}
    </form>
  );
}

interface DayValues {
  collectedOn: string;
  processedVolumeL: number | string;
  cd34E6: number | string;
  tncE8: number | string;
  product: { din: string; productCode: string; kind: string; volumeMl: number | string };
}

function DayForm({
  c,
  today,
  canRegister,
  onSaved,
}: {
  c: Collection;
  today: string;
  canRegister: boolean;
  onSaved: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const { withConfirmations, dialog } = useConfirmations();
  const toBody = (v: DayValues) => {
    const din = v.product.din.trim();
    return {
      collectedOn: v.collectedOn,
      processedVolumeL: typed(v.processedVolumeL),
      cd34Cells: scaled(v.cd34E6, 6),
      tncCells: scaled(v.tncE8, 8),
      product: din
        ? {
            din,
            productCode: v.product.productCode.trim().toUpperCase(),
            division: '00',
            kind: v.product.kind,
            volumeMl: typed(v.product.volumeMl),
          }
        : undefined,
    };
  };
  const form = useForm<DayValues>({
    initialValues: {
      collectedOn: today,
      processedVolumeL: '',
      cd34E6: '',
      tncE8: '',
      product: { din: '', productCode: 'S1295', kind: DEFAULT_KIND[c.method], volumeMl: '' },
    },
    validate: zodResolver<DayValues>(CollectionDayCreateSchema, toBody),
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const body = toBody(v);
      const after = await withConfirmations((confirmations) =>
        apiSend(
          'POST',
          `/collections/${c.id}/days`,
          confirmations.length ? { ...body, confirmations } : body,
          CollectionSchema
        )
      );
      if (!after) return;
      notifications.show({
        color: 'teal',
        title: 'Collection day recorded',
        message: after.progress?.message ?? formatDate(v.collectedOn),
      });
      form.reset();
      // The next apheresis day is usually the day after.
      form.setFieldValue('collectedOn', dateOfDay(v.collectedOn, 1));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    }
  });
  const label = c.method === 'apheresis' ? 'Record an apheresis day' : 'Record the collection';
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Title order={4} fz="h6" mb={4}>
        {label}
      </Title>
      <Group align="flex-start" gap="sm">
        <TextInput type="date" label="Date" {...form.getInputProps('collectedOn')} w={160} />
        <NumericField
          label="Processed volume (L)"
          unit="L"
          {...form.getInputProps('processedVolumeL')}
          value={form.values.processedVolumeL}
          w={160}
        />
        <NumericField
          label="CD34+ collected (×10⁶ cells)"
          unit="×10⁶ cells"
          showParsed
          {...form.getInputProps('cd34E6')}
          value={form.values.cd34E6}
          error={form.errors.cd34E6 ?? form.errors.cd34Cells}
          w={200}
        />
        <NumericField
          label="TNC (×10⁸ cells)"
          unit="×10⁸ cells"
          showParsed
          {...form.getInputProps('tncE8')}
          value={form.values.tncE8}
          error={form.errors.tncE8 ?? form.errors.tncCells}
          w={160}
        />
      </Group>
      {canRegister && (
        <Group align="flex-start" gap="sm" mt="xs">
          <TextInput
            label="Bag DIN (with check character)"
            placeholder="W9999 26 123456 K"
            description="optional: registers the bag as a product"
            {...form.getInputProps('product.din')}
            w={260}
          />
          <TextInput label="Product code" description=" " {...form.getInputProps('product.productCode')} w={120} />
          <NativeSelect
            label="Product"
            description=" "
            data={opt(PRODUCT_KINDS)}
            {...form.getInputProps('product.kind')}
            w={230}
          />
          <NumericField
            label="Bag volume (mL)"
            description=" "
            unit="mL"
            {...form.getInputProps('product.volumeMl')}
            value={form.values.product.volumeMl}
            w={140}
          />
        </Group>
      )}
      <Button type="submit" mt="sm">
        Record day
      </Button>
      {error && (
        <Alert color="red" role="alert" mt="xs">
          {error}
        </Alert>
      )}
      {dialog}
    </form>
  );
}

function ProgressBanner({ c }: { c: Collection }) {
  const p = c.progress;
  if (!p) return null;
  const headline = {
    'below minimum': 'Another day needed — below the minimum',
    'minimum reached': 'Another day needed — minimum reached, target not yet',
    'target reached': 'Target reached — no further day needed',
    'above maximum': 'Above the maximum for infusion',
  }[p.status];
  return (
    <Alert color={STATUS_COLOR[p.status]} variant="light" title={headline} data-testid="cd34-status">
      {p.message}. Targets: minimum {p.targets.minimum}, target {p.targets.target}
      {p.targets.maximum != null ? `, maximum ${p.targets.maximum}` : ''} ×10⁶/kg for {p.recipientWeightKg} kg.
    </Alert>
  );
}

function CollectionCard({
  c,
  data,
  roles,
  onChanged,
}: {
  c: Collection;
  data: EpisodeDonors;
  roles: readonly Role[];
  onChanged: () => void;
}) {
  const canWrite = hasAnyRole(roles, COLLECTION_WRITERS);
  const canRegister = hasAnyRole(roles, COLLECTION_PRODUCT_REGISTRARS);
  const [error, setError] = useState<string | null>(null);
  const donor = data.donors.find((d) => d.id === c.donorId);
  const open = c.status === 'planned' || c.status === 'in-progress';
  const move = async (status: CollectionStatus) => {
    setError(null);
    try {
      await api('POST', `/collections/${c.id}/status`, { status, on: data.today });
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Paper withBorder p="md" aria-label={`${COLLECTION_METHODS[c.method]} collection`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={3} fz="h5">
              {COLLECTION_METHODS[c.method]}
            </Title>
            <Badge color={c.status === 'complete' ? 'teal' : c.status === 'cancelled' ? 'gray' : 'blue'}>
              {COLLECTION_STATUSES[c.status]}
            </Badge>
          </Group>
          <Text fz="sm" c="dimmed">
            {donor ? `from ${donor.displayName}` : 'from the patient'}
            {c.mobilisation ? ` · ${c.mobilisation}` : ''}
            {c.plannedOn ? ` · planned ${formatDate(c.plannedOn)}` : ''}
            {c.recipientWeightKg ? ` · recipient ${c.recipientWeightKg} kg` : ''}
          </Text>
        </Group>
        <ProgressBanner c={c} />
        <Group align="flex-start" gap="lg" wrap="wrap">
          {c.progress && (
            <div style={{ flex: '1 1 420px', maxWidth: 560 }}>
              <Cd34Chart progress={c.progress} title="Cumulative CD34+ ×10⁶/kg by apheresis day" />
            </div>
          )}
          <div style={{ flex: '1 1 380px' }}>
            {c.days.length === 0 ? (
              <Text c="dimmed" fz="sm">
                No day recorded yet.
              </Text>
            ) : (
              <Table fz="sm" striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Day</Table.Th>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Processed</Table.Th>
                    <Table.Th>CD34+ ×10⁶</Table.Th>
                    {c.progress && <Table.Th>×10⁶/kg</Table.Th>}
                    {c.progress && <Table.Th>Cumulative</Table.Th>}
                    <Table.Th>Bag</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.days.map((d, i) => {
                    const p = c.progress?.days.find((x) => x.date === d.collectedOn);
                    return (
                      <Table.Tr key={d.id}>
                        <Table.Td>{i + 1}</Table.Td>
                        <Table.Td>{formatDate(d.collectedOn)}</Table.Td>
                        <Table.Td>{d.processedVolumeL != null ? `${d.processedVolumeL} L` : '—'}</Table.Td>
                        <Table.Td>{e6(d.cd34Cells)}</Table.Td>
                        {c.progress && <Table.Td>{p?.cd34PerKg?.toFixed(2) ?? '—'}</Table.Td>}
                        {c.progress && <Table.Td fw={700}>{p?.cumulativePerKg.toFixed(2) ?? '—'}</Table.Td>}
                        <Table.Td ff="monospace" fz="xs">
                          {d.product && d.productId ? (
                            <Anchor
                              component={Link}
                              to={`/products/${d.productId}`}
                              aria-label={`Product page of bag ${d.product.din}`}
                            >
                              {`${d.product.din} ${mod37CheckOf(d.product.din)} · ${d.product.productCode}`}
                            </Anchor>
                          ) : d.product ? (
                            `${d.product.din} ${mod37CheckOf(d.product.din)} · ${d.product.productCode}`
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </div>
        </Group>
        {canWrite && open && <DayForm c={c} today={data.today} canRegister={canRegister} onSaved={onChanged} />}
        {canWrite && open && (
          <Group gap="sm">
            {COLLECTION_TRANSITIONS[c.status].includes('complete') && (
              <Button variant="light" color="teal" onClick={() => void move('complete')}>
                Mark collection complete
              </Button>
            )}
            <Button variant="subtle" color="red" onClick={() => void move('cancelled')}>
              Cancel collection
            </Button>
          </Group>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function CollectionsSection({
  data,
  collections,
  roles,
  onChanged,
}: {
  data: EpisodeDonors;
  collections: Collection[];
  roles: readonly Role[];
  onChanged: () => void;
}) {
  const canWrite = hasAnyRole(roles, COLLECTION_WRITERS);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="collections-heading">
      <Stack gap="md">
        <Title order={2} fz="h4" id="collections-heading">
          Collections
        </Title>
        {collections.length === 0 && <Text c="dimmed">No collection planned yet.</Text>}
        {[...collections].reverse().map((c) => (
          <CollectionCard key={c.id} c={c} data={data} roles={roles} onChanged={onChanged} />
        ))}
        {canWrite && (data.takesDonor ? data.donors.some((d) => d.status !== 'cancelled') : true) && (
          <Stack gap={4}>
            <Title order={3} fz="h5">
              Plan a collection
            </Title>
            <NewCollectionForm data={data} onSaved={onChanged} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
