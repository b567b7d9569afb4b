// The criteria of a new donor search (issues 6 and 16): the patient's typing and weight prefilled from the record,
// loci and mismatches, donor kinds, CMV and ABO, the frequency set and the ranking, and per counted locus a
// mismatch limit and the level (allele or antigen) it is compared at.
import type { FrequencySetList } from '@engraft/domain';
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { NumericField } from '../../components/NumericField';
import { useCreateDonorSearch } from './api';
import { type Option, OptionSelect, plain } from './OptionSelect';
import { type CriteriaForm, type FormLocus, LOCI_OF, type RankBy, defaultLevel, requestOf } from './searchCriteria';

export interface DonorSearchFormProps {
  episodeId: string;
  /** The current typing on the patient record (GL string), if any. */
  recordTyping: string | undefined;
  recordWeightKg: number | null | undefined;
  recordAboRh: string | null | undefined;
  sets: FrequencySetList | undefined;
  /** The registry is still loading: searching waits. */
  registryLoading: boolean;
  onSaved: (searchId: string) => void;
}

const LOCI_COUNTED: Option<CriteriaForm['loci']>[] = [
  { value: '6', label: '6/6' },
  { value: '8', label: '8/8' },
  { value: '10', label: '10/10' },
];
const CMV: Option<CriteriaForm['patientCmv']>[] = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'neg', label: 'Negative' },
  { value: 'pos', label: 'Positive' },
];
const LOCUS_MISMATCHES = plain('any', '0', '1');
const LEVELS = plain('allele', 'antigen');

const INITIAL: Omit<CriteriaForm, 'typing' | 'weightKg' | 'rankBy'> = {
  loci: '10',
  maxMismatches: 2,
  adult: true,
  cord: false,
  patientCmv: 'unknown',
  patientAbo: 'record',
  frequencySet: '',
  perLocus: {},
  levels: {},
};

