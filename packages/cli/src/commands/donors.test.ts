import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../hla/src/testing/sharedData';
import { runCli } from './hla/runCli';

// The CLI contract of issue 6 through the real `engraft` binary (tsx, TypeScript sources).
const engine = ['--imgt-dir', sharedData('imgt/3.58.0'), '--mac-file', sharedData('mac/atlas-LargeMacDictionary.csv')];
const dir = mkdtempSync(join(tmpdir(), 'engraft-donors-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const patient = 'A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02';

describe('engraft donors (CLI contract)', () => {
  it('generate, import (with a bad row reported), index, search --json, --cord, --patients, --explain', async () => {
    const reg = join(dir, 'reg.csv.gz');
    const gen = await runCli(
      [
        'donors',
        'generate',
        '--count',
        '3000',
        '--seed',
        '5',
        '--out',
        reg,
        '--cord-share',
        '0.05',
        '--freqs',
        sharedData('freqs/CAU.freqs.gz'),
        '--ciwd',
        sharedData('ciwd/ciwd.3.0.0.csv'),
        ...engine,
      ],
      ''
    );
    expect(gen.stderr).toMatch(/3000 donors written/);
    expect(gen.code).toBe(0);
    const extra = join(dir, 'extra.txt');
    writeFileSync(extra, `X1%${patient}\nX2%A*99:99+A*01:01^B*08:01\n`);
    const snap = join(dir, 'snap.bin');
    const imp = await runCli(['donors', 'import', reg, extra, '--snapshot', snap, ...engine], '');
    expect(imp.code).toBe(0);
    const summary = JSON.parse(imp.stdout) as {
      donors: number;
      written: boolean;
      files: { imported: number; errors: { line: number }[] }[];
    };
    expect(summary).toMatchObject({ donors: 3001, written: true });
    expect(summary.files[1]?.errors.map((e) => e.line)).toEqual([2]);

    const strict = await runCli(
      ['donors', 'import', extra, '--snapshot', join(dir, 'strict.bin'), '--strict', ...engine],
      ''
    );
    expect(strict.code).toBe(2);
    expect(JSON.parse(strict.stdout)).toMatchObject({ written: false });

    const info = await runCli(['donors', 'index', '--snapshot', snap], '');
    expect(JSON.parse(info.stdout)).toMatchObject({ donors: 3001, release: '3.58.0' });

    const search = await runCli(
      [
        'donors',
        'search',
        '--snapshot',
        snap,
        '--patient',
        patient,
        '--loci',
        '10',
        '--max-mm',
        '2',
        '--limit',
        '500',
        '--json',
        ...engine,
      ],
      ''
    );
    expect(search.code).toBe(0);
    const result = JSON.parse(search.stdout) as {
      release: string;
      total: number;
      hits: { id: string; mismatches: number; loci: Record<string, { grades: string[] }> }[];
    };
    expect(result.release).toBe('3.58.0');
    const x1 = result.hits.find((h) => h.id === 'X1');
    expect(x1).toMatchObject({ mismatches: 0 });
    expect(x1?.loci.A?.grades).toEqual(['definite', 'definite']);
    expect(result.hits.length).toBeLessThanOrEqual(500);
    expect(result.hits.map((h) => h.mismatches)).toEqual(
      [...result.hits.map((h) => h.mismatches)].sort((a, b) => a - b)
    );

    const cord = await runCli(
      [
        'donors',
        'search',
        '--snapshot',
        snap,
        '--patient',
        patient,
        '--loci',
        '6',
        '--max-mm',
        '2',
        '--cord',
        '--weight-kg',
        '20',
        '--json',
        '--threads',
        '2',
        ...engine,
      ],
      ''
    );
    const cordResult = JSON.parse(cord.stdout) as {
      hits: { kind: string; cord: { tncE7PerKg: number; single: boolean } }[];
    };
    expect(cordResult.hits.every((h) => h.kind === 'cord' && h.cord.tncE7PerKg > 0)).toBe(true);

    const batch = join(dir, 'patients.txt');
    writeFileSync(batch, `P1%${patient}\nP2%A*99:99\n`);
    const many = await runCli(
      ['donors', 'search', '--snapshot', snap, '--patients', batch, '--limit', '1', ...engine],
      ''
    );
    const lines = many.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { patient: string; total?: number; error?: string });
    expect(lines[0]).toMatchObject({ patient: 'P1' });
    expect(lines[1]?.error).toMatch(/A\*99:99/);

    const explain = await runCli(
      ['donors', 'search', '--snapshot', snap, '--patient', patient, '--explain', 'X1', ...engine],
      ''
    );
    expect(JSON.parse(explain.stdout)).toMatchObject({ donorId: 'X1', release: '3.58.0' });
  }, 120_000);
});
