import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
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
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from './dataDirLock';
import { openPglite } from './pgliteDatabase';
import { beginPgliteFirstStart, takePgliteFirstStart } from './pgliteFirstStart';
import { IMAGE_FILE, IMAGE_META, pgliteVersion } from './pgliteImageFiles';
import { unpackPgliteImage } from './pgliteImageUnpack';

const root = mkdtempSync(path.join(os.tmpdir(), 'engraft-first-start-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let image: Buffer;
const goodImages = path.join(root, 'images-good');

/** An image directory as the build writes it: the tar and its metadata (size as given, default the tar's). */
function writeImageDir(name: string, tar: Buffer, bytes = tar.length): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, IMAGE_FILE), tar);
  writeFileSync(path.join(dir, IMAGE_META), JSON.stringify({ pglite: pgliteVersion(), migration: null, bytes }));
  return dir;
}

// A real (if unmigrated) PGlite data directory, checkpointed and dumped as the build does (pgliteImage.ts).
beforeAll(async () => {
  const pg = await PGlite.create();
  await pg.exec('create table marker (note text); insert into marker values ($$from the image$$); checkpoint');
  image = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
  await pg.close();
  writeImageDir('images-good', image);
}, 120_000);

/** Every file under dir: relative path → SHA-256 of its bytes (directories as null). */
function tree(dir: string, base = dir, out = new Map<string, string | null>()): Map<string, string | null> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      out.set(path.relative(base, p), null);
      tree(p, base, out);
    } else out.set(path.relative(base, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
  }
  return out;
}

/** The byte offsets of the tar's headers, in order. */
function headerOffsets(tar: Buffer): number[] {
  const at: number[] = [];
  for (let i = 0; i + 512 <= tar.length && tar[i] !== 0;) {
    at.push(i);
    i += 512 + Math.ceil(parseInt(tar.toString('latin1', i + 124, i + 136).trim(), 8) / 512) * 512;
  }
  return at;
}

