// The spawned `engraft outcomes km|cif|cox --json` against R (survival 3.5-3, cmprsk 2.2-11): the km CSV is
// the one R wrote (packages/outcomes/src/fixtures/r-km-groups.csv); cif and cox CSVs are written here from the
// data stored in the same fixture. JSON numbers are printed by JSON.stringify (shortest round-trip), so what
// the CLI prints is what the library computed. See packages/outcomes/reference/r-reference.R.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CifJson, KmJson, runCox } from './run';

const exec = promisify(execFile);
const bin = new URL('../../../bin/engraft.js', import.meta.url).pathname;
const fixtures = new URL('../../../../outcomes/src/fixtures/', import.meta.url);
const env = { ...process.env, ENGRAFT_FROM_SOURCE: '1' };

type RNum = number | string | null;
type CoxJson = ReturnType<typeof runCox>['json'];
interface RKmGroup {
  n: number;
  events: number;
  time: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  surv: number[];
  stdErrLog: RNum[];
  conf: { log: { lower: RNum[]; upper: RNum[]; median: RNum; medianLower: RNum; medianUpper: RNum } };
}
interface RTest {
  stat: number;
  df: number;
  p: number;
}
interface RCox {
  coef: number[];
  se: number[];
  hr: number[];
  p: number[];
  lower: number[];
  upper: number[];
  logtest: RTest;
  waldtest: RTest;
  sctest: RTest;
}
interface Fixture {
  km: { name: string; r: { groups: RKmGroup[]; survdiff: { chisq: number; df: number; p: number } } }[];
  cif: {
    name: string;
    data: { time: number[]; cause: number[]; group: (string | number)[] };
    r: {
      curves: { group: string; cause: number; time: number[]; est: number[]; var: number[] }[];
      tests: { cause: number; stat: number; pv: number; df: number }[];
    };
  }[];
  cox: ({ name: string; covariates: string[]; data: Record<string, number[]> } & Record<'efron' | 'breslow', RCox>)[];
}
const fixture = JSON.parse(readFileSync(new URL('r-reference.json', fixtures), 'utf8')) as Fixture;

/** Relative closeness; R's NA / NaN / Inf must be null in the CLI JSON (JSON has no NaN). */
function close(actual: number | null, expected: RNum, tol = 1e-13): boolean {
  if (typeof expected !== 'number') return actual === null;
  if (actual === null) return false;
  return Math.abs(actual - expected) <= tol * Math.abs(expected) + 1e-14;
}

function expectAllClose(what: string, actual: (number | null)[], expected: RNum[], tol = 1e-13): void {
  expect(actual.length, what).toBe(expected.length);
  const bad = expected.flatMap((e, i) => (close(actual[i]!, e, tol) ? [] : [`${what}[${i}]: ${actual[i]} vs R ${e}`]));
  expect(bad).toEqual([]);
}

async function run<T>(args: string[]): Promise<T> {
  const { stdout } = await exec('node', [bin, 'outcomes', ...args, '--json'], { env });
  return JSON.parse(stdout) as T;
}

const dir = mkdtempSync(join(tmpdir(), 'engraft-outcomes-r-'));
// Each test spawns the CLI through tsx (seconds on a loaded machine).
const SPAWN_TIMEOUT = 60_000;

