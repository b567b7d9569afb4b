import type { SearchResult } from '../searchResult';
import { SHARD_SIZE } from '../store';
import type { RankCandidate } from './probabilityRanking';

// The candidates of a probability-ranked page (ADR 0411): every hit of the mismatch classes the first page
// reaches, in grade rank order, with only what the ranking reads (class, potential positions, typing). The
// full hits (grades per locus, cord doses, records) are materialized for the page alone (`SearchResult.hitsAt`):
// at 10 M donors a page can reach 48,000 hits, and materializing all of them was the search's tail.

export interface ClassCandidates {
  /** Global indexes of the hits in grade rank order (for `SearchResult.hitsAt`). */
  readonly globals: number[];
  /** Same order: what `rankByProbability` ranks. */
  readonly candidates: RankCandidate[];
}

/** Index of `row` in a shard's ascending scan rows. */
function rowIndex(rows: Int32Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = rows[mid] as number;
    if (v === row) return mid;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`row ${row} is not a hit of its shard`);
}

/**
 * Every hit whose mismatch class is at most the highest class among the first `pageSize` hits, in rank order.
 * When the ranking leads with mismatches (the default) these are the first hits, read in one pass.
 */
export function classCandidates(result: SearchResult, pageSize: number): ClassCandidates {
  const scan = result.scanHits;
  const classOf = (global: number): { mismatches: number; potential: number } => {
    const h = scan[Math.floor(global / SHARD_SIZE)];
    if (!h) throw new Error(`hit ${global} is outside the search's shards`);
    const i = rowIndex(h.rows, global % SHARD_SIZE);
    return { mismatches: h.mms[i] as number, potential: h.pots[i] as number };
  };
  const first = result.globalIndexes(0, Math.min(pageSize, result.total));
  let top = -1;
  for (const g of first) top = Math.max(top, classOf(g).mismatches);
  if (top < 0) return { globals: [], candidates: [] };
  let within = 0;
  for (const h of scan) for (const m of h.mms) if (m <= top) within++;
  // Leading with mismatches, the hits of classes ≤ top are exactly the first `within`; otherwise filter all.
  const ordered =
    result.criteria.ranking[0] === 'mismatches'
      ? result.globalIndexes(0, within)
      : result.globalIndexes(0, result.total).filter((g) => classOf(g).mismatches <= top);
  const index = result.donorIndex;
  const shards = result.view.shards;
  const candidates = ordered.map((g) => {
    const c = classOf(g);
    return { mismatchClass: c.mismatches, definite: c.potential === 0, typing: index.typingGlGlobal(shards, g) };
  });
  return { globals: ordered, candidates };
}
