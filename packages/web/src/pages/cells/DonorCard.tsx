// The source of the cells: the patient (autologous) or the donors and cord units chosen for an allogeneic
// episode, each with its work-up stepper (dates, who recorded each step) and a "next status" button; forms to
// choose a donor from a saved search, add a related donor or a cord unit.
import { z } from 'zod';
import {
  DONOR_MATCHES,
  DONOR_RELATIONSHIPS,
  DONOR_STATUSES,
  DONOR_WORKUP_ORDER,
  DONOR_WORKUP_WRITERS,
  DonorChooseSchema,
  type Donor,
  nextDonorStatus,
  type Role,
  type EpisodeDonors,
  type DonorSearchSummary,
  type DonorHitSummary,
  DonorSearchResultsSchema,
  DonorSearchSummarySchema,
} from '@engraft/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { api, ApiError, apiGet, errorMessage } from '../../api';
import { NumericField } from '../../components/NumericField';
import { ABO_OPTIONS } from '../../forms';
import { displayName, formatDate, powerOfTen } from '../../format';
import { hasAnyRole } from '../../session';
import { zodResolver } from '../../zodResolver';

const SOURCE_LABEL: Record<Donor['source'], string> = {
  autologous: 'Autologous',
  related: 'Related donor',
  unrelated: 'Unrelated donor',
  cord: 'Cord unit',
};
const cells = (v: number | null, exp: number, unit: string) =>
  v == null ? '—' : `${(v / 10 ** exp).toFixed(1)} ${powerOfTen(exp)} ${unit}`;

