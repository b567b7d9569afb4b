// The saved searches of an episode and the ranked hits of the one chosen (issues 6 and 16): what was searched,
// with which release and frequency set, the export for the donor request, the hits page by page, and a donor's
// explanation in a drawer.
import { DEMO_FREQUENCY_SET, type DonorSearchSummary } from '@engraft/domain';
import { Anchor, Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../data/QueryState';
import { formatDateTime } from '../../format';
import { PAGE, useDonorSearchResults } from './api';
import { DonorExplanationDrawer } from './DonorExplanationDrawer';
import { DonorHitsTable } from './DonorHitsTable';
import { criteriaLine } from './searchCriteria';

export interface DonorSearchResultsProps {
  episodeId: string;
  searches: DonorSearchSummary[];
  current: string | null;
  onSelect: (searchId: string | null) => void;
}

export function DonorSearchResults({ episodeId, searches, current, onSelect }: DonorSearchResultsProps) {
  const [offset, setOffset] = useState(0);
  const [kindFilter, setKindFilter] = useState('all');
  const [explained, setExplained] = useState<string | null>(null);
  const selected = searches.find((s) => s.id === current);
  const results = useDonorSearchResults(selected ? selected.id : null, offset);
  if (searches.length === 0) {
    return <Text c="dimmed">No donor search has been made for this episode yet.</Text>;
  }
  return (
    <Stack gap="sm" component="section" aria-label="Saved donor searches">
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
            onSelect(v);
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
      {selected && (
        <>
          <Text fz="sm" c="dimmed">
            {selected.total} donor(s) found with IPD-IMGT/HLA {selected.release}
            {selected.createdBy ? ` by ${selected.createdBy}` : ''}; the first {selected.stored} are kept with the
            search. Criteria: {criteriaLine(selected.criteria)}.
          </Text>
          <Anchor component={Link} to={`/episodes/${episodeId}/cells`} fw={600} w="fit-content">
            Choose a donor from these results and follow the work-up: Donor &amp; collection →
          </Anchor>
          <Group gap="xs">
            {selected.criteria.frequencySet && (
              <Text fz="sm" c="dimmed">
                Probabilities from haplotype frequency set {selected.criteria.frequencySet}
              </Text>
            )}
            {selected.criteria.frequencySet === DEMO_FREQUENCY_SET && (
              <Text fz="sm" c="orange.8" fw={600}>
                (synthetic demo set: illustrative frequencies, not a population&apos;s; for trying Engraft only)
              </Text>
            )}
            <Anchor href={`/api/v1/donor-searches/${selected.id}/export?format=csv`} download fz="sm">
              Export CSV
            </Anchor>
            <Anchor href={`/api/v1/donor-searches/${selected.id}/export?format=pdf`} download fz="sm">
              Export PDF
            </Anchor>
          </Group>
          <QueryState
            query={results}
            what="the donors found"
            isEmpty={(r) => r.hits.length === 0}
            empty={<Text>No donor meets these criteria. Allow more mismatches, cord units or antigen level.</Text>}
          >
            {(r) => (
              <DonorHitsTable
                hits={r.hits.filter((h) => kindFilter === 'all' || h.kind === kindFilter)}
                onExplain={setExplained}
              />
            )}
          </QueryState>
          {selected.stored > PAGE && (
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
        </>
      )}
      <DonorExplanationDrawer searchId={selected?.id ?? null} donorId={explained} onClose={() => setExplained(null)} />
    </Stack>
  );
}
