import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackPgliteImage } from './pgliteImageUnpack';

const root = mkdtempSync(path.join(os.tmpdir(), 'engraft-unpack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under dir: relative path → bytes (directories as null). */
function tree(dir: string, base = dir, out = new Map<string, Buffer | null>()): Map<string, Buffer | null> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      out.set(path.relative(base, p), null);
      tree(p, base, out);
    } else out.set(path.relative(base, p), readFileSync(p));
  }
  return out;
}

/** A ustar archive made by the system's tar (GNU tar here), an outside reference for the reader. */
function systemTar(files: Record<string, string | Buffer>): Buffer {
  const src = mkdtempSync(path.join(root, 'src-'));
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(src, rel)), { recursive: true });
    writeFileSync(path.join(src, rel), body);
  }
  return execFileSync('tar', ['--format=ustar', '-cf', '-', '-C', src, '.']);
}

describe('unpacking the pre-initialised database image (ADR 0015, issue 15 §4)', () => {
  const files = {
    PG_VERSION: '17\n',
    'base/5/1255': Buffer.alloc(8192 * 3, 7),
    'base/5/empty': '',
    'global/pg_control': Buffer.from(Array.from({ length: 513 }, (_, i) => i % 251)), // one byte past a block
    'pg_wal/archive_status/.keep': 'x',
  };

  it('writes the same tree as the system tar extracts, gzip or plain, and removes its staging folder', () => {
    const plain = systemTar(files);
    const reference = path.join(root, 'reference');
    mkdirSync(reference);
    execFileSync('tar', ['-xf', '-', '-C', reference], { input: plain });
    for (const [name, image] of [
      ['plain', plain],
      ['gzip', gzipSync(plain)],
    ] as const) {
      const target = path.join(root, name, 'pglite');
      mkdirSync(target, { recursive: true }); // openPglite makes it empty before unpacking
      const res = unpackPgliteImage(image, target);
      expect(res.files).toBe(5);
      expect(res.bytes).toBe(3 + 8192 * 3 + 0 + 513 + 1);
      expect(tree(target)).toEqual(tree(reference));
      expect(existsSync(`${target}.unpacking`)).toBe(false);
    }
  });

  it('refuses a damaged header or a path leaving the directory, and leaves nothing behind', () => {
    const good = systemTar({ PG_VERSION: '17\n' });
    const damaged = Buffer.from(good);
    damaged[0] = damaged[0]! ^ 1; // the name changes, the stored checksum does not
    const target = path.join(root, 'bad', 'pglite');
    expect(() => unpackPgliteImage(damaged, target)).toThrow(/checksum at byte 0/);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.unpacking`)).toBe(false);

    const escaping = Buffer.from(good);
    escaping.fill(0, 0, 100);
    escaping.write('../escaped', 0, 'utf8');
    let sum = 0;
    escaping.fill(32, 148, 156);
    for (let i = 0; i < 512; i++) sum += escaping[i]!;
    escaping.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(() => unpackPgliteImage(escaping, target)).toThrow(/path outside: \.\.\/escaped/);
    expect(existsSync(path.join(root, 'bad', 'escaped'))).toBe(false);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses an archive cut at a block boundary before its end block, and keeps one that has it', () => {
    const whole = systemTar({ PG_VERSION: '17\n', 'base/5/1255': Buffer.alloc(1024, 1) });
    const end = whole.length; // the first zero block (no data block here is all zeros) ends the archive
    let at = 0;
    while (at < end && whole.subarray(at, at + 512).some((b) => b !== 0)) at += 512;
    const target = path.join(root, 'cut', 'pglite');
    expect(() => unpackPgliteImage(whole.subarray(0, at), target)).toThrow(/end-of-archive/);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.unpacking`)).toBe(false);
    expect(unpackPgliteImage(whole.subarray(0, at + 512), target).files).toBe(2);
  });

  it('a staging folder left by a crash is replaced, not merged', () => {
    const target = path.join(root, 'crash', 'pglite');
    mkdirSync(`${target}.unpacking/base`, { recursive: true });
    writeFileSync(`${target}.unpacking/base/stale`, 'from the crashed attempt');
    unpackPgliteImage(systemTar({ PG_VERSION: '17\n' }), target);
    expect([...tree(target).keys()]).toEqual(['PG_VERSION']);
  });
});
