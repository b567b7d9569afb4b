// Chimerism trend over a lineage's most recent results. Kharfan-Dabaja MA et al. (ASTCT), Transplant Cell
// Ther 2021;27:642-649 store the raw % donor per lineage and define the categories (ASTCT 2021: full >95%, mixed 5-95%, loss <5%) but gives NO threshold for
// a "falling" trend. [VERIFY] The defaults below are a configurable centre choice, not a published standard:
// a change is called only when it is larger than about twice the ~5-point quantitative variation of STR-PCR
// (the usual method, §4.4), hence 10 percentage points across the last 3 results. Centres set their own.
import { z } from 'zod';
import { fmt } from '../format';
import { ruleIdWithOptions } from '../rule';

export const CHIMERISM_TREND_RULE_ID = 'chimerism-trend@1';

export const ChimerismTrendOptionsSchema = z.object({
  /** Percentage points of donor chimerism that count as a change. */
  dropPoints: z.number().positive().max(100).default(10),
  /** How many of the most recent results are compared (the latest against the earlier ones). */
  results: z.number().int().min(2).max(20).default(3),
});
export type ChimerismTrendOptions = z.infer<typeof ChimerismTrendOptionsSchema>;

export const DEFAULT_CHIMERISM_TREND: ChimerismTrendOptions = { dropPoints: 10, results: 3 };

export type ChimerismTrendDirection = 'falling' | 'rising' | 'stable' | 'single-result';

export interface ChimerismTrend {
  direction: ChimerismTrendDirection;
  /** Latest minus the reference value (the highest earlier value when falling, the lowest when rising, else the first of the window). */
  changePoints: number | null;
  fromDate: string | null;
  toDate: string;
  latestPercent: number;
  ruleId: string;
  explanation: string;
}

/**
 * Trend of one lineage's chimerism: of the last `results` values (by date), the latest is compared with the
 * earlier ones. Falling when it is at least `dropPoints` below the highest earlier value; rising when at least
 * `dropPoints` above the lowest; falling wins when both (a swing is a warning). Equal dates keep input order.
 */
export function chimerismTrend(
  points: readonly { date: string; donorPercent: number }[],
  options?: Partial<ChimerismTrendOptions>
): ChimerismTrend | null {
  const opts = ChimerismTrendOptionsSchema.parse(options ?? {});
  if (!points.length) return null;
  const sorted = points.map((p, i) => ({ ...p, i })).sort((a, b) => a.date.localeCompare(b.date) || a.i - b.i);
  const window = sorted.slice(-opts.results);
  const latest = window.at(-1)!;
  const earlier = window.slice(0, -1);
  const ruleId = ruleIdWithOptions(CHIMERISM_TREND_RULE_ID, opts);
  const pct = (v: number) => `${fmt(v, 1)}%`;
  const base = { toDate: latest.date, latestPercent: latest.donorPercent, ruleId };
  if (!earlier.length) {
    return {
      ...base,
      direction: 'single-result',
      changePoints: null,
      fromDate: null,
      explanation: `one result (${pct(latest.donorPercent)}): no trend yet`,
    };
  }
  const high = earlier.reduce((m, p) => (p.donorPercent > m.donorPercent ? p : m));
  const low = earlier.reduce((m, p) => (p.donorPercent < m.donorPercent ? p : m));
  const drop = high.donorPercent - latest.donorPercent;
  const rise = latest.donorPercent - low.donorPercent;
  const over = `over the last ${window.length} results (threshold ${fmt(opts.dropPoints, 1)} points)`;
  const round = (v: number) => Number(v.toFixed(1));
  if (drop >= opts.dropPoints) {
    return {
      ...base,
      direction: 'falling',
      changePoints: round(-drop),
      fromDate: high.date,
      explanation: `falling: ${pct(high.donorPercent)} on ${high.date} to ${pct(latest.donorPercent)} on ${latest.date}, −${fmt(drop, 1)} points ${over}`,
    };
  }
  if (rise >= opts.dropPoints) {
    return {
      ...base,
      direction: 'rising',
      changePoints: round(rise),
      fromDate: low.date,
      explanation: `rising: ${pct(low.donorPercent)} on ${low.date} to ${pct(latest.donorPercent)} on ${latest.date}, +${fmt(rise, 1)} points ${over}`,
    };
  }
  const first = window[0]!;
  return {
    ...base,
    direction: 'stable',
    changePoints: round(latest.donorPercent - first.donorPercent),
    fromDate: first.date,
    explanation: `stable: ${pct(first.donorPercent)} to ${pct(latest.donorPercent)} ${over}`,
  };
}