function DonorDetails({ d, today }: { d: Donor; today: string }) {
  const age = d.birthYear
    ? `${Number(today.slice(0, 4)) - d.birthYear} y (born ${d.birthDate ? formatDate(d.birthDate) : d.birthYear})`
    : '—';
  const rows: [string, string][] = [
    ['ABO/Rh', d.aboRh ?? '—'],
    ['CMV', d.cmv],
    ['Sex', d.sex ?? '—'],
    ['Age', age],
    ['Weight', d.weightKg ? `${d.weightKg} kg` : '—'],
    ...(d.source === 'related'
      ? ([
          [
            'Relationship',
            `${d.relationship ?? '—'}, ${d.matchGrade ? (DONOR_MATCHES[d.matchGrade as keyof typeof DONOR_MATCHES] ?? d.matchGrade) : '—'}`,
          ],
        ] as [string, string][])
      : []),
    ...(d.source === 'cord'
      ? ([
          ['Bank', d.cordBank ?? '—'],
          ['TNC', cells(d.cordTnc, 7, 'cells')],
          ['CD34+', cells(d.cordCd34, 5, 'cells')],
        ] as [string, string][])
      : []),
    ['HLA typing', d.hlaTyping ?? 'not recorded'],
  ];
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={110} fw={500} c="dimmed">
              {k}
            </Table.Th>
            <Table.Td style={{ wordBreak: 'break-all' }}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function WorkupStepper({
  d,
  canWrite,
  today,
  onChanged,
}: {
  d: Donor;
  canWrite: boolean;
  today: string;
  onChanged: () => void;
}) {
  const [on, setOn] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Reached steps are checked; the next one is the current step.
  const active = d.status === 'cancelled' ? -1 : (DONOR_WORKUP_ORDER as readonly string[]).indexOf(d.status) + 1;
  const dateOf = (s: string) => [...d.history].reverse().find((h) => h.status === s);
  const next = nextDonorStatus(d.status);
  const move = async (status: string) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/donors/${d.id}/status`, { status, on });
      notifications.show({
        color: 'teal',
        title: 'Work-up updated',
        message: `${d.displayName}: ${DONOR_STATUSES[status as keyof typeof DONOR_STATUSES]}`,
      });
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Stepper active={active} size="xs" aria-label={`Work-up of ${d.displayName}: ${DONOR_STATUSES[d.status]}`}>
        {DONOR_WORKUP_ORDER.map((s) => {
          const h = dateOf(s);
          return (
            <Stepper.Step
              key={s}
              label={DONOR_STATUSES[s]}
              description={h ? `${formatDate(h.on)}${h.recordedBy ? ` · ${h.recordedBy}` : ''}` : ''}
            />
          );
        })}
      </Stepper>
      {d.status === 'cancelled' && (
        <Alert color="gray">
          Cancelled on {formatDate(d.statusOn)}
          {dateOf('cancelled')?.note ? `: ${dateOf('cancelled')?.note}` : ''}
        </Alert>
      )}
      {canWrite && next && (
        <Group align="flex-end" gap="sm">
          <TextInput
            type="date"
            label="Date of the step"
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
            w={170}
          />
          <Button loading={busy} onClick={() => void move(next)}>
            Next: {DONOR_STATUSES[next]}
          </Button>
          <Button variant="subtle" color="red" disabled={busy} onClick={() => void move('cancelled')}>
            Cancel donor
          </Button>
        </Group>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/** A number field's value as sent: the number, the text typed when it is not one (the schema refuses it, naming the field), or undefined when empty. */
const typed = (v: number | string): number | string | undefined =>
  typeof v === 'number' ? v : v.trim() === '' ? undefined : v;
/** A count typed in units of 10^n cells, as absolute cells. */
const scaled = (v: number | string, power: number): number | string | undefined => {
  const x = typed(v);
  return typeof x === 'number' ? Math.round(x * 10 ** power) : x;
};

interface RelatedValues {
  relationship: string;
  match: string;
  displayName: string;
  hlaTyping: string;
  sex: string;
  birthDate: string;
  aboRh: string;
  cmv: string;
  weightKg: number | string;
}
interface CordValues {
  registryDonorId: string;
  cordBank: string;
  tncE7: number | string;
  cd34E5: number | string;
  aboRh: string;
}

const opt = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const undef = (v: string) => (v === '' || v === 'unknown' ? undefined : v);

function RelatedForm({ episodeId, onSaved }: { episodeId: string; onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const toBody = (v: RelatedValues) => ({
    kind: 'related' as const,
    relationship: v.relationship,
    match: v.match,
    displayName: undef(v.displayName),
    hlaTyping: undef(v.hlaTyping),
    sex: undef(v.sex),
    birthDate: undef(v.birthDate),
    aboRh: undef(v.aboRh),
    cmv: v.cmv,
    weightKg: typed(v.weightKg),
  });
  const form = useForm<RelatedValues>({
    initialValues: {
      relationship: 'sibling',
      match: 'hla-identical',
      displayName: '',
      hlaTyping: '',
      sex: '',
      birthDate: '',
      aboRh: 'unknown',
      cmv: 'unknown',
      weightKg: '',
    },
    validate: zodResolver<RelatedValues>(DonorChooseSchema, toBody),
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await api('POST', `/episodes/${episodeId}/donors`, toBody(v));
      notifications.show({ color: 'teal', title: 'Related donor added', message: 'The donor is at “identified”.' });
      form.reset();
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a related donor">
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label="Relationship"
          data={opt(DONOR_RELATIONSHIPS)}
          {...form.getInputProps('relationship')}
          w={150}
        />
        <NativeSelect label="Match" data={opt(DONOR_MATCHES)} {...form.getInputProps('match')} w={150} />
        <TextInput label="Name / label" placeholder="e.g. Brother" {...form.getInputProps('displayName')} w={160} />
        <NativeSelect
          label="Sex"
          data={[
            { value: '', label: '—' },
            { value: 'male', label: 'Male' },
            { value: 'female', label: 'Female' },
          ]}
          {...form.getInputProps('sex')}
          w={100}
        />
        <TextInput type="date" label="Birth date" {...form.getInputProps('birthDate')} w={160} />
        <NativeSelect label="ABO/Rh" data={ABO_OPTIONS} {...form.getInputProps('aboRh')} w={150} />
        <NativeSelect label="CMV" data={['unknown', 'positive', 'negative']} {...form.getInputProps('cmv')} w={120} />
        <NumericField
          label="Weight (kg)"
          unit="kg"
          {...form.getInputProps('weightKg')}
          value={form.values.weightKg}
          w={110}
        />
        <TextInput
          label="HLA typing (GL string)"
          placeholder="HLA-A*02:01+HLA-A*24:02^…"
          {...form.getInputProps('hlaTyping')}
          w={420}
        />
      </Group>
      <Button type="submit" mt="sm">
        Add related donor
      </Button>
      {error && (
        <Alert color="red" role="alert" mt="xs">
          {error}
        </Alert>
      )}
    </form>
  );
}

function CordForm({ episodeId, onSaved }: { episodeId: string; onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const toBody = (v: CordValues) => {
    return {
      kind: 'cord' as const,
      registryDonorId: v.registryDonorId.trim(),
      cordBank: undef(v.cordBank),
      tncCells: scaled(v.tncE7, 7),
      cd34Cells: scaled(v.cd34E5, 5),
      aboRh: undef(v.aboRh),
    };
  };
  const form = useForm<CordValues>({
    initialValues: { registryDonorId: '', cordBank: '', tncE7: '', cd34E5: '', aboRh: 'unknown' },
    validate: zodResolver<CordValues>(DonorChooseSchema, toBody),
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await api('POST', `/episodes/${episodeId}/donors`, toBody(v));
      notifications.show({ color: 'teal', title: 'Cord unit added', message: v.registryDonorId });
      form.reset();
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a cord unit">
      <Group align="flex-start" gap="sm">
        <TextInput label="Cord unit id" {...form.getInputProps('registryDonorId')} w={160} />
        <TextInput label="Bank" {...form.getInputProps('cordBank')} w={160} />
        <NumericField
          label="TNC (×10⁷)"
          unit="×10⁷ cells"
          showParsed
          {...form.getInputProps('tncE7')}
          value={form.values.tncE7}
          w={140}
        />
        <NumericField
          label="CD34+ (×10⁵)"
          unit="×10⁵ cells"
          showParsed
          {...form.getInputProps('cd34E5')}
          value={form.values.cd34E5}
          w={140}
        />
        <NativeSelect label="ABO/Rh" data={ABO_OPTIONS} {...form.getInputProps('aboRh')} w={150} />
      </Group>
      <Button type="submit" mt="sm">
        Add cord unit
      </Button>
      {error && (
        <Alert color="red" role="alert" mt="xs">
          {error}
        </Alert>
      )}
    </form>
  );
}

function FromSearch({
  episodeId,
  chosen,
  onSaved,
}: {
  episodeId: string;
  chosen: ReadonlySet<string>;
  onSaved: () => void;
}) {
  const [searches, setSearches] = useState<DonorSearchSummary[] | null>(null);
  const [searchId, setSearchId] = useState('');
  const [hits, setHits] = useState<DonorHitSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiGet(`/episodes/${episodeId}/donor-searches`, z.array(DonorSearchSummarySchema)).then(
      (s) => {
        setSearches(s);
        setSearchId(s[0]?.id ?? '');
      },
      (e: unknown) => setError(errorMessage(e))
    );
  }, [episodeId]);
  useEffect(() => {
    if (!searchId) return;
    apiGet(`/donor-searches/${searchId}/results?limit=10`, DonorSearchResultsSchema).then(
      (r) => setHits(r.hits),
      (e: unknown) => setError(errorMessage(e))
    );
  }, [searchId]);
  const choose = async (donorId: string) => {
    setError(null);
    try {
      await api('POST', `/episodes/${episodeId}/donors`, { kind: 'search-result', searchId, donorId });
      notifications.show({ color: 'teal', title: 'Donor chosen', message: donorId });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (searches && searches.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        No saved donor search on this episode yet: run one from “Donor search”.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <NativeSelect
        label="Saved search"
        data={(searches ?? []).map((s) => ({
          value: s.id,
          label: `${formatDate(s.createdAt.slice(0, 10))} · ${s.total} donors`,
        }))}
        value={searchId}
        onChange={(e) => setSearchId(e.currentTarget.value)}
        w={320}
      />
      <Table fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rank</Table.Th>
            <Table.Th>Donor</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Mismatches</Table.Th>
            <Table.Th>Sex / age</Table.Th>
            <Table.Th>ABO</Table.Th>
            <Table.Th>CMV</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {hits.map((h) => (
            <Table.Tr key={h.donorId}>
              <Table.Td>{h.rank}</Table.Td>
              <Table.Td ff="monospace">
                {h.donorId} ({h.registry})
              </Table.Td>
              <Table.Td>{h.kind}</Table.Td>
              <Table.Td>{h.mismatches}</Table.Td>
              <Table.Td>
                {h.sex ?? '—'} / {h.age ?? '—'}
              </Table.Td>
              <Table.Td>
                {h.abo ?? ''}
                {h.rh ?? ''}
              </Table.Td>
              <Table.Td>{h.cmv ?? '—'}</Table.Td>
              <Table.Td>
                {chosen.has(h.donorId) ? (
                  <Badge variant="light" color="teal">
                    Chosen
                  </Badge>
                ) : (
                  <Button size="xs" variant="light" onClick={() => void choose(h.donorId)}>
                    Choose
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

export function DonorCard({
  data,
  roles,
  onChanged,
}: {
  data: EpisodeDonors;
  roles: readonly Role[];
  onChanged: () => void;
}) {
  const canWrite = hasAnyRole(roles, DONOR_WORKUP_WRITERS);
  const [adding, setAdding] = useState<'search' | 'related' | 'cord'>('search');
  const { patient } = data;
  if (!data.takesDonor) {
    return (
      <Paper withBorder p="md" component="section" aria-labelledby="source-heading">
        <Title order={2} fz="h4" id="source-heading">
          Source
        </Title>
        <Text mt="xs">
          <Badge color="blue" mr="xs">
            Autologous
          </Badge>
          The patient is the source: {displayName(patient)} ({patient.mrn}) · ABO/Rh {patient.aboRh} · weight{' '}
          {patient.weightKg ? `${patient.weightKg} kg` : 'not recorded'}
        </Text>
      </Paper>
    );
  }
  const active = data.donors.filter((d) => d.status !== 'cancelled');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="source-heading">
      <Stack gap="md">
        <Title order={2} fz="h4" id="source-heading">
          Donor and source
        </Title>
        {data.donors.length === 0 && <Text c="dimmed">No donor chosen yet.</Text>}
        {data.donors.map((d) => (
          <Paper
            key={d.id}
            withBorder
            p="sm"
            bg={d.status === 'cancelled' ? 'gray.0' : undefined}
            aria-label={`Donor ${d.displayName}`}
          >
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Text fw={700}>{d.displayName}</Text>
                <Badge variant="light">{SOURCE_LABEL[d.source]}</Badge>
                <Badge
                  color={d.status === 'cancelled' ? 'gray' : d.status === 'collected' ? 'teal' : 'blue'}
                  data-testid="donor-status"
                >
                  {DONOR_STATUSES[d.status]}
                </Badge>
              </Group>
              <Text fz="xs" c="dimmed">
                since {formatDate(d.statusOn)}
              </Text>
            </Group>
            <Group align="flex-start" gap="xl" wrap="wrap">
              <div style={{ flex: '1 1 260px' }}>
                <DonorDetails d={d} today={data.today} />
              </div>
              <div style={{ flex: '2 1 480px' }}>
                <WorkupStepper d={d} canWrite={canWrite} today={data.today} onChanged={onChanged} />
              </div>
            </Group>
          </Paper>
        ))}
        {canWrite && (
          <Stack gap="xs">
            <Title order={3} fz="h5">
              {active.length ? 'Add another donor or cord unit' : 'Choose the donor'}
            </Title>
            <SegmentedControl
              value={adding}
              onChange={(v) => setAdding(v === 'related' || v === 'cord' ? v : 'search')}
              data={[
                { value: 'search', label: 'From a saved search' },
                { value: 'related', label: 'Related donor' },
                { value: 'cord', label: 'Cord unit' },
              ]}
              w="fit-content"
            />
            {adding === 'search' && (
              <FromSearch
                episodeId={data.episode.id}
                chosen={new Set(active.flatMap((d) => (d.registryDonorId ? [d.registryDonorId] : [])))}
                onSaved={onChanged}
              />
            )}
            {adding === 'related' && <RelatedForm episodeId={data.episode.id} onSaved={onChanged} />}
            {adding === 'cord' && <CordForm episodeId={data.episode.id} onSaved={onChanged} />}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
