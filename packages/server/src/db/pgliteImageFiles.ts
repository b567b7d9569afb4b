// Which pre-initialised image (ADR 0015) a first start may use, found beside the bundled CLI and checked against
// its metadata: written by the installed PGlite, the demo one seeded for today and holding the latest migration.
// Kept apart from the image builder (pgliteImage.ts), which loads PGlite and the migrator: a first start consults
// this before the server's modules load (pgliteFirstStart.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from './migrations/index';

export const IMAGE_FILE = 'pglite-image.tar';
export const IMAGE_META = 'pglite-image.json';
// The demo image: the same, with the synthetic demo programme seeded for the build's day (issue 15 §4). A first
// start with the demo on that day loads it instead of seeding (~4 s); on any other day the demo is seeded as
// before, since its journeys are dated relative to the day they were seeded.
export const DEMO_IMAGE_FILE = 'pglite-demo-image.tar';
export const DEMO_IMAGE_META = 'pglite-demo-image.json';

export interface ImageMeta {
  /** @electric-sql/pglite version that wrote the dump: another version may not read it. */
  pglite: string;
  /** Latest migration in the image. */
  migration: string | null;
  bytes: number;
  /** Demo image only: the day (YYYY-MM-DD, UTC) the demo was seeded for. */
  seededFor?: string;
}

/** An image file a start may load, and the size its metadata gives (a file of another size is refused). */
export interface ImageFile {
  file: string;
  bytes: number;
}

/** The installed PGlite's version, or undefined if it cannot be read. */
export function pgliteVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    let dir = path.dirname(require.resolve('@electric-sql/pglite'));
    for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
      const pkg = path.join(dir, 'package.json');
      if (!existsSync(pkg)) continue;
      const json = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (json.name === '@electric-sql/pglite') return json.version;
    }
  } catch {
    // not resolvable from here
  }
  return undefined;
}

/** Where the image is looked for: beside this module (the bundled CLI's dist/). */
export function defaultImageDir(): string {
  return path.dirname(fileURLToPath(import.meta.url));
}

/** The migrated image written by the installed PGlite, if the build made one; else undefined (create as before). */
export function findPgliteImage(dir = defaultImageDir()): ImageFile | undefined {
  return findImage(dir, IMAGE_FILE, IMAGE_META, () => true);
}

/**
 * The demo image if it was seeded for `day`, written by the installed PGlite and holds the latest migration (a
 * seed under older migrations is not what seeding now would give); else undefined.
 */
export function findDemoPgliteImage(day: string, dir = defaultImageDir()): ImageFile | undefined {
  const latest = MIGRATIONS.at(-1)?.version ?? null;
  return findImage(dir, DEMO_IMAGE_FILE, DEMO_IMAGE_META, (m) => m.seededFor === day && m.migration === latest);
}

/** findPgliteImage's file, read; undefined when there is none or its size is not its metadata's. */
export function readPgliteImage(dir = defaultImageDir()): Uint8Array | undefined {
  return readImageFile(findPgliteImage(dir));
}

/** findDemoPgliteImage's file, read; undefined when there is none or its size is not its metadata's. */
export function readDemoPgliteImage(day: string, dir = defaultImageDir()): Uint8Array | undefined {
  return readImageFile(findDemoPgliteImage(day, dir));
}

function findImage(
  dir: string,
  file: string,
  metaFile: string,
  usable: (m: ImageMeta) => boolean
): ImageFile | undefined {
  try {
    const metaPath = path.join(dir, metaFile);
    if (!existsSync(metaPath)) return undefined;
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as ImageMeta;
    const version = pgliteVersion();
    if (!version || meta.pglite !== version || !usable(meta) || !Number.isSafeInteger(meta.bytes)) return undefined;
    const imageFile = path.join(dir, file);
    return existsSync(imageFile) ? { file: imageFile, bytes: meta.bytes } : undefined;
  } catch {
    return undefined;
  }
}

function readImageFile(image: ImageFile | undefined): Uint8Array | undefined {
  if (!image) return undefined;
  try {
    const bytes = readFileSync(image.file);
    return bytes.length === image.bytes ? bytes : undefined;
  } catch {
    return undefined;
  }
}
