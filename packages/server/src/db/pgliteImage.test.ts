import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from './dataDirLock';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { isEmptyPgliteDir, openPglite } from './pgliteDatabase';
import {
  DEMO_IMAGE_META,
  IMAGE_META,
  buildPgliteImage,
  pgliteVersion,
  readDemoPgliteImage,
  readPgliteImage,
} from './pgliteImage';

const root = mkdtempSync(path.join(os.tmpdir(), 'engraft-image-'));
const imageDir = path.join(root, 'image');
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  mkdirSync(imageDir);
  // A stand-in for the demo seeder: one centre, so the test can tell the two images apart.
  await buildPgliteImage(imageDir, {
    day: '2026-12-06',
    seed: (db, day) => db.query(`insert into centres (name) values ($1)`, [`Seeded for ${day}`]),
  });
}, 120_000);

const versions = async (db: Awaited<ReturnType<typeof openPglite>>) =>
  (await db.query<{ version: string }>('select version from schema_migrations order by version')).map((r) => r.version);

describe('pre-initialised database image (ADR 0015)', () => {
  it('holds every migration and is tied to the PGlite version that wrote it', () => {
    const meta = JSON.parse(readFileSync(path.join(imageDir, IMAGE_META), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ pglite: pgliteVersion(), migration: MIGRATIONS.at(-1)?.version });
    const bytes = readPgliteImage(imageDir);
    expect(bytes?.length).toBe(meta.bytes);
    // A plain (ustar) tar, checkpointed before the dump: unpacked by Node at a first start (pgliteImageUnpack.ts).
    expect(Buffer.from(bytes!.subarray(257, 262)).toString('latin1')).toBe('ustar');
    writeFileSync(path.join(imageDir, IMAGE_META), JSON.stringify({ ...meta, pglite: '0.0.1' }));
    expect(readPgliteImage(imageDir)).toBeUndefined();
    writeFileSync(path.join(imageDir, IMAGE_META), JSON.stringify(meta));
    expect(readPgliteImage(path.join(root, 'nowhere'))).toBeUndefined();
  });

  it('a new data directory starts from the image: migrated, writable, locked, and the image is not used again', async () => {
    const dataDir = path.join(root, 'data');
    let loads = 0;
    const initialImage = () => {
      loads++;
      return readPgliteImage(imageDir);
    };
    const db = await openPglite(dataDir, { holder: 'server', initialImage });
    try {
      expect(loads).toBe(1);
      expect(isEmptyPgliteDir(path.join(dataDir, 'pglite'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'pglite.unpacking'))).toBe(false);
      expect(await versions(db)).toEqual(MIGRATIONS.map((m) => m.version).sort());
      expect((await migrate(db)).applied).toEqual([]);
      await db.query(`insert into centres (name) values ($1)`, ['Image Test Centre']);
      await expect(openPglite(dataDir, { holder: 'engraft backup', initialImage })).rejects.toBeInstanceOf(
        DataDirLockedError
      );
    } finally {
      await db.close();
    }
    const again = await openPglite(dataDir, { holder: 'server', initialImage });
    try {
      expect(loads).toBe(1);
      expect(await again.query(`select name from centres where name = $1`, ['Image Test Centre'])).toHaveLength(1);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('the demo image is used only on the day it was seeded for, with the latest migration (issue 15 §4)', async () => {
    expect(readDemoPgliteImage('2026-12-07', imageDir)).toBeUndefined();
    const bytes = readDemoPgliteImage('2026-12-06', imageDir);
    expect(bytes).toBeDefined();
    const meta = JSON.parse(readFileSync(path.join(imageDir, DEMO_IMAGE_META), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(imageDir, DEMO_IMAGE_META), JSON.stringify({ ...meta, migration: '0001_foundation' }));
    expect(readDemoPgliteImage('2026-12-06', imageDir)).toBeUndefined();
    writeFileSync(path.join(imageDir, DEMO_IMAGE_META), JSON.stringify(meta));
    const db = await openPglite(path.join(root, 'demo-data'), { holder: 'server', initialImage: () => bytes });
    try {
      expect(await db.query(`select name from centres`)).toEqual([{ name: 'Seeded for 2026-12-06' }]);
      expect((await migrate(db)).applied).toEqual([]);
    } finally {
      await db.close();
    }
    // the plain image holds no seeded data
    const plain = await openPglite('memory://', { holder: 'test', loadDataDir: readPgliteImage(imageDir) });
    try {
      expect(await plain.query(`select name from centres`)).toEqual([]);
    } finally {
      await plain.close();
    }
  }, 120_000);
});
