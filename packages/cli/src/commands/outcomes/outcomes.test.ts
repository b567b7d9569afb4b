import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCif, runCox, runKm } from './run';

const exec = promisify(execFile);
const bin = new URL('../../../bin/engraft.js', import.meta.url).pathname;

// aml (R survival): x = Maintained (M) / Nonmaintained (N)
const aml = [
  'time,status,x,xn',
  ...[9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161].map((t, i) => `${t},${[1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0][i]},M,0`),
  ...[5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45].map((t, i) => `${t},${[1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1][i]},N,1`),
].join('\n');

const cr = 'time,cause,arm\n1,1,a\n2,2,a\n3,0,a\n4,1,a\n5,2,a\n6,0,a\n1,2,b\n2,1,b\n2,1,b\n3,1,b\n7,0,b\n';

describe('outcomes km (contract)', () => {
  const { json } = runKm(aml, { time: 'time', event: 'status', group: 'x', confLevel: 0.95, confType: 'log' });
  it('has exactly the contract keys', () => {
    expect(Object.keys(json)).toEqual(['groups', 'logRank']);
    expect(Object.keys(json.groups[0]!)).toEqual([
      'name',
      'n',
      'events',
      'median',
      'medianLower',
      'medianUpper',
      'table',
    ]);
    expect(Object.keys(json.groups[0]!.table[0]!)).toEqual([
      'time',
      'nRisk',
      'nEvent',
      'nCensor',
      'survival',
      'stdErr',
      'lower',
      'upper',
    ]);
    expect(Object.keys(json.logRank!)).toEqual(['chisq', 'df', 'p']);
  });
  it('values: medians, one row per distinct time, Greenwood SE of S, log-rank', () => {
    const [m, n] = json.groups;
    expect([m!.name, m!.n, m!.events, m!.median, m!.medianLower, m!.medianUpper]).toEqual(['M', 11, 7, 31, 18, null]);
    expect([n!.name, n!.median, n!.medianLower]).toEqual(['N', 23, 8]);
    expect(m!.table.map((r) => r.time)).toEqual([9, 13, 18, 23, 28, 31, 34, 45, 48, 161]);
    expect(m!.table[0]!.stdErr).toBeCloseTo(0.0867, 4); // 0.909·√(1/110)
    expect(json.logRank!.chisq).toBeCloseTo(3.4, 1);
    expect(json.logRank!.df).toBe(1);
  });
  it('no group: name null and logRank null; numbers at risk on request', () => {
    const r = runKm(aml, { time: 'time', event: 'status', confLevel: 0.9, confType: 'plain', at: [0, 30] });
    expect(r.json.groups).toHaveLength(1);
    expect(r.json.groups[0]!.name).toBeNull();
    expect(r.json.logRank).toBeNull();
    expect(r.json.groups[0]!.atRisk).toEqual([
      { time: 0, nRisk: 23 },
      { time: 30, nRisk: 9 },
    ]);
    expect(r.text).toContain('lower 90%');
  });
  it('rejects an event column that is not 0/1', () => {
    expect(() => runKm('t,e\n1,2\n', { time: 't', event: 'e', confLevel: 0.95, confType: 'log' })).toThrow(
      /line 2: column e must be 0 \(censored\) or 1/
    );
  });
});

describe('outcomes cif (contract)', () => {
  const { json, text } = runCif(cr, { time: 'time', cause: 'cause', group: 'arm' });
  it('has exactly the contract keys and Gray per cause', () => {
    expect(Object.keys(json)).toEqual(['groups', 'gray']);
    expect(Object.keys(json.groups[0]!)).toEqual(['name', 'causes']);
    expect(Object.keys(json.groups[0]!.causes[0]!)).toEqual(['cause', 'table']);
    expect(Object.keys(json.groups[0]!.causes[0]!.table[0]!)).toEqual(['time', 'estimate', 'variance']);
    expect(json.gray!.map((g) => [g.cause, g.df])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(Object.keys(json.gray![0]!)).toEqual(['cause', 'stat', 'df', 'p']);
  });
  it('values match the hand-derived example of group a', () => {
    const a = json.groups[0]!;
    expect(a.name).toBe('a');
    expect(a.causes[0]!.table[3]).toEqual({
      time: 4,
      estimate: expect.closeTo(7 / 18, 14) as number,
      variance: expect.closeTo(546 / 8100, 14) as number,
    });
    expect(text).toContain("Gray's test, cause 1");
  });
  it('without group: gray null', () => {
    expect(runCif(cr, { time: 'time', cause: 'cause' }).json.gray).toBeNull();
  });
});

describe('outcomes cox', () => {
  it('aml: HR of Nonmaintained 2.498 (coef 0.9155, se 0.5119)', () => {
    const { json, text } = runCox(aml, {
      time: 'time',
      event: 'status',
      covariates: ['xn'],
      ties: 'efron',
      confLevel: 0.95,
    });
    expect(json.coefficients[0]!.coef).toBeCloseTo(0.9155, 4);
    expect(json.coefficients[0]!.stdErr).toBeCloseTo(0.5119, 4);
    expect(text).toContain('Likelihood ratio test');
  });
  it('counting-process rows and strata', () => {
    const csv = 'id,start,stop,status,x,site\n1,0,2,0,0,s1\n1,2,3,1,1,s1\n2,0,1,1,0,s1\n3,0,4,0,1,s1\n';
    const { json } = runCox(csv, {
      time: 'stop',
      start: 'start',
      strata: 'site',
      event: 'status',
      covariates: ['x'],
      ties: 'efron',
      confLevel: 0.95,
    });
    expect(json.score.stat).toBeCloseTo(0.5, 12); // hand-derived in packages/outcomes/src/cox.test.ts
  });
  it('names a missing covariate column', () => {
    expect(() =>
      runCox(aml, { time: 'time', event: 'status', covariates: ['age'], ties: 'efron', confLevel: 0.95 })
    ).toThrow(/--covariates age: no such column/);
  });
});

describe('engraft outcomes (spawned)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'engraft-outcomes-'));
  const file = join(dir, 'aml.csv');
  writeFileSync(file, aml);
  const env = { ...process.env, ENGRAFT_FROM_SOURCE: '1' };
  it('km --json prints the contract; readable output without --json', async () => {
    const { stdout } = await exec(
      'node',
      [bin, 'outcomes', 'km', '--csv', file, '--time', 'time', '--event', 'status', '--group', 'x', '--json'],
      { env }
    );
    const out = JSON.parse(stdout) as { groups: { median: number }[]; logRank: { df: number } };
    expect(out.groups.map((g) => g.median)).toEqual([31, 23]);
    expect(out.logRank.df).toBe(1);
    const txt = await exec(
      'node',
      [bin, 'outcomes', 'cox', '--csv', file, '--time', 'time', '--event', 'status', '--covariates', 'xn'],
      { env }
    );
    expect(txt.stdout).toMatch(/xn\s+0\.9155\s+2\.4981/);
  });
  it('exits 1 with a clear message on bad input', async () => {
    await expect(
      exec('node', [bin, 'outcomes', 'km', '--csv', file, '--time', 'nope', '--event', 'status'], { env })
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--time nope: no such column') as string,
    });
  });
});