describe('engraft outcomes --json against R', () => {
  it(
    'km on R’s CSV (two groups, one ending in two deaths at the same time): table, medians, log-rank',
    async () => {
      const file = new URL('r-km-groups.csv', fixtures).pathname;
      const ref = fixture.km.find((c) => c.name === 'two_groups')!.r;
      const out = await run<KmJson>(['km', '--csv', file, '--time', 'months', '--event', 'dead', '--group', 'arm']);
      expect(out.groups.map((g) => g.name)).toEqual(['A', 'B']);
      ref.groups.forEach((g, k) => {
        const ours = out.groups[k]!;
        const rows = ours.table;
        expect(ours.n).toBe(g.n);
        expect(ours.events).toBe(g.events);
        expect(rows.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual(
          g.time.map((t, i) => [t, g.nRisk[i], g.nEvent[i], g.nCensor[i]])
        );
        expectAllClose(
          'survival',
          rows.map((r) => r.survival),
          g.surv
        );
        // contract: stdErr is the Greenwood SE of S(t) = surv · R's std.err (which is the SE of log S)
        expectAllClose(
          'stdErr',
          rows.map((r) => r.stdErr),
          g.stdErrLog.map((e, i) => (typeof e === 'number' ? e * g.surv[i]! : null))
        );
        expectAllClose(
          'lower',
          rows.map((r) => r.lower),
          g.conf.log.lower
        );
        expectAllClose(
          'upper',
          rows.map((r) => r.upper),
          g.conf.log.upper
        );
        expect([ours.median, ours.medianLower, ours.medianUpper]).toEqual([
          g.conf.log.median,
          g.conf.log.medianLower,
          g.conf.log.medianUpper,
        ]);
      });
      expect(close(out.logRank!.chisq, ref.survdiff.chisq)).toBe(true);
      expect(close(out.logRank!.p, ref.survdiff.p)).toBe(true);
      expect(out.logRank!.df).toBe(ref.survdiff.df);
    },
    SPAWN_TIMEOUT
  );

  it(
    'cif: estimate and variance as cuminc at its time points, Gray as cuminc()$Tests',
    async () => {
      const c = fixture.cif.find((x) => x.name === 'cr_three_causes_absent')!;
      const file = join(dir, 'cr.csv');
      writeFileSync(
        file,
        ['t,cause,g', ...c.data.time.map((t, i) => `${t},${c.data.cause[i]},${c.data.group[i]}`)].join('\n')
      );
      const out = await run<CifJson>(['cif', '--csv', file, '--time', 't', '--cause', 'cause', '--group', 'g']);
      for (const rc of c.r.curves) {
        const table = out.groups.find((g) => g.name === rc.group)!.causes.find((x) => x.cause === rc.cause)!.table;
        // cuminc reports the curve at each event time of the group (after the step); value in force at t
        const at = (t: number) => [...table].reverse().find((row) => row.time <= t);
        expectAllClose(
          `group ${rc.group} cause ${rc.cause} estimate`,
          rc.time.map((t) => at(t)?.estimate ?? 0),
          rc.est
        );
        expectAllClose(
          `group ${rc.group} cause ${rc.cause} variance`,
          rc.time.map((t) => at(t)?.variance ?? 0),
          rc.var
        );
      }
      for (const t of c.r.tests) {
        const g = out.gray!.find((x) => x.cause === t.cause)!;
        expect(close(g.stat, t.stat, 1e-12) && close(g.p, t.pv, 1e-12) && g.df === t.df, `gray ${t.cause}`).toBe(true);
      }
    },
    SPAWN_TIMEOUT
  );

  it(
    'cox (Efron and Breslow, three covariates): coefficients, SEs, CIs and the three tests',
    async () => {
      const c = fixture.cox.find((x) => x.name === 'cox_three')!;
      const file = join(dir, 'cox.csv');
      const cols = ['time', 'status', ...c.covariates];
      writeFileSync(
        file,
        [cols.join(','), ...c.data.time!.map((_, i) => cols.map((k) => c.data[k]![i]).join(','))].join('\n')
      );
      for (const ties of ['efron', 'breslow'] as const) {
        const r = c[ties];
        const out = await run<CoxJson>([
          'cox',
          ...['--csv', file, '--time', 'time', '--event', 'status'],
          ...['--covariates', c.covariates.join(','), '--ties', ties],
        ]);
        const col = (k: 'coef' | 'stdErr' | 'hazardRatio' | 'lower' | 'upper' | 'p') =>
          out.coefficients.map((x) => x[k]);
        expectAllClose('coef', col('coef'), r.coef);
        expectAllClose('stdErr', col('stdErr'), r.se);
        expectAllClose('hazardRatio', col('hazardRatio'), r.hr);
        expectAllClose('lower', col('lower'), r.lower);
        expectAllClose('upper', col('upper'), r.upper);
        expectAllClose('p', col('p'), r.p);
        // LR: a difference of two log-likelihoods (see packages/outcomes/src/rReference.test.ts)
        expect(close(out.likelihoodRatio.stat, r.logtest.stat, 1e-11)).toBe(true);
        expect(close(out.wald.stat, r.waldtest.stat)).toBe(true);
        expect(close(out.score.stat, r.sctest.stat)).toBe(true);
      }
    },
    SPAWN_TIMEOUT
  );
});
