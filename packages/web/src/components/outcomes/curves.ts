// Pure helpers for the outcomes page: the API answer's shape, step-function geometry (Kaplan–Meier and
// cumulative incidence are right-continuous step functions, never interpolated), axis ticks, numbers at risk,
// number formatting and the CSV export. No React and no DOM here, so they are unit-tested directly.

export type EndpointName = 'OS' | 'PFS' | 'GRFS' | 'relapse' | 'NRM';
export type GroupBy = 'none' | 'episode-type' | 'disease' | 'donor-type';
export type Estimator = 'survival' | 'competing';
export type TimeUnit = 'months' | 'days';

/** The API answer's types are @engraft/domain's (views/outcomes.ts). */
export type { CurvePoint, OutcomeGroup, OutcomesResult } from '@engraft/domain';
import type { CurvePoint, OutcomeGroup, OutcomesResult } from '@engraft/domain';

/** What each endpoint counts, spelled out (Kim & Armand, BBMT 2013;19:860). Time zero is day 0 (infusion). */
export const ENDPOINT_INFO: Record<
  EndpointName,
  { short: string; label: string; estimator: Estimator; definition: string }
> = {
  OS: { short: 'OS', label: 'Overall survival', estimator: 'survival', definition: 'Event: death from any cause.' },
  PFS: {
    short: 'PFS',
    label: 'Progression-free survival',
    estimator: 'survival',
    definition: 'Event: relapse or progression, or death, whichever comes first.',
  },
  GRFS: {
    short: 'GRFS',
    label: 'GVHD-free, relapse-free survival',
    estimator: 'survival',
    definition:
      'Event: grade III–IV acute GVHD, chronic GVHD needing systemic treatment, relapse or death, whichever comes first (Holtan 2015).',
  },
  relapse: {
    short: 'Relapse',
    label: 'Cumulative incidence of relapse/progression',
    estimator: 'competing',
    definition: 'Event: relapse or progression. Competing risk: death without prior relapse (NRM).',
  },
  NRM: {
    short: 'NRM',
    label: 'Non-relapse mortality',
    estimator: 'competing',
    definition: 'Event: death without previous relapse or progression. Competing risk: relapse or progression.',
  },
};
export const ENDPOINT_NAMES = Object.keys(ENDPOINT_INFO) as EndpointName[];

export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  none: 'No grouping (all together)',
  'episode-type': 'Episode type',
  disease: 'Disease',
  'donor-type': 'Donor type',
};

export const DAYS_PER_MONTH = 365.25 / 12;

/** Value where a curve starts at day 0: S(0) = 1, incidence 0. */
export function startValue(estimator: Estimator): number {
  return estimator === 'survival' ? 1 : 0;
}

/**
 * The estimate and limits at time t: from the last point at or before t (the curve is right-continuous), or
 * the start value before the first point. Null beyond the last observed time (the curve is not defined there).
 */
export function valueAt(
  points: readonly CurvePoint[],
  t: number,
  estimator: Estimator
): { estimate: number; lower: number | null; upper: number | null } | null {
  const last = points.at(-1);
  if (!last || t > last.time) return null;
  let hit: CurvePoint | undefined;
  for (const p of points) {
    if (p.time > t) break;
    hit = p;
  }
  if (!hit) return { estimate: startValue(estimator), lower: null, upper: null };
  return { estimate: hit.estimate, lower: hit.lower, upper: hit.upper };
}

/** Number at risk at time t: those whose time is ≥ t, i.e. nRisk of the first point at or after t (R's definition). */
export function nRiskAt(points: readonly CurvePoint[], t: number): number {
  for (const p of points) if (p.time >= t) return p.nRisk;
  return 0;
}

export interface Scale {
  x: (days: number) => number;
  y: (estimate: number) => number;
}

const f = (v: number) => (Math.round(v * 100) / 100).toString();

/** SVG path of the step curve from day 0 (at the start value) to the last observed time. */
export function stepPath(points: readonly CurvePoint[], estimator: Estimator, s: Scale): string {
  let prev = startValue(estimator);
  let d = `M${f(s.x(0))},${f(s.y(prev))}`;
  for (const p of points) {
    d += `H${f(s.x(p.time))}`;
    if (p.estimate !== prev) d += `V${f(s.y(p.estimate))}`;
    prev = p.estimate;
  }
  return d;
}

/**
 * Closed SVG paths of the pointwise confidence band: over each interval [t_j, t_j+1) the limits of point j.
 * Intervals where a limit is undefined (null) break the band into separate pieces.
 */
export function bandPaths(points: readonly CurvePoint[], s: Scale): string[] {
  const out: string[] = [];
  const ok = (j: number) => {
    const p = points[j];
    return p != null && p.lower != null && p.upper != null && points[j + 1] != null;
  };
  let j = 0;
  while (j < points.length - 1) {
    if (!ok(j)) {
      j++;
      continue;
    }
    const a = j;
    while (ok(j + 1)) j++;
    const b = j;
    const pt = (k: number) => points[k]!;
    let d = `M${f(s.x(pt(a).time))},${f(s.y(pt(a).upper!))}`;
    for (let k = a; k <= b; k++) {
      d += `H${f(s.x(pt(k + 1).time))}`;
      if (k < b) d += `V${f(s.y(pt(k + 1).upper!))}`;
    }
    d += `V${f(s.y(pt(b).lower!))}`;
    for (let k = b; k >= a; k--) {
      d += `H${f(s.x(pt(k).time))}`;
      if (k > a) d += `V${f(s.y(pt(k - 1).lower!))}`;
    }
    out.push(`${d}Z`);
    j = b + 1;
  }
  return out;
}

