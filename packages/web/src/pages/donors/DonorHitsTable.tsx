// The ranked hits of a saved donor search (issue 6; probabilities issue 16): per-locus coloured grades with the
// per-locus match probability, P(10/10) and P(≥9/10) from the search's frequency set, cord dose.
import type { DonorHitSummary } from '@engraft/domain';
import { Anchor, Badge, Group, Table, Text } from '@mantine/core';

type Hit = DonorHitSummary;
type Grade = Hit['loci'][number]['grades'][number];

export const GRADE_COLOR: Record<Grade, string> = { definite: 'green', potential: 'yellow', mismatch: 'red' };
const GRADE_SIGN: Record<Grade, string> = { definite: '✓', potential: '?', mismatch: '✗' };

/** A probability as a percentage with one decimal ("–" when there is none). */
export const percent = (p: number | null | undefined): string =>
  p === null || p === undefined ? '–' : `${(Math.floor(p * 1000) / 10).toFixed(1)} %`;

function GradeCell({ grades, typing, pMatch }: { grades: Grade[]; typing: string | null; pMatch?: number }) {
  return (
    <Group gap={2} wrap="nowrap" title={typing ?? 'not typed'}>
      {grades.map((g, i) => (
        <Badge key={i} size="sm" color={GRADE_COLOR[g]} variant="filled" aria-label={g}>
          {GRADE_SIGN[g]}
        </Badge>
      ))}
      {pMatch !== undefined && (
        <Text span fz="xs" c="dimmed" aria-label="probability the locus matches">
          {percent(pMatch)}
        </Text>
      )}
    </Group>
  );
}

const scored = (h: Hit) => (h.probability && 'score' in h.probability ? h.probability : undefined);

export function DonorHitsTable({ hits, onExplain }: { hits: Hit[]; onExplain: (donorId: string) => void }) {
  const lociHeader = hits[0]?.loci.map((l) => l.locus) ?? [];
  const withProbability = hits.some((h) => h.probability);
  return (
    <Table striped highlightOnHover aria-label="Donor search results">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Donor</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Sex/age</Table.Th>
          <Table.Th>ABO</Table.Th>
          <Table.Th>CMV</Table.Th>
          <Table.Th>MM</Table.Th>
          <Table.Th>Pot.</Table.Th>
          {withProbability && <Table.Th>P(10/10)</Table.Th>}
          {withProbability && <Table.Th>P(≥9/10)</Table.Th>}
          {lociHeader.map((l) => (
            <Table.Th key={l}>{l}</Table.Th>
          ))}
          <Table.Th>DPB1 TCE</Table.Th>
          <Table.Th>TNC/kg</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {hits.map((h) => {
          const p = scored(h);
          return (
            <Table.Tr key={h.rank}>
              <Table.Td>{h.rank}</Table.Td>
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => onExplain(h.donorId)}>
                  {h.donorId}
                </Anchor>{' '}
                <Text span c="dimmed" fz="xs">
                  {h.registry}
                </Text>
              </Table.Td>
              <Table.Td>{h.kind}</Table.Td>
              <Table.Td>
                {h.sex ?? '–'}/{h.age ?? '–'}
              </Table.Td>
              <Table.Td>{h.abo ? `${h.abo}${h.rh ?? ''}` : '–'}</Table.Td>
              <Table.Td>{h.cmv ?? '–'}</Table.Td>
              <Table.Td>{h.mismatches}</Table.Td>
              <Table.Td>{h.potential}</Table.Td>
              {withProbability && (
                <Table.Td title={h.probability && 'error' in h.probability ? h.probability.error : undefined}>
                  {h.probability && 'error' in h.probability ? 'not imputed' : percent(p?.p10)}
                </Table.Td>
              )}
              {withProbability && <Table.Td>{percent(p?.p9plus)}</Table.Td>}
              {h.loci.map((l) => (
                <Table.Td key={l.locus}>
                  <GradeCell
                    grades={l.grades}
                    typing={l.donorTyping}
                    {...(p?.loci[l.locus] === undefined ? {} : { pMatch: p.loci[l.locus] })}
                  />
                </Table.Td>
              ))}
              <Table.Td>{h.dpb1}</Table.Td>
              <Table.Td>
                {h.cord?.tncE7PerKg == null
                  ? '–'
                  : `${h.cord.tncE7PerKg}×10⁷${h.cord.adequateSingle === false ? ' (low)' : ''}`}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