export function DonorSearchForm(p: DonorSearchFormProps) {
  const [form, setForm] = useState(INITIAL);
  // Typing, weight and ranking follow the record and the sets until the coordinator changes them.
  const [typed, setTyped] = useState<string | null>(null);
  const [weightTyped, setWeightTyped] = useState<string | number | null>(null);
  const [rankChosen, setRankChosen] = useState<RankBy | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const hasSets = (p.sets?.sets.length ?? 0) > 0;
  const values: CriteriaForm = {
    ...form,
    typing: typed ?? p.recordTyping ?? '',
    weightKg: weightTyped ?? p.recordWeightKg ?? '',
    rankBy: rankChosen ?? (hasSets ? 'probability' : 'grades'),
  };
  const set = <K extends keyof typeof INITIAL>(key: K, value: (typeof INITIAL)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const create = useCreateDonorSearch(p.episodeId, { onSaved: p.onSaved, onFieldErrors: setFieldErrors });
  const submit = () => {
    setFieldErrors({});
    void create.submit(requestOf(values));
  };
  const fieldError = (path: string) => fieldErrors[path] ?? null;
  const otherErrors = Object.entries(fieldErrors).filter(([k]) => k !== 'patientTyping');
  const defaultSet = p.sets?.centreDefault;

  return (
    <Paper withBorder p="md" component="section" aria-label="New donor search">
      <Stack gap="sm">
        {create.error && (
          <Alert color="red" title="The search was not made" role="alert">
            {create.error}
            {otherErrors.map(([path, message]) => (
              <Text key={path} fz="sm">
                {path}: {message}
              </Text>
            ))}
          </Alert>
        )}
        <Textarea
          label="Patient HLA typing (GL string)"
          description={
            p.recordTyping && typed === null ? 'From the patient record; edit to search another typing.' : undefined
          }
          placeholder="A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02"
          value={values.typing}
          onChange={(e) => setTyped(e.currentTarget.value)}
          error={fieldError('patientTyping')}
          autosize
          minRows={2}
          required
        />
        <Group align="flex-end">
          <OptionSelect
            label="Loci counted"
            options={LOCI_COUNTED}
            value={values.loci}
            onChange={(v) => set('loci', v)}
            w={120}
          />
          <NumericField
            label="Max mismatches"
            value={values.maxMismatches}
            onChange={(v) => set('maxMismatches', v)}
            error={fieldError('criteria.maxMismatches')}
            w={140}
          />
          <Checkbox
            label="Adult donors"
            checked={values.adult}
            onChange={(e) => set('adult', e.currentTarget.checked)}
          />
          <Checkbox label="Cord units" checked={values.cord} onChange={(e) => set('cord', e.currentTarget.checked)} />
          <NumericField
            label="Weight (kg, for cord dose)"
            unit="kg"
            value={values.weightKg}
            onChange={setWeightTyped}
            error={fieldError('criteria.weightKg')}
            w={200}
          />
        </Group>
        <Group align="flex-end">
          <OptionSelect
            label="Patient CMV"
            options={CMV}
            value={values.patientCmv}
            onChange={(v) => set('patientCmv', v)}
            w={130}
          />
          <NativeSelect
            label="Patient ABO"
            data={[
              { value: 'record', label: `From patient record${p.recordAboRh ? ` (${p.recordAboRh})` : ''}` },
              ...['A', 'B', 'AB', 'O'].map((g) => ({ value: g, label: g })),
            ]}
            value={values.patientAbo}
            onChange={(e) => set('patientAbo', e.currentTarget.value)}
            w={220}
          />
          <NativeSelect
            label="Haplotype frequency set"
            data={[
              { value: '', label: defaultSet ? `Centre default (${defaultSet})` : 'Centre default (none)' },
              ...(p.sets?.sets ?? []).map((s) => ({
                value: s.name,
                label: `${s.name}${s.population ? ` · ${s.population}` : ''}`,
              })),
            ]}
            value={values.frequencySet}
            onChange={(e) => set('frequencySet', e.currentTarget.value)}
            error={fieldError('criteria.frequencySet')}
            w={240}
          />
          <NativeSelect
            label="Rank by"
            data={[
              { value: 'probability', label: 'Mismatches, then match probability', disabled: !hasSets },
              { value: 'grades', label: 'Mismatches, then grades only' },
            ]}
            value={values.rankBy}
            onChange={(e) => setRankChosen(e.currentTarget.value === 'grades' ? 'grades' : 'probability')}
            w={290}
          />
        </Group>
        <LocusCriteria values={values} set={set} />
        <Group>
          <Button
            onClick={submit}
            loading={create.submitting}
            disabled={!values.typing.trim() || (!values.adult && !values.cord) || p.registryLoading}
          >
            Search
          </Button>
        </Group>
        <Text fz="xs" c="dimmed">
          Ranking: fewer definite mismatches first; within them, by the probability of that many mismatches or fewer
          from the frequency set (P(10/10), P(≥9/10); probabilities are at allele level whatever the level chosen), or
          by grades only: definite before potential, DPB1 permissive, then younger donor, male donor, CMV match with the
          patient, ABO match.
        </Text>
      </Stack>
    </Paper>
  );
}

type Setter = <K extends keyof typeof INITIAL>(key: K, value: (typeof INITIAL)[K]) => void;

/** Per counted locus: the mismatch limit and the level it is compared at. */
function LocusCriteria({ values, set }: { values: CriteriaForm; set: Setter }) {
  return (
    <Table aria-label="Per-locus criteria" w="fit-content" withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Locus</Table.Th>
          <Table.Th>Max mismatches</Table.Th>
          <Table.Th>Level</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {LOCI_OF[values.loci].map((l: FormLocus) => (
          <Table.Tr key={l}>
            <Table.Td>{l}</Table.Td>
            <Table.Td>
              <OptionSelect
                ariaLabel={`Max mismatches ${l}`}
                options={LOCUS_MISMATCHES}
                value={values.perLocus[l] ?? 'any'}
                onChange={(v) => set('perLocus', { ...values.perLocus, [l]: v })}
                w={100}
              />
            </Table.Td>
            <Table.Td>
              <OptionSelect
                ariaLabel={`Level ${l}`}
                options={LEVELS}
                value={values.levels[l] ?? defaultLevel(values, l)}
                onChange={(v) => set('levels', { ...values.levels, [l]: v })}
                w={120}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
