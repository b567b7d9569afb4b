import type { FamilyDonors, RankedRelative } from '@engraft/domain';
import { Alert, Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatDate } from '../../format';
import { ChooseDonorModal } from './ChooseDonorModal';
import { DsaBadge } from './DsaBadge';
import { MATCH_COLORS, MATCH_LABELS } from './familyLabels';

const TIER: Record<RankedRelative['tier'], string> = {
  'hla-identical-sibling': 'First choice',
  related: 'Related donor',
  unavailable: 'Unavailable',
  'not-eligible': 'Not eligible',
};

interface Props {
  patientId: string;
  donors: FamilyDonors;
  episodeId: string | null;
  canWrite: boolean;
  onChanged: () => void;
}

/** Related donors ranked with the reason for each position and their DSA, beside the episode's unrelated donors. */
export function DonorRankingSection({ patientId, donors, episodeId, canWrite, onChanged }: Props) {
  const [choosing, setChoosing] = useState<RankedRelative | null>(null);
  const chosen = new Set(donors.decisions.filter((d) => d.episodeId === episodeId).map((d) => d.relativeId));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="donors-heading">
      <Title order={2} fz="h3" id="donors-heading" mb="xs">
        Related donors
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Ranked after the EBMT 2020 consensus: an HLA-identical sibling first, then no DSA, younger donor, relationship,
        sex, CMV and ABO, weighted as the centre sets.
        {donors.antibodyTest ? ` DSA from the antibody test of ${formatDate(donors.antibodyTest.testedOn)}.` : ''}
      </Text>
      {donors.decisions.length > 0 && (
        <Alert color="blue" mb="sm" title="Decision recorded">
          {donors.decisions.map((d) => (
            <Text key={d.id} size="sm">
              {d.relativeName} chosen by {d.decidedBy} on {formatDate(d.decidedAt.slice(0, 10))}: {d.reason}
            </Text>
          ))}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {donors.ranked.length === 0 ? (
            <Text c="dimmed">No relatives recorded.</Text>
          ) : (
            <Stack gap="xs" aria-label="Ranked related donors">
              {donors.ranked.map((r) => (
                <Paper key={r.relativeId} withBorder p="sm" aria-label={`Rank ${r.rank}: ${r.name}`}>
                  <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                    <div>
                      <Group gap="xs">
                        <Text fw={700}>
                          {r.rank}. {r.name}
                        </Text>
                        <Badge color={MATCH_COLORS[r.match]} variant="light">
                          {MATCH_LABELS[r.match]}
                        </Badge>
                        <Badge color="gray" variant="outline">
                          {TIER[r.tier]}
                        </Badge>
                      </Group>
                      <Text size="sm">{r.summary}</Text>
                      <Text size="xs" c="dimmed">
                        {r.criteria.map((c) => c.reason).join(' · ')}
                      </Text>
                      {r.crossmatches.map((x) => (
                        <Text key={x.id} size="xs">
                          {x.kind}: {x.result} ({formatDate(x.testedOn)})
                        </Text>
                      ))}
                    </div>
                    <Stack gap={4} align="flex-end">
                      <DsaBadge dsa={r.dsa} />
                      {canWrite && episodeId && r.tier !== 'not-eligible' && !chosen.has(r.relativeId) && (
                        <Button size="compact-sm" onClick={() => setChoosing(r)} aria-label={`Choose ${r.name}`}>
                          Choose this donor
                        </Button>
                      )}
                      {chosen.has(r.relativeId) && <Badge color="blue">Chosen</Badge>}
                    </Stack>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Title order={3} fz="h4" mb={4}>
            Best saved unrelated donors
          </Title>
          {donors.unrelated.length === 0 ? (
            <Text size="sm" c="dimmed">
              {episodeId ? 'No donor search saved on this episode.' : 'No allogeneic episode.'}
            </Text>
          ) : (
            <Table verticalSpacing={4} fz="sm" aria-label="Unrelated donors">
              <Table.Tbody>
                {donors.unrelated.map((u) => (
                  <Table.Tr key={u.donorId}>
                    <Table.Td>
                      <Text size="sm">{u.label}</Text>
                      <Text size="xs" c="dimmed">
                        {u.matchSummary ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <DsaBadge dsa={u.dsa} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Grid.Col>
      </Grid>
      {!episodeId && (
        <Text size="sm" c="dimmed">
          Open an allogeneic episode to choose a donor.
        </Text>
      )}
      {choosing && episodeId && (
        <ChooseDonorModal
          patientId={patientId}
          episodeId={episodeId}
          candidate={choosing}
          onClose={() => setChoosing(null)}
          onChosen={() => {
            setChoosing(null);
            onChanged();
          }}
        />
      )}
    </Paper>
  );
}
