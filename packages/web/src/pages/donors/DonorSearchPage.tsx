// Donor search of an allogeneic episode (issue 6): criteria form, saved searches, the ranked results with
// per-locus coloured grades and cord dose, and a drawer with one donor's locus-by-locus explanation.
import { z } from 'zod';
import { RegistryStatusBanner } from './RegistryStatusBanner';
import {
  DONOR_SEARCHERS,
  type DonorExplanationView,
  type DonorHitSummary,
  type DonorRegistryStatus,
  type DonorSearchSummary,
  DonorExplanationSchema,
  DonorRegistryStatusSchema,
  DonorSearchResultsSchema,
  DonorSearchSummarySchema,
  EpisodeDonorsSchema,
} from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, apiGet, apiSend, errorMessage } from '../../api';
import { NumericField } from '../../components/NumericField';
import { displayName, formatDateTime } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { DonorHitsTable, GRADE_COLOR, percent } from './DonorHitsTable';

const PAGE = 50;

type SavedSearch = DonorSearchSummary;
type Hit = DonorHitSummary;

const PER_LOCUS = ['A', 'B', 'C', 'DRB1', 'DQB1'] as const;
const CMV_LABEL = { pos: 'CMV+', neg: 'CMV−' } as const;

/** One line for a saved search's criteria, e.g. "10/10 ≤2 MM · DRB1 ≤0 · CMV− · ABO O (record)". */
function criteriaLine(c: SavedSearch['criteria']): string {
  const parts = [`${c.loci}/${c.loci} ≤${c.maxMismatches} MM`];
  for (const [l, n] of Object.entries(c.maxMismatchesPerLocus ?? {})) if (n !== undefined) parts.push(`${l} ≤${n}`);
  if (c.donorKinds.includes('cord')) parts.push(c.donorKinds.includes('adult') ? 'adult + cord' : 'cord');
  if (c.patientCmv) parts.push(CMV_LABEL[c.patientCmv]);
  if (c.patientAbo) parts.push(`ABO ${c.patientAbo}${c.patientAboFrom === 'patient-record' ? ' (record)' : ''}`);
  return parts.join(' · ');
}

