import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compareIncidence, compareSurvival } from '@engraft/outcomes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect, runCif, runKm, type CifArgs, type KmArgs } from './run';
import { previousCifText, previousKmText } from './textReference.fixtures';
import { writeKmText } from './textStream';

const exec = promisify(execFile);
const bin = new URL('../../../bin/engraft.js', import.meta.url).pathname;
const env = { ...process.env, ENGRAFT_FROM_SOURCE: '1' };
const fixtures = new URL('../../../../outcomes/src/fixtures/', import.meta.url);

/** The previous string rendering of the same CSV: KM from runKm's json, CIF from compareIncidence's groups. */
function kmReference(csv: string, args: KmArgs): string {
  const r = runKm(csv, args);
  return previousKmText(r.json, args, r.warnings);
}
function cifReference(csv: string, args: CifArgs, data: Parameters<typeof compareIncidence>[0]): string {
  const r = runCif(csv, args);
  return previousCifText(compareIncidence(data).groups, args.group, r.json.gray, r.warnings);
}

const quote = (g: string): string => `"${g.replaceAll('"', '""')}"`;

// Random subjects: whole days or decimals (tiny and huge ones for the exponent style), a few groups.
const subjects = fc.array(
  fc.tuple(
    fc.oneof(
      fc.integer({ min: 0, max: 30 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.constantFrom(1e-5, 2.5e-4, 1234567.5, 3e7)
    ),
    fc.integer({ min: 0, max: 2 }),
    fc.constantFrom('A', 'B', 'x "q"', '7', 'Ärm β')
  ),
  { minLength: 1, maxLength: 80 }
);

describe('streamed text equals the previous string rendering', () => {
  it('km on random tables: grouped and not, every confidence type and level, numbers at risk', () => {
    fc.assert(
      fc.property(
        subjects,
        fc.boolean(),
        fc.constantFrom('log', 'log-log', 'plain'),
        fc.constantFrom(0.9, 0.95, 0.999),
        fc.boolean(),
        (rows, grouped, confType, confLevel, at) => {
          const csv = `t,e,g\n${rows.map(([t, c, g]) => `${t},${c > 0 ? 1 : 0},${quote(g)}`).join('\n')}\n`;
          const args: KmArgs = {
            time: 't',
            event: 'e',
            confLevel,
            confType,
            ...(grouped ? { group: 'g' } : {}),
            ...(at ? { at: [0, 10, 1e6] } : {}),
          };
          expect(runKm(csv, args).text).toBe(kmReference(csv, args));
        }
      ),
      { numRuns: 200 }
    );
  });

  it('cif on random tables: causes side by side per group, Gray’s test', () => {
    fc.assert(
      fc.property(subjects, fc.boolean(), (rows, grouped) => {
        const csv = `t,c,g\n${rows.map(([t, c, g]) => `${t},${c},${quote(g)}`).join('\n')}\n`;
        const args: CifArgs = { time: 't', cause: 'c', ...(grouped ? { group: 'g' } : {}) };
        const data = {
          time: rows.map(([t]) => Number(String(t))),
          cause: rows.map(([, c]) => c),
          ...(grouped ? { group: rows.map(([, , g]) => g) } : {}),
        };
        expect(runCif(csv, args).text).toBe(cifReference(csv, args, data));
      }),
      { numRuns: 200 }
    );
  });

  it('white space at the end of the text is trimmed as trimEnd() does, and only there', () => {
    const csv = 't,e,g\n1,1,a\n2,0,a\n3,1,b\n';
    const warning = fc.constantFrom('', ' ', 'a ', '\n', 'b\t \n', ' c', '\u00a0', 'd\u2003');
    fc.assert(
      fc.property(fc.array(warning, { maxLength: 4 }), fc.boolean(), (warnings, grouped) => {
        const args: KmArgs = {
          time: 't',
          event: 'e',
          confLevel: 0.95,
          confType: 'log',
          ...(grouped ? { group: 'g' } : {}),
        };
        const r = runKm(csv, args);
        const cmp = compareSurvival({
          time: [1, 2, 3],
          status: [1, 0, 1],
          group: grouped ? ['a', 'a', 'b'] : undefined,
        });
        const streamed = collect((sink) => writeKmText(cmp.curves, args, undefined, r.json.logRank, warnings, sink));
        expect(streamed).toBe(previousKmText(r.json, args, warnings));
      }),
      { numRuns: 200 }
    );
  });

  it('the R-checked fixtures (km groups as R wrote them; every cif data set)', () => {
    const km = readFileSync(new URL('r-km-groups.csv', fixtures), 'utf8');
    const header = km.split('\n')[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['months', 'dead', 'arm']));
    for (const confType of ['log', 'log-log', 'plain'] as const) {
      const args: KmArgs = { time: 'months', event: 'dead', group: 'arm', confLevel: 0.95, confType };
      expect(runKm(km, args).text).toBe(kmReference(km, args));
    }
    const fixture = JSON.parse(readFileSync(new URL('r-reference.json', fixtures), 'utf8')) as {
      cif: { name: string; data: { time: number[]; cause: number[]; group: (string | number)[] | null } }[];
    };
    expect(fixture.cif.length).toBeGreaterThan(0);
    for (const { data } of fixture.cif) {
      const g = data.group;
      const csv = `t,c,g\n${data.time.map((t, i) => `${t},${data.cause[i]},${g ? g[i] : 'x'}`).join('\n')}\n`;
      const args: CifArgs = { time: 't', cause: 'c', ...(g ? { group: 'g' } : {}) };
      const text = runCif(csv, args).text;
      const input = { time: data.time, cause: data.cause, ...(g ? { group: g.map(String) } : {}) };
      expect(text).toBe(cifReference(csv, args, input));
      expect(text).toContain('cause 1');
    }
  });
});

/** n subjects with distinct decimal times (a text of several MB), from a fixed-seed generator. */
function bigCsv(n: number, withCause: boolean): string {
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const lines = [withCause ? 't,c,g' : 't,e,g'];
  for (let i = 0; i < n; i++) {
    const t = Number((rnd() * 1000).toFixed(6));
    lines.push(`${t},${withCause ? Math.floor(rnd() * 3) : rnd() < 0.7 ? 1 : 0},${rnd() < 0.5 ? 'A' : 'B'}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('chunks', () => {
  const csv = bigCsv(60_000, false);
  const args: KmArgs = { time: 't', event: 'e', group: 'g', confLevel: 0.95, confType: 'log' };
  const reference = kmReference(csv, args);

  it('a text of several MB in chunks of at most 1 MB that end in the middle of rows, joined as the reference', () => {
    for (const reuse of [false, true]) {
      const chunks: Buffer[] = [];
      // reuse: the sink copies each chunk and says it is done with it, so the writer fills the buffer again.
      runKm(csv, args).writeText((b) => (chunks.push(Buffer.from(b)), reuse));
      expect(chunks.length).toBeGreaterThan(2);
      expect(chunks.every((c) => c.length <= 1 << 20)).toBe(true);
      const midRow = chunks.slice(0, -1).filter((c) => c[c.length - 1] !== 10);
      expect(midRow.length).toBeGreaterThan(0);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(reference);
    }
  });
});

describe('the process (text on stdout)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'engraft-outcomes-text-'));
  it('km and cif print the reference text through a pipe, several MB', async () => {
    const km = join(dir, 'km.csv');
    const kmCsv = bigCsv(40_000, false);
    writeFileSync(km, kmCsv);
    const kmArgs: KmArgs = { time: 't', event: 'e', group: 'g', confLevel: 0.95, confType: 'log' };
    const a = await exec('node', [bin, 'outcomes', 'km', '--csv', km, '--time', 't', '--event', 'e', '--group', 'g'], {
      env,
      maxBuffer: 1 << 28,
    });
    expect(a.stdout).toBe(kmReference(kmCsv, kmArgs));
    const cif = join(dir, 'cif.csv');
    const cifCsv = bigCsv(40_000, true);
    writeFileSync(cif, cifCsv);
    const b = await exec(
      'node',
      [bin, 'outcomes', 'cif', '--csv', cif, '--time', 't', '--cause', 'c', '--group', 'g'],
      { env, maxBuffer: 1 << 28 }
    );
    const rows = cifCsv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const data = {
      time: rows.map((r) => Number(r[0])),
      cause: rows.map((r) => Number(r[1])),
      group: rows.map((r) => r[2]!),
    };
    expect(b.stdout).toBe(cifReference(cifCsv, { time: 't', cause: 'c', group: 'g' }, data));
  }, 60_000);

  it('a bad row still gives its line number and exit 1, with nothing on stdout', async () => {
    for (const [cmd, col, withCause] of [
      ['cif', '--cause', true],
      ['km', '--event', false],
    ] as const) {
      const bad = join(dir, `bad-${cmd}.csv`);
      const lines = bigCsv(5_000, withCause).trim().split('\n');
      lines[4321] = '12.5,-1,A'; // line 4322 of the file
      writeFileSync(bad, `${lines.join('\n')}\n`);
      const code = withCause ? 'c' : 'e';
      const run = exec('node', [bin, 'outcomes', cmd, '--csv', bad, '--time', 't', col, code, '--group', 'g'], { env });
      await expect(run).rejects.toMatchObject({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(new RegExp(`^line 4322: column ${code} must be 0`)) as string,
      });
    }
  }, 60_000);
});