export interface Tick {
  /** Position in days from day 0. */
  days: number;
  label: string;
}

/** Clinical landmarks for a day axis (D+30, D+100, D+180, 1 year, ...), most important first. */
function dayLandmarks(maxDays: number): number[] {
  const years: number[] = [];
  for (let y = 365; y <= Math.max(1825, maxDays + 365); y += 365) years.push(y);
  return [0, ...years, 100, 180, 30];
}

/**
 * The time axis: its end (in days) and ticks. Months: every 1, 2, 3, 6, 12 or 24 months (whatever keeps
 * about `maxTicks` ticks). Days: clinical landmarks (30, 100, 180, 365, 730, ...), dropping those that would
 * crowd their neighbours at the given plot width.
 */
export function timeAxis(maxDays: number, unit: TimeUnit, plotWidth: number): { end: number; ticks: Tick[] } {
  const maxTicks = Math.max(4, Math.floor(plotWidth / 56));
  if (unit === 'months') {
    const months = Math.max(maxDays, 1) / DAYS_PER_MONTH;
    const step = [1, 2, 3, 6, 12, 24, 60].find((s) => Math.ceil(months / s) <= maxTicks) ?? 120;
    const count = Math.max(1, Math.ceil(months / step - 1e-9));
    const end = count * step * DAYS_PER_MONTH;
    return {
      end,
      ticks: Array.from({ length: count + 1 }, (_, i) => ({
        days: i * step * DAYS_PER_MONTH,
        label: String(i * step),
      })),
    };
  }
  const sorted = [30, 100, 180, ...dayLandmarks(maxDays).filter((d) => d >= 365)].sort((a, b) => a - b);
  const end = sorted.find((d) => d >= maxDays) ?? Math.ceil(maxDays / 365) * 365;
  const minGap = (34 / plotWidth) * end;
  const kept: number[] = [];
  for (const d of dayLandmarks(maxDays)) {
    if (d > end) continue;
    if (kept.every((k) => Math.abs(k - d) >= minGap)) kept.push(d);
  }
  return { end, ticks: kept.sort((a, b) => a - b).map((d) => ({ days: d, label: String(d) })) };
}

/** Days shown in the chosen unit: "14.2 months" or "432 days". */
export function formatTime(days: number, unit: TimeUnit): string {
  return unit === 'months' ? `${(days / DAYS_PER_MONTH).toFixed(1)} months` : `${days} day${days === 1 ? '' : 's'}`;
}

export function formatPercent(x: number | null): string {
  return x == null ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** "32.5% (7.7–100.0%)", or the estimate alone when the limits are undefined. */
export function formatEstimate(v: { estimate: number; lower: number | null; upper: number | null } | null): string {
  if (!v) return '—';
  if (v.lower == null || v.upper == null) return formatPercent(v.estimate);
  return `${formatPercent(v.estimate)} (${(v.lower * 100).toFixed(1)}–${formatPercent(v.upper)})`;
}

/** Median with its confidence interval, as R prints it: NR where not reached. */
export function formatMedian(g: Pick<OutcomeGroup, 'median' | 'medianLower' | 'medianUpper'>, unit: TimeUnit): string {
  if (g.median == null) return 'not reached';
  if (g.medianLower == null && g.medianUpper == null) return `${formatTime(g.median, unit)} (CI not estimable)`;
  // An undefined upper limit means the upper band never falls to 50%: "not reached". A lower one is just undefined.
  const v = (d: number | null, missing: string) =>
    d == null ? missing : unit === 'months' ? (d / DAYS_PER_MONTH).toFixed(1) : String(d);
  return `${formatTime(g.median, unit)} (${v(g.medianLower, 'NA')}–${v(g.medianUpper, 'NR')})`;
}

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'p not available';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(3)}`;
}

/** "Log-rank test: χ² = 5.76, df = 3, p = 0.124" */
export function formatTest(test: OutcomesResult['test']): string | null {
  if (!test) return null;
  const name = test.name === 'log-rank' ? 'Log-rank test' : 'Gray’s test';
  return `${name}: χ² = ${test.stat.toFixed(2)}, df = ${test.df}, ${formatP(test.p)}`;
}

function csvField(v: string | number | null): string {
  if (v == null) return '';
  if (typeof v === 'number') return String(v);
  // Keep spreadsheets from reading a label as a formula.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = [
  'endpoint',
  'endpoint_version',
  'measure',
  'group',
  'time_days',
  'time_months',
  'estimate',
  'lower_95',
  'upper_95',
  'n_risk',
  'n_event',
  'n_censor',
];

/**
 * The curves as CSV: one row per group and time, values unrounded. n_censor is left empty for
 * cumulative incidence, where the API does not separate censorings from competing events.
 */
export function outcomesCsv(r: OutcomesResult): string {
  const measure = r.endpoint.estimator === 'survival' ? 'survival' : 'cumulative_incidence';
  const rows = [CSV_HEADER.join(',')];
  for (const g of r.groups) {
    for (const p of g.points) {
      rows.push(
        [
          r.endpoint.name,
          r.endpoint.version,
          measure,
          g.name,
          p.time,
          Math.round((p.time / DAYS_PER_MONTH) * 1000) / 1000,
          p.estimate,
          p.lower,
          p.upper,
          p.nRisk,
          p.nEvent,
          p.nCensor,
        ]
          .map(csvField)
          .join(',')
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
