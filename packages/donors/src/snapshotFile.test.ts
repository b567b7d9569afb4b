import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DonorIndex } from './donorIndex';
import { frequencySetsOf, loadSnapshot, readSnapshotHeader, writeSnapshot } from './snapshot';
import { testEngine } from './testing/engine';

describe('opening a donor snapshot file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'engraft-snapshot-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing file and how to build one, not a raw ENOENT', () => {
    const missing = join(dir, 'MISSING.snap');
    expect(() => readSnapshotHeader(missing)).toThrow(
      `no donor snapshot at ${missing}: build one with \`engraft donors import --snapshot ${missing} FILE…\``
    );
  });

  it('refuses a file that is not a snapshot', () => {
    const other = join(dir, 'other.txt');
    writeFileSync(other, 'A*01:01+A*02:01\n');
    expect(() => readSnapshotHeader(other)).toThrow(`${other} is not an Engraft donor snapshot`);
  });
});

describe('what a snapshot records (issue 16)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'engraft-snapshot-meta-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const engine = testEngine();

  it('records the IPD-IMGT/HLA release and the frequency sets, and reads a snapshot written before them', () => {
    const index = new DonorIndex({ engine });
    index.apply({
      upsert: [
        {
          id: 'D1',
          registry: 'R1',
          kind: 'adult',
          availability: 'available',
          typing: { A: 'A*01:01+A*02:01', B: 'B*08:01+B*07:02' },
        },
      ],
    });
    const file = join(dir, 'r.snap');
    const sha = 'a'.repeat(64);
    const info = writeSnapshot(index, file, { frequencySets: [{ name: 'CAU', sha256: sha }] });
    expect(info.frequencySets).toEqual([{ name: 'CAU', sha256: sha }]);
    const header = readSnapshotHeader(file);
    expect(header.release).toBe('3.58.0');
    expect(frequencySetsOf(header)).toEqual([{ name: 'CAU', sha256: sha }]);

    // A snapshot of before issue 16: the same layout without the field.
    const bytes = readFileSync(file);
    const len = bytes.readUInt32LE(8);
    const old = JSON.parse(bytes.toString('utf8', 12, 12 + len)) as Record<string, unknown>;
    delete old.frequencySets;
    const oldHeader = Buffer.from(JSON.stringify(old).padEnd(len, ' '), 'utf8');
    const oldFile = join(dir, 'old.snap');
    writeFileSync(oldFile, Buffer.concat([bytes.subarray(0, 12), oldHeader, bytes.subarray(12 + len)]));
    expect(frequencySetsOf(readSnapshotHeader(oldFile))).toEqual([]);
    expect(loadSnapshot(oldFile, engine).size).toBe(1);
  });
});
