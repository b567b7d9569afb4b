// Every data set of fixtures/r-reference.json (written by reference/r-reference.R with R 4.2.2, survival 3.5-3
// and cmprsk 2.2-11) run through the TypeScript estimators and compared with R's output. R is not needed here.
// Tolerances are relative (with a 1e-14 absolute floor for values that are 0 in R): 0 (exact) for counts, times
// and medians, 1e-14..1e-13 for computed values (the order in which sums are accumulated differs from R's C and
// Fortran, which moves the last bits); each looser one says why.
import { describe, expect, it } from 'vitest';
import { cumulativeIncidence, incidenceAt } from './cif';
import { compareSurvival } from './compare';
import { coxPH } from './cox';
import { grayTest } from './gray';
import { kaplanMeier, numbersAtRisk, survivalAt, type ConfType } from './km';
import { logRank } from './logrank';
import fixture from './fixtures/r-reference.json';

/** R value as written by the fixture: null = NA, "NaN", "Inf", "-Inf". */
type RNum = number | string | null;

/** Same value? Non-finite R values (NA, NaN, ±Inf) must be NaN (or null) on our side: we have no NA/Inf. */
function close(actual: number | null | undefined, expected: RNum, tol: number): boolean {
  if (typeof expected !== 'number') return actual == null || Number.isNaN(actual);
  if (actual == null || !Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= tol * Math.abs(expected) + 1e-14;
}

class Mismatches {
  readonly list: string[] = [];
  check(what: string, actual: number | null | undefined, expected: RNum, tol = 1e-13): void {
    if (!close(actual, expected, tol)) this.list.push(`${what}: got ${String(actual)}, R ${String(expected)}`);
  }
  checkAll(what: string, actual: ArrayLike<number | null>, expected: RNum[], tol = 1e-13): void {
    if (actual.length !== expected.length) {
      this.list.push(`${what}: ${actual.length} values, R has ${expected.length}`);
      return;
    }
    expected.forEach((e, i) => this.check(`${what}[${i}]`, actual[i], e, tol));
  }
}

interface Data {
  time: number[];
  status: number[];
  group: (string | number)[] | null;
  strata: (string | number)[] | null;
}
interface KmCase {
  name: string;
  data: Data;
  r: {
    confLevel: number;
    groups: {
      name: string | null;
      n: number;
      events: number;
      time: number[];
      nRisk: number[];
      nEvent: number[];
      nCensor: number[];
      surv: number[];
      stdErrLog: RNum[];
      conf: Record<ConfType, { lower: RNum[]; upper: RNum[]; median: RNum; medianLower: RNum; medianUpper: RNum }>;
      /** summary(fit, times = c(0, 1.5, 3, 6, 25), extend = TRUE), conf.type log; stdErrS is the SE of S. */
      at: { time: number[]; nRisk: number[]; surv: number[]; stdErrS: RNum[]; lower: RNum[]; upper: RNum[] };
    }[];
    survdiff?: { chisq: number; df: number; p: number; observed: number[]; expected: number[] };
    survdiffStrata?: { chisq: number; df: number; p: number };
  };
}

const kmCases = fixture.km as unknown as KmCase[];
const CONF_TYPES: ConfType[] = ['log', 'log-log', 'plain'];

describe('Kaplan–Meier and log-rank against R survival 3.5-3', () => {
  it.each(kmCases.map((c) => [c.name, c] as const))('%s: survfit, every conf.type, medians, summary(times)', (_, c) => {
    const m = new Mismatches();
    const group = c.data.group ?? undefined;
    for (const confType of CONF_TYPES) {
      const curves = kaplanMeier(
        { time: c.data.time, status: c.data.status, group },
        { confType, confLevel: c.r.confLevel }
      );
      expect(curves.map((k) => (k.name == null ? null : String(k.name)))).toEqual(c.r.groups.map((g) => g.name));
      c.r.groups.forEach((g, k) => {
        const t = curves[k]!.table;
        const at = `${g.name ?? 'all'} ${confType}`;
        m.checkAll(`${at} time`, t.time, g.time, 0);
        m.checkAll(`${at} n.risk`, t.nRisk, g.nRisk, 0);
        m.checkAll(`${at} n.event`, t.nEvent, g.nEvent, 0);
        m.checkAll(`${at} n.censor`, t.nCensor, g.nCensor, 0);
        m.checkAll(`${at} surv`, t.survival, g.surv, 1e-14);
        m.checkAll(`${at} std.err`, t.stdErrLog, g.stdErrLog, 1e-13);
        // Greenwood SE of S(t) = S · std.err (R: summary.survfit's std.err); NaN where R's std.err is Inf
        m.checkAll(
          `${at} se(S)`,
          t.stdErr,
          g.surv.map((s, i) => {
            const e = g.stdErrLog[i]!;
            return typeof e === 'number' ? s * e : null;
          }),
          1e-13
        );
        const conf = g.conf[confType];
        m.checkAll(`${at} lower`, t.lower, conf.lower, 1e-13);
        m.checkAll(`${at} upper`, t.upper, conf.upper, 1e-13);
        m.check(`${at} median`, curves[k]!.median, conf.median, 0);
        m.check(`${at} median LCL`, curves[k]!.medianLower, conf.medianLower, 0);
        m.check(`${at} median UCL`, curves[k]!.medianUpper, conf.medianUpper, 0);
        if (confType === 'log') {
          const times = g.at.time;
          m.checkAll(
            `${at} summary(times) n.risk`,
            numbersAtRisk(curves[k]!, times).map((x) => x.nRisk),
            g.at.nRisk,
            0
          );
          const sAt = survivalAt(curves[k]!, times);
          m.checkAll(
            `${at} summary(times) surv`,
            sAt.map((x) => x.survival),
            g.at.surv,
            1e-14
          );
          m.checkAll(
            `${at} summary(times) std.err`,
            sAt.map((x) => x.stdErr),
            g.at.stdErrS,
            1e-13
          );
          m.checkAll(
            `${at} summary(times) lower`,
            sAt.map((x) => x.lower),
            g.at.lower,
            1e-13
          );
          m.checkAll(
            `${at} summary(times) upper`,
            sAt.map((x) => x.upper),
            g.at.upper,
            1e-13
          );
        }
        m.check(`${at} n`, curves[k]!.n, g.n, 0);
        m.check(`${at} events`, curves[k]!.events, g.events, 0);
      });
    }
    expect(m.list).toEqual([]);
  });

  const tested = kmCases.filter((c) => c.r.survdiff);
  it.each(tested.map((c) => [c.name, c] as const))('%s: survdiff', (_, c) => {
    const m = new Mismatches();
    const sd = c.r.survdiff!;
    const data = { time: c.data.time, status: c.data.status, group: c.data.group! };
    for (const [how, lr] of [
      ['logRank', logRank(data)],
      ['compareSurvival', compareSurvival(data).logRank!],
    ] as const) {
      m.check(`${how} chisq`, lr.chisq, sd.chisq, 1e-13);
      m.check(`${how} df`, lr.df, sd.df, 0);
      m.check(`${how} p`, lr.p, sd.p, 1e-13);
      m.checkAll(
        `${how} observed`,
        lr.groups.map((g) => g.observed),
        sd.observed,
        0
      );
      m.checkAll(
        `${how} expected`,
        lr.groups.map((g) => g.expected),
        sd.expected,
        1e-13
      );
    }
    if (c.r.survdiffStrata) {
      const st = logRank({ ...data, strata: c.data.strata! });
      m.check('stratified chisq', st.chisq, c.r.survdiffStrata.chisq, 1e-13);
      m.check('stratified df', st.df, c.r.survdiffStrata.df, 0);
      m.check('stratified p', st.p, c.r.survdiffStrata.p, 1e-13);
    }
    expect(m.list).toEqual([]);
  });
});

interface CifCase {
  name: string;
  data: { time: number[]; cause: number[]; group: (string | number)[] | null; strata: (string | number)[] | null };
  r: {
    curves: { group: string; cause: number; time: number[]; est: number[]; var: number[] }[];
    tests?: { cause: number; stat: number; pv: number; df: number }[];
    testsStrata?: { cause: number; stat: number; pv: number; df: number }[];
  };
}
const cifCases = fixture.cif as unknown as CifCase[];

describe('cumulative incidence and Gray’s test against R cmprsk 2.2-11', () => {
  it.each(cifCases.map((c) => [c.name, c] as const))('%s: cuminc estimate and variance', (_, c) => {
    const m = new Mismatches();
    const groups = cumulativeIncidence({ time: c.data.time, cause: c.data.cause, group: c.data.group ?? undefined });
    for (const rc of c.r.curves) {
      // cuminc names an ungrouped curve "1 <cause>"
      const g = c.data.group ? groups.find((x) => String(x.name) === rc.group) : groups[0];
      const curve = g?.causes.find((x) => x.cause === rc.cause);
      if (!curve) {
        m.list.push(`no curve for group ${rc.group} cause ${rc.cause}`);
        continue;
      }
      // cuminc reports each step twice (before/after); the fixture keeps the value after, at each distinct time
      const ours = incidenceAt(curve, rc.time);
      const at = `group ${rc.group} cause ${rc.cause}`;
      m.checkAll(
        `${at} est`,
        ours.map((o) => o.estimate),
        rc.est,
        1e-13
      );
      m.checkAll(
        `${at} var`,
        ours.map((o) => o.variance),
        rc.var,
        1e-11
      );
    }
    expect(m.list).toEqual([]);
  });

  const tested = cifCases.filter((c) => c.r.tests);
  it.each(tested.map((c) => [c.name, c] as const))("%s: Gray's test", (_, c) => {
    const m = new Mismatches();
    const data = { time: c.data.time, cause: c.data.cause, group: c.data.group! };
    const variants: [string, CifCase['r']['tests'], (typeof data & { strata?: (string | number)[] }) | null][] = [
      ['plain', c.r.tests, data],
      ['strata', c.r.testsStrata, c.data.strata ? { ...data, strata: c.data.strata } : null],
    ];
    for (const [how, tests, input] of variants) {
      if (!tests || !input) continue;
      const ours = grayTest(input);
      for (const t of tests) {
        const o = ours.find((x) => x.cause === t.cause);
        m.check(`${how} cause ${t.cause} stat`, o?.stat, t.stat, 1e-13);
        m.check(`${how} cause ${t.cause} p`, o?.p, t.pv, 1e-13);
        m.check(`${how} cause ${t.cause} df`, o?.df, t.df, 0);
      }
    }
    expect(m.list).toEqual([]);
  });
});

interface CoxR {
  coef: number[];
  se: number[];
  hr: number[];
  z: number[];
  p: number[];
  lower: number[];
  upper: number[];
  loglik: number[];
  logtest: { stat: number; df: number; p: number };
  waldtest: { stat: number; df: number; p: number };
  sctest: { stat: number; df: number; p: number };
  iter: number;
  n: number;
  nevent: number;
}
interface CoxCase {
  name: string;
  covariates: string[];
  data: Record<string, (number | string)[]>;
  efron: CoxR;
  breslow: CoxR;
}
const coxCases = fixture.cox as unknown as CoxCase[];

describe('Cox PH against R survival 3.5-3 coxph', () => {
  const runs = coxCases.flatMap((c) => (['efron', 'breslow'] as const).map((ties) => [c.name, ties, c] as const));
  it.each(runs)('%s, ties = %s', (_, ties, c) => {
    const m = new Mismatches();
    const r = c[ties];
    const covariates = Object.fromEntries(c.covariates.map((k) => [k, c.data[k] as number[]]));
    const fit = coxPH(
      {
        time: c.data.time as number[],
        start: c.data.start as number[] | undefined,
        status: c.data.status as number[],
        covariates,
        strata: c.data.strata,
      },
      { ties }
    );
    const col = (k: keyof (typeof fit.coefficients)[number]) => fit.coefficients.map((x) => x[k] as number);
    m.checkAll('coef', col('coef'), r.coef);
    m.checkAll('se', col('stdErr'), r.se);
    m.checkAll('exp(coef)', col('hazardRatio'), r.hr);
    m.checkAll('z', col('z'), r.z);
    m.checkAll('p', col('p'), r.p);
    m.checkAll('lower .95', col('lower'), r.lower);
    m.checkAll('upper .95', col('upper'), r.upper);
    m.checkAll('loglik', fit.logLik, r.loglik, 1e-13);
    // The LR statistic is a difference of two log-likelihoods of a few hundred each: their last-bit
    // differences (1e-13 relative) become ~1e-12 relative in the difference, hence 1e-11 for it.
    for (const [name, ours, theirs, tol] of [
      ['likelihood ratio', fit.likelihoodRatio, r.logtest, 1e-11],
      ['wald', fit.wald, r.waldtest, 1e-13],
      ['score', fit.score, r.sctest, 1e-13],
    ] as const) {
      m.check(`${name} stat`, ours.stat, theirs.stat, tol);
      m.check(`${name} df`, ours.df, theirs.df, 0);
      m.check(`${name} p`, ours.p, theirs.p, tol);
    }
    m.check('n', fit.n, r.n, 0);
    m.check('events', fit.events, r.nevent, 0);
    m.check('iterations', fit.iterations, r.iter, 0);
    expect(m.list).toEqual([]);
  });
});
