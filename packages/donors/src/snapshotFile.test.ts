import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshotHeader } from './snapshot';

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
