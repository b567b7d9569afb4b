// One donor of a saved search explained (issues 6 and 16): locus by locus, each position's grade and reason at
// the level the locus was compared at, the DPB1 T-cell epitope category, and the most probable genotypes of
// patient and donor under the search's frequency set.
import type { DonorExplanationView } from '@engraft/domain';
import { Badge, Drawer, Paper, Stack, Text } from '@mantine/core';
import { QueryState } from '../../data/QueryState';
import { useDonorExplanation } from './api';
import { GRADE_COLOR, percent } from './DonorHitsTable';

export function DonorExplanationDrawer({
  searchId,
  donorId,
  onClose,
}: {
  searchId: string | null;
  donorId: string | null;
  onClose: () => void;
}) {
  const query = useDonorExplanation(searchId, donorId);
  return (
    <Drawer
      opened={donorId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={donorId ? `Donor ${donorId}` : ''}
    >
      {donorId !== null && (
        <QueryState query={query} what="the explanation">
          {(e) => <Explanation explained={e} />}
        </QueryState>
      )}
    </Drawer>
  );
}

function Explanation({ explained }: { explained: DonorExplanationView }) {
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        Nomenclature release {explained.release}
      </Text>
      {explained.loci.map((l) => (
        <Paper key={l.locus} withBorder p="xs">
          <Text fw={700}>
            {l.locus} {l.counted ? '' : '(not counted)'} · {l.level} level · {l.mismatches} mismatch(es), {l.potential}{' '}
            potential
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
  );
}
