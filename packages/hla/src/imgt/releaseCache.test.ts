import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from '../engine';
import { sharedData } from '../testing/sharedData';
import { readImgtFiles } from './loadRelease';
import { loadImgtReleaseCached, releaseCachePath } from './releaseCache';

describe('binary cache of a release', () => {
  const dir = sharedData('imgt/3.44.0');
  const cacheDir = mkdtempSync(join(tmpdir(), 'engraft-hla-cache-'));

  it('writes the index on first load and reads the same index back', () => {
    const built = loadImgtReleaseCached(dir, cacheDir);
    const path = releaseCachePath(cacheDir, readImgtFiles(dir));
    expect(existsSync(path)).toBe(true);
    const cached = loadImgtReleaseCached(dir, cacheDir);
    expect(cached.alleles).toEqual(built.alleles);
    expect(cached.gOf).toEqual(built.gOf);
    expect(cached.truncatedName.get('A*01:04')).toBe('A*01:04N');
    const engine = createHlaEngine({ release: cached });
    expect(engine.reduce('B*07:02:01:01', 'P')).toBe('B*07:02P');
    expect(engine.reduce('A10', 'S')).toBe('A10/A25/A26/A34/A66');
  });

  it('rebuilds when the cache file is damaged, and ignores an unwritable cache directory', () => {
    const path = releaseCachePath(cacheDir, readImgtFiles(dir));
    writeFileSync(path, 'garbage');
    expect(loadImgtReleaseCached(dir, cacheDir).version).toBe('3.44.0');
    const notADir = join(cacheDir, 'file');
    writeFileSync(notADir, '');
    expect(loadImgtReleaseCached(dir, join(notADir, 'sub')).version).toBe('3.44.0');
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
