// The outcomes commands as functions from CSV text and options to the JSON contract of issue 5 (and a readable
// rendering). Commander wiring lives in index.ts; tests call these directly.
import {
  coxPH,
  compareIncidence,
  cifRows,
  compareSurvival,
  kmRows,
  numbersAtRisk,
  type ConfType,
  type GroupKey,
  type KmCurve,
} from '@engraft/outcomes';
import { readColumns, type ColumnSpec } from './columnar';
import { columnIndex, CsvError, labelColumn, numberColumn, parseCsv } from './csv';
import { fmt, pValue, table } from './format';
import { writeCifJson, writeKmJson, type Sink } from './jsonStream';
import { writeCifText, writeKmText } from './textStream';

/** What a km or cif run returns: the JSON contract (built on first use), the text rendering, warnings. */
export interface RunResult<J> {
  readonly json: J;
  readonly text: string;
  readonly warnings: string[];
  /** Writes JSON.stringify(json) + newline in pieces, without building the row objects. */
  readonly writeJson: (sink: Sink) => void;
  /** Writes `text` in pieces, without a string per table row. */
  readonly writeText: (sink: Sink) => void;
}

/** What a writer hands to its sink, as one string (tests and small results). */
export function collect(write: (sink: Sink) => void): string {
  const parts: Uint8Array[] = [];
  write((b) => void parts.push(b));
  return Buffer.concat(parts).toString('utf8');
}

export interface KmArgs {
  time: string;
  event: string;
  group?: string;
  confLevel: number;
  confType: ConfType;
  /** Times for a numbers-at-risk table (readable output; adds "atRisk" to JSON groups when given). */
  at?: number[];
}

export interface KmJson {
  groups: {
    name: string | null;
    n: number;
    events: number;
    median: number | null;
    medianLower: number | null;
    medianUpper: number | null;
    table: {
      time: number;
      nRisk: number;
      nEvent: number;
      nCensor: number;
      survival: number;
      stdErr: number | null;
      lower: number | null;
      upper: number | null;
    }[];
    atRisk?: { time: number; nRisk: number }[];
  }[];
  logRank: { chisq: number; df: number; p: number } | null;
}

const nameOf = (k: GroupKey | null): string | null => (k == null ? null : String(k));

/** CSV text or the file's bytes. */
export type CsvInput = string | Uint8Array;

const bytes = (csv: CsvInput): Uint8Array => (typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv);

/** The columns of a KM or CIF analysis, read column by column (columnar.ts), checked row by row with the line. */
function readAnalysis(csv: CsvInput, time: string, code: ColumnSpec, group: string | undefined) {
  const nonNegative = (v: number) => (v < 0 ? 'a time ≥ 0' : undefined);
  const specs: ColumnSpec[] = [{ name: time, option: '--time', kind: 'number', check: nonNegative }, code];
  if (group !== undefined) specs.push({ name: group, option: '--group', kind: 'label' });
  const t = readColumns(bytes(csv), specs);
  return {
    time: t.numbers.get(time)!,
    code: t.numbers.get(code.name)!,
    group: group === undefined ? undefined : t.labels.get(group),
  };
}

export function runKm(csv: CsvInput, args: KmArgs): RunResult<KmJson> {
  const check = (s: number) => (s !== 0 && s !== 1 ? '0 (censored) or 1 (event)' : undefined);
  const cols = readAnalysis(csv, args.time, { name: args.event, option: '--event', kind: 'number', check }, args.group);
  const { time, group } = cols;
  const status = cols.code;
  const cmp = compareSurvival({ time, status, group }, { confLevel: args.confLevel, confType: args.confType });
  const curves = cmp.curves;
  const lr: KmJson['logRank'] = cmp.logRank ? { chisq: cmp.logRank.chisq, df: cmp.logRank.df, p: cmp.logRank.p } : null;
  const warnings: string[] = cmp.logRankError ? [`log-rank test not computed: ${cmp.logRankError}`] : [];
  const at = args.at;
  const buildJson = (): KmJson => ({
    groups: curves.map((c) => ({
      name: nameOf(c.name),
      n: c.n,
      events: c.events,
      median: c.median,
      medianLower: c.medianLower,
      medianUpper: c.medianUpper,
      table: kmRows(c).map((r) => ({
        time: r.time,
        nRisk: r.nRisk,
        nEvent: r.nEvent,
        nCensor: r.nCensor,
        survival: r.survival,
        stdErr: r.stdErr,
        lower: r.lower,
        upper: r.upper,
      })),
      ...(at ? { atRisk: numbersAtRisk(c, at) } : {}),
    })),
    logRank: lr,
  });
  let built: KmJson | undefined;
  const atRisk = at ? (c: KmCurve) => numbersAtRisk(c, at) : undefined;
  // The readable text is written from the curves' columns only when asked for (--json never formats it).
  const writeText = (sink: Sink) => writeKmText(curves, args, atRisk, lr, warnings, sink);
  return {
    get json() {
      return (built ??= buildJson());
    },
    warnings,
    get text() {
      return collect(writeText);
    },
    writeText,
    writeJson: (sink) => writeKmJson(curves, atRisk, lr, sink),
  };
}

