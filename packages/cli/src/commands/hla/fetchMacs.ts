import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMacNumer } from '@engraft/hla';
import type { FetchLike } from './fetchRelease';
import { unzipEntry } from '@engraft/hla/node';

/** NMDP publishes the full MAC list as a zipped numer.v3.txt (py-ard loader). */
export const NMDP_MAC_URL = 'https://hml.nmdp.org/mac/files/numer.v3.zip';

export interface FetchMacsInput {
  readonly dataDir: string;
  readonly url?: string;
  readonly fetchFn?: FetchLike;
}

/**
 * Downloads NMDP's numer.v3 MAC list, checks that it parses, and replaces `<dataDir>/mac/numer.v3.txt`
 * (the file the hla commands use by default). Run it again to refresh. Returns the path and code count.
 */
export async function fetchNmdpMacs(input: FetchMacsInput): Promise<{ path: string; codes: number }> {
  const url = input.url ?? NMDP_MAC_URL;
  const res = await (input.fetchFn ?? ((u: string) => fetch(u)))(url);
  if (!res.ok) throw new Error(`download failed: ${url} answered HTTP ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const text = (url.endsWith('.zip') ? unzipEntry(body, 'numer.v3.txt') : body).toString('utf8');
  const codes = parseMacNumer(text).length;
  if (codes === 0) throw new Error(`${url} holds no MAC codes`);
  const dir = join(input.dataDir, 'mac');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'numer.v3.txt');
  const staging = `${path}.${process.pid}.tmp`;
  writeFileSync(staging, text);
  renameSync(staging, path);
  return { path, codes };
}