/** One ustar entry (file '0' or directory '5'), checksummed. */
function ustarEntry(name: string, body = '', type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'utf8');
  h.write('0000600\0', 100, 'latin1');
  h.write(`${Buffer.byteLength(body).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write(type, 156, 'latin1');
  h.write('ustar\u000000', 257, 'latin1');
  h.fill(32, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i]!;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
  data.write(body, 0, 'utf8');
  return Buffer.concat([h, data]);
}

const marker = async (db: Awaited<ReturnType<typeof openPglite>>) =>
  (await db.query<{ note: string }>('select note from marker')).map((r) => r.note);

describe('first start begun before the server loads (issue 15 §4, ADR 0015)', () => {
  it('unpacks on a worker thread the very files the synchronous unpack writes; openPglite takes over the lock', async () => {
    const reference = path.join(root, 'reference', 'pglite');
    unpackPgliteImage(image, reference);
    const dataDir = path.join(root, 'early');
    const early = beginPgliteFirstStart({ dataDir, holder: 'server', imageDir: goodImages })!;
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    expect(() => acquireDataDirLock(dataDir, 'engraft backup')).toThrow(DataDirLockedError);
    expect((await early.unpacked)?.bytes).toBeGreaterThan(0);
    expect(tree(path.join(dataDir, 'pglite'))).toEqual(tree(reference));
    expect(existsSync(path.join(dataDir, 'pglite.unpacking'))).toBe(false);

    let imageAsked = 0;
    const db = await openPglite(dataDir, { holder: 'server', initialImage: () => (imageAsked++, undefined) });
    try {
      expect(takePgliteFirstStart(dataDir)).toBeUndefined(); // handed over once
      expect(imageAsked).toBe(0); // the directory held the database already
      expect(await marker(db)).toEqual(['from the image']);
      expect(() => acquireDataDirLock(dataDir, 'engraft backup')).toThrow(DataDirLockedError);
    } finally {
      await db.close();
    }
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    // A restart: the database exists, nothing is unpacked again.
    const restart = beginPgliteFirstStart({ dataDir, holder: 'server', imageDir: goodImages })!;
    expect(await restart.unpacked).toBeUndefined();
    takePgliteFirstStart(dataDir)!.lock.release();
  }, 60_000);

  it('two starts on one empty directory: one is refused before writing anything; the other database is intact and opens', async () => {
    const dataDir = path.join(root, 'race');
    const moduleUrl = new URL('./pgliteFirstStart.ts', import.meta.url).href;
    const script = `
      const { beginPgliteFirstStart } = await import(${JSON.stringify(moduleUrl)});
      try {
        const start = beginPgliteFirstStart({ dataDir: process.env.DIR, holder: 'server', imageDir: process.env.IMAGES });
        const done = await start.unpacked;
        console.log(JSON.stringify({ unpacked: done.files }));
        setInterval(() => {}, 1000); // holds the lock until stopped
      } catch (err) {
        console.log(JSON.stringify({ refused: err.name, message: err.message }));
      }`;
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, DIR: dataDir, IMAGES: goodImages },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const answer = new Promise<{ unpacked?: number; refused?: string; message?: string }>((resolve) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as never);
        });
      });
      return { child, answer };
    };
    const [a, b] = [start(), start()];
    const answers = await Promise.all([a.answer, b.answer]);
    try {
      const refused = answers.filter((x) => x.refused);
      expect(refused, JSON.stringify(answers)).toHaveLength(1);
      expect(refused[0]).toMatchObject({ refused: 'DataDirLockedError', message: /Engraft server \(pid \d+\)/ });
      expect(answers.filter((x) => x.unpacked)).toHaveLength(1);
      const reference = path.join(root, 'reference', 'pglite');
      expect(tree(path.join(dataDir, 'pglite'))).toEqual(tree(reference));
      expect(readdirSync(dataDir).sort()).toEqual([LOCK_FILE, 'pglite']);
    } finally {
      for (const c of [a.child, b.child]) {
        if (c.exitCode === null) await new Promise((r) => (c.once('exit', r), c.kill('SIGKILL')));
      }
    }
    // The winner is gone (its lock stale): the database it unpacked opens.
    const db = await openPglite(dataDir, { holder: 'server' });
    try {
      expect(await marker(db)).toEqual(['from the image']);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('a corrupt, truncated or mis-sized image, or a write that fails half-way, leaves no database behind', async () => {
    const offsets = headerOffsets(image);
    const corrupt = Buffer.from(image);
    corrupt[offsets[3]!] = corrupt[offsets[3]!]! ^ 1;
    const cases: [string, string, RegExp][] = [
      ['corrupt', writeImageDir('images-corrupt', corrupt), /bad tar header checksum/],
      // cut at a header boundary, its metadata matching: only the missing end block shows it
      ['truncated', writeImageDir('images-cut', image.subarray(0, offsets[20])), /end-of-archive/],
      ['mis-sized', writeImageDir('images-size', image, image.length + 1), /metadata says/],
      // a file where a directory must go: the write fails after PG_VERSION was written (as a full disk would)
      [
        'failing write',
        writeImageDir(
          'images-write',
          Buffer.concat([
            ustarEntry('PG_VERSION', '17\n'),
            ustarEntry('base', 'x'),
            ustarEntry('base/1/1255', 'y'),
            Buffer.alloc(1024),
          ])
        ),
        /ENOTDIR/,
      ],
    ];
    for (const [name, imageDir, reason] of cases) {
      const dataDir = path.join(root, `failed-${name}`);
      const early = beginPgliteFirstStart({ dataDir, holder: 'server', imageDir })!;
      await expect(early.unpacked, name).rejects.toThrow(reason);
      expect(readdirSync(dataDir), name).toEqual([LOCK_FILE]); // no pglite, no pglite.unpacking
      // The start goes on as without an early start: openPglite creates the database from the image it is given.
      const db = await openPglite(dataDir, { holder: 'server', initialImage: () => image });
      try {
        expect(await marker(db), name).toEqual(['from the image']);
      } finally {
        await db.close();
      }
    }
  }, 120_000);
});