export interface CifArgs {
  time: string;
  cause: string;
  group?: string;
}

export interface CifJson {
  groups: {
    name: string | null;
    causes: { cause: number; table: { time: number; estimate: number; variance: number }[] }[];
  }[];
  gray: { cause: number; stat: number; df: number; p: number }[] | null;
}

export function runCif(csv: CsvInput, args: CifArgs): RunResult<CifJson> {
  const check = (c: number) => (!Number.isInteger(c) || c < 0 ? '0 (censored) or a cause 1..k' : undefined);
  const cols = readAnalysis(csv, args.time, { name: args.cause, option: '--cause', kind: 'number', check }, args.group);
  const { time, group } = cols;
  const cause = cols.code;
  // The curves and Gray's test from one sort of the times (issue 15 §2).
  const both = compareIncidence({ time, cause, group });
  const gray: CifJson['gray'] = both.gray?.map((g) => ({ cause: g.cause, stat: g.stat, df: g.df, p: g.p })) ?? null;
  const warnings: string[] = [];
  if (both.grayError) warnings.push(`Gray's test not computed: ${both.grayError}`);
  const buildJson = (): CifJson => ({
    groups: both.groups.map((g) => ({
      name: nameOf(g.name),
      causes: g.causes.map((c) => ({
        cause: c.cause,
        table: cifRows(c).map((r) => ({ time: r.time, estimate: r.estimate, variance: r.variance })),
      })),
    })),
    gray,
  });
  let built: CifJson | undefined;
  const writeText = (sink: Sink) => writeCifText(both.curvesByGroup, args.group, gray, warnings, sink);
  return {
    get json() {
      return (built ??= buildJson());
    },
    warnings,
    get text() {
      return collect(writeText);
    },
    // One cause's curve at a time (the 1 M-row curves are 28 MB each), for the text as for the JSON.
    writeText,
    writeJson: (sink) => writeCifJson(both.curvesByGroup, gray, sink),
  };
}

export interface CoxArgs {
  time: string;
  /** Optional interval start column: counting-process rows (start, time] for time-dependent covariates. */
  start?: string;
  strata?: string;
  event: string;
  covariates: string[];
  ties: 'efron' | 'breslow';
  confLevel: number;
}

export function runCox(
  csv: CsvInput,
  args: CoxArgs
): { json: ReturnType<typeof coxJson>; text: string; warnings: string[] } {
  const t = parseCsv(typeof csv === 'string' ? csv : Buffer.from(csv).toString('utf8'));
  const time = numberColumn(t, args.time, '--time');
  const status = numberColumn(t, args.event, '--event');
  status.forEach((s, k) => {
    if (s !== 0 && s !== 1) {
      throw new CsvError(`line ${t.lines[k]}: column ${args.event} must be 0 (censored) or 1 (event), got ${s}`);
    }
  });
  if (args.covariates.length === 0) throw new CsvError('--covariates: name at least one column');
  const covariates: Record<string, number[]> = {};
  for (const name of args.covariates) {
    columnIndex(t, name, '--covariates');
    covariates[name] = numberColumn(t, name, '--covariates');
  }
  const start = args.start ? numberColumn(t, args.start, '--start') : undefined;
  const strata = args.strata ? labelColumn(t, args.strata, '--strata') : undefined;
  const fit = coxPH({ time, status, covariates, start, strata }, { ties: args.ties, confLevel: args.confLevel });
  const json = coxJson(fit);
  const pct = Math.round(args.confLevel * 100);
  const text = [
    `Cox proportional hazards (${fit.ties} ties): n = ${fit.n}, events = ${fit.events}${fit.converged ? '' : ' (did not converge)'}`,
    table(
      ['covariate', 'coef', 'HR', 'se(coef)', 'z', 'p', `lower ${pct}%`, `upper ${pct}%`],
      fit.coefficients.map((c) => [
        c.name,
        fmt(c.coef),
        fmt(c.hazardRatio),
        fmt(c.stdErr),
        fmt(c.z),
        pValue(c.p),
        fmt(c.lower),
        fmt(c.upper),
      ])
    ),
    '',
    `Likelihood ratio test = ${fmt(fit.likelihoodRatio.stat)} on ${fit.likelihoodRatio.df} df, p = ${pValue(fit.likelihoodRatio.p)}`,
    `Wald test             = ${fmt(fit.wald.stat)} on ${fit.wald.df} df, p = ${pValue(fit.wald.p)}`,
    `Score (logrank) test  = ${fmt(fit.score.stat)} on ${fit.score.df} df, p = ${pValue(fit.score.p)}`,
    ...fit.warnings.map((w) => `Warning: ${w}`),
  ].join('\n');
  return { json, text: text + '\n', warnings: fit.warnings };
}

function coxJson(fit: ReturnType<typeof coxPH>) {
  return {
    n: fit.n,
    events: fit.events,
    coefficients: fit.coefficients,
    logLik: fit.logLik,
    likelihoodRatio: fit.likelihoodRatio,
    wald: fit.wald,
    score: fit.score,
    iterations: fit.iterations,
    converged: fit.converged,
    warnings: fit.warnings,
    ties: fit.ties,
  };
}