export function DonorSearchPage() {
  const { episodeId = '' } = useParams();
  // Whose search this is: the patient of the episode (name and MRN at the top, link back to the record).
  const [owner, setOwner] = useState<{ id: string; mrn: string; familyName: string; givenName: string } | null>(null);
  useEffect(() => {
    apiGet(`/episodes/${episodeId}/donors`, EpisodeDonorsSchema).then(
      (a) => setOwner(a.patient),
      () => setOwner(null)
    );
  }, [episodeId]);
  const roles = useSignedIn().user.roles;
  useDocumentTitle('Donor search · Engraft');
  const canSearch = hasAnyRole(roles, DONOR_SEARCHERS);

  const [typing, setTyping] = useState('');
  const [loci, setLoci] = useState('10');
  const [maxMm, setMaxMm] = useState<string | number>(2);
  const [adult, setAdult] = useState(true);
  const [cord, setCord] = useState(false);
  const [weight, setWeight] = useState<string | number>('');
  const [patientCmv, setPatientCmv] = useState<string>('unknown');
  const [patientAbo, setPatientAbo] = useState<string>('record');
  const [perLocus, setPerLocus] = useState<Record<string, string>>({});
  const [registry, setRegistry] = useState<DonorRegistryStatus | null>(null);
  const [typingError, setTypingError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const [searches, setSearches] = useState<SavedSearch[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [hits, setHits] = useState<Hit[]>([]);
  const [offset, setOffset] = useState(0);
  const [kindFilter, setKindFilter] = useState('all');
  const [explained, setExplained] = useState<DonorExplanationView | null>(null);

  const loadSearches = useCallback(() => {
    apiGet(`/episodes/${episodeId}/donor-searches`, z.array(DonorSearchSummarySchema)).then(
      (list) => {
        setSearches(list);
        setCurrent((c) => c ?? list[0]?.id ?? null);
      },
      (e: unknown) => setError(errorMessage(e))
    );
  }, [episodeId]);

  useEffect(() => {
    loadSearches();
  }, [loadSearches]);

  // The server loads the donor registry in the background after start-up: poll its status while it loads.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = () => {
      apiGet('/donor-registry', DonorRegistryStatusSchema).then(
        (st) => {
          if (stopped) return;
          setRegistry(st);
          if (st.state === 'loading') timer = setTimeout(poll, 2000);
        },
        () => undefined
      );
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    if (!current) return;
    apiGet(`/donor-searches/${current}/results?offset=${offset}&limit=${PAGE}`, DonorSearchResultsSchema)
      .then((r) => setHits(r.hits))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [current, offset]);

  const search = async () => {
    setBusy(true);
    setError(null);
    setTypingError(null);
    try {
      const donorKinds = [...(adult ? ['adult'] : []), ...(cord ? ['cord'] : [])];
      const limits = Object.fromEntries(
        Object.entries(perLocus)
          .filter(([, v]) => v !== 'any')
          .map(([l, v]) => [l, Number(v)])
      );
      const criteria = {
        loci: Number(loci),
        // What was typed goes on as it is: text that is not a number is refused by the schema, naming the field.
        maxMismatches: maxMm,
        donorKinds,
        ...(weight === '' ? {} : { weightKg: weight }),
        ...(Object.keys(limits).length > 0 ? { maxMismatchesPerLocus: limits } : {}),
        ...(patientCmv === 'unknown' ? {} : { patientCmv }),
        ...(patientAbo === 'record' ? {} : { patientAbo }),
      };
      const s = await apiSend(
        'POST',
        `/episodes/${episodeId}/donor-searches`,
        {
          patientTyping: typing,
          criteria,
        },
        DonorSearchSummarySchema
      );
      setOffset(0);
      setCurrent(s.id);
      loadSearches();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors().patientTyping) setTypingError(e.fieldErrors().patientTyping ?? null);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const explain = async (donorId: string) => {
    if (!current) return;
    try {
      setExplained(
        await apiGet(
          `/donor-searches/${current}/donors/${encodeURIComponent(donorId)}/explanation`,
          DonorExplanationSchema
        )
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const shown = hits.filter((h) => kindFilter === 'all' || h.kind === kindFilter);
  const selected = searches.find((s) => s.id === current);

  return (
    <Stack gap="lg">
      {owner && (
        <Anchor component={Link} to={`/patients/${owner.id}`} fz="sm">
          ← {displayName(owner)} · MRN {owner.mrn}
        </Anchor>
      )}
      <Title order={1} fz="h2">
        Donor search
      </Title>
      {error && (
        <Alert color="red" title="Donor search" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <RegistryStatusBanner registry={registry} />
      {canSearch && (
        <Paper withBorder p="md" component="section" aria-label="New donor search">
          <Stack gap="sm">
            <Textarea
              label="Patient HLA typing (GL string)"
              placeholder="A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02"
              value={typing}
              onChange={(e) => setTyping(e.currentTarget.value)}
              error={typingError}
              autosize
              minRows={2}
              required
            />
            <Group align="flex-end">
              <Select
                label="Loci counted"
                data={[
                  { value: '6', label: '6/6' },
                  { value: '8', label: '8/8' },
                  { value: '10', label: '10/10' },
                ]}
                value={loci}
                onChange={(v) => setLoci(v ?? '10')}
                w={120}
              />
              <NumericField label="Max mismatches" value={maxMm} onChange={setMaxMm} w={140} />
              <Checkbox label="Adult donors" checked={adult} onChange={(e) => setAdult(e.currentTarget.checked)} />
              <Checkbox label="Cord units" checked={cord} onChange={(e) => setCord(e.currentTarget.checked)} />
              <NumericField label="Weight (kg, for cord dose)" unit="kg" value={weight} onChange={setWeight} w={200} />
            </Group>
            <Group align="flex-end">
              <Select
                label="Patient CMV"
                data={[
                  { value: 'unknown', label: 'Unknown' },
                  { value: 'neg', label: 'Negative' },
                  { value: 'pos', label: 'Positive' },
                ]}
                value={patientCmv}
                onChange={(v) => setPatientCmv(v ?? 'unknown')}
                w={130}
              />
              <Select
                label="Patient ABO"
                data={[
                  { value: 'record', label: 'From patient record' },
                  ...['A', 'B', 'AB', 'O'].map((g) => ({ value: g, label: g })),
                ]}
                value={patientAbo}
                onChange={(v) => setPatientAbo(v ?? 'record')}
                w={190}
              />
              {PER_LOCUS.map((l) => (
                <Select
                  key={l}
                  label={`Max MM ${l}`}
                  data={[
                    { value: 'any', label: 'any' },
                    { value: '0', label: '0' },
                    { value: '1', label: '1' },
                  ]}
                  value={perLocus[l] ?? 'any'}
                  onChange={(v) => setPerLocus((p) => ({ ...p, [l]: v ?? 'any' }))}
                  w={115}
                />
              ))}
              <Button
                onClick={() => void search()}
                loading={busy}
                disabled={!typing.trim() || (!adult && !cord) || registry?.state === 'loading'}
              >
                Search
              </Button>
            </Group>
            <Text fz="xs" c="dimmed">
              Ranking: fewer mismatches, definite before potential, DPB1 permissive, then younger donor, male donor, CMV
              match with the patient, ABO match.
            </Text>
          </Stack>
        </Paper>
      )}
      {searches.length > 0 && (
        <Group align="flex-end">
          <Select
            label="Saved searches"
            data={searches.map((s) => ({
              value: s.id,
              label: `${formatDateTime(s.createdAt, { utc: true })} · ${criteriaLine(s.criteria)} · ${s.total} found`,
            }))}
            value={current}
            onChange={(v) => {
              setOffset(0);
              setCurrent(v);
            }}
            w={640}
          />
          <SegmentedControl
            data={[
              { value: 'all', label: 'All' },
              { value: 'adult', label: 'Adult' },
              { value: 'cord', label: 'Cord' },
            ]}
            value={kindFilter}
            onChange={setKindFilter}
            aria-label="Filter by donor kind"
          />
        </Group>
      )}
      {selected && (
        <Text fz="sm" c="dimmed">
          {selected.total} donor(s) found with IPD-IMGT/HLA {selected.release}
          {selected.createdBy ? ` by ${selected.createdBy}` : ''}; the first {selected.stored} are kept with the search.
          Criteria: {criteriaLine(selected.criteria)}.
        </Text>
      )}
      {selected && (
        <Anchor component={Link} to={`/episodes/${episodeId}/cells`} fw={600} w="fit-content">
          Choose a donor from these results and follow the work-up: Donor &amp; collection →
        </Anchor>
      )}
      {selected && (
        <Group gap="xs">
          {selected.criteria.frequencySet && (
            <Text fz="sm" c="dimmed">
              Probabilities from haplotype frequency set {selected.criteria.frequencySet}
            </Text>
          )}
          <Anchor href={`/api/v1/donor-searches/${selected.id}/export?format=csv`} download fz="sm">
            Export CSV
          </Anchor>
          <Anchor href={`/api/v1/donor-searches/${selected.id}/export?format=pdf`} download fz="sm">
            Export PDF
          </Anchor>
        </Group>
      )}
      {selected && <DonorHitsTable hits={shown} onExplain={(id) => void explain(id)} />}
      {selected && selected.stored > PAGE && (
        <Group>
          <Button
            variant="default"
            size="xs"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={offset + PAGE >= selected.stored}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </Button>
        </Group>
      )}
      <Anchor component={Link} to={owner ? `/patients/${owner.id}` : '/patients'} fz="sm">
        {owner ? 'Back to the patient' : 'Back to patients'}
      </Anchor>
      <Drawer
        opened={explained !== null}
        onClose={() => setExplained(null)}
        position="right"
        size="lg"
        title={explained ? `Donor ${explained.donorId}` : ''}
      >
        {explained && (
          <Stack gap="sm">
            <Text fz="sm" c="dimmed">
              Nomenclature release {explained.release}
            </Text>
            {explained.loci.map((l) => (
              <Paper key={l.locus} withBorder p="xs">
                <Text fw={700}>
                  {l.locus} {l.counted ? '' : '(not counted)'} · {l.level} level · {l.mismatches} mismatch(es),{' '}
                  {l.potential} potential
                </Text>
                <Text fz="xs" c="dimmed">
                  patient {l.patientTyping ?? '–'} · donor {l.donorTyping ?? '–'}
                </Text>
                {l.positions.map((p, i) => (
                  <Text key={i} fz="sm">
                    <Badge size="xs" color={GRADE_COLOR[l.level === 'antigen' ? p.antigen : p.allele]}>
                      {l.level === 'antigen' ? p.antigen : p.allele}
                    </Badge>{' '}
                    {p.reason}
                  </Text>
                ))}
                {l.notes.map((n, i) => (
                  <Text key={`n${i}`} fz="xs" c="dimmed">
                    {n}
                  </Text>
                ))}
              </Paper>
            ))}
            <Text fz="sm">
              DPB1 T-cell epitope: <strong>{explained.dpb1.category}</strong> — {explained.dpb1.reason}
            </Text>
            {explained.genotypes && (
              <Paper withBorder p="xs" aria-label="Most probable genotypes">
                <Text fw={700}>Most probable genotypes ({explained.genotypes.frequencySet})</Text>
                {(['patient', 'donor'] as const).map((side) => (
                  <Stack key={side} gap={0}>
                    <Text fz="sm">{side}</Text>
                    {explained.genotypes?.[side].map((g, i) => (
                      <Text key={i} fz="xs" ff="monospace">
                        {percent(g.probability)} {g.haplotypes[0]} + {g.haplotypes[1]}
                      </Text>
                    ))}
                  </Stack>
                ))}
                {explained.genotypes.donorError && (
                  <Text fz="xs" c="dimmed">
                    donor not imputed: {explained.genotypes.donorError}
                  </Text>
                )}
              </Paper>
            )}
          </Stack>
        )}
      </Drawer>
    </Stack>
  );
}
