import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImgtRelease } from '@engraft/hla/node';
import { sharedData } from '../../../../hla/src/testing/sharedData';
import { runCli } from './runCli';
import type { FetchLike } from './fetchRelease';
import { fetchImgtRelease } from './fetchRelease';

// A stand-in for raw.githubusercontent.com/ANHIG/IMGTHLA on 127.0.0.1: /<branch>/<path> is served from
// the shared copies of releases 3.58.0 (also as Latest) and 3.44.0. This machine has no internet.
const branches: Record<string, string> = {
  '3580': sharedData('imgt/3.58.0'),
  Latest: sharedData('imgt/3.58.0'),
  '3440': sharedData('imgt/3.44.0'),
};
const server = createServer((req, res) => {
  const [, branch = '', ...rest] = (req.url ?? '').split('/');
  const root = branches[branch];
  const path = root ? join(root, ...rest) : '';
  if (!root || rest.includes('..') || !existsSync(path)) {
    res.writeHead(404).end('404: Not Found');
    return;
  }
  res.writeHead(200).end(readFileSync(path));
});
let baseUrl = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

describe('engraft hla data fetch', () => {
  it('downloads a release, verifies its md5 checksums and caches it under <data>/imgt/<version>', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-fetch-'));
    const lines: string[] = [];
    const dir = await fetchImgtRelease({ release: '3.58.0', dataDir, baseUrl, log: (l) => lines.push(l) });
    expect(dir).toBe(join(dataDir, 'imgt', '3.58.0'));
    expect(lines).toContain('wmda/hla_nom_g.txt: 463739 bytes, md5 verified');
    expect(loadImgtRelease(dir).alleles).toHaveLength(41_433);
    expect(existsSync(join(dir, 'tce/dpb_tce.csv'))).toBe(true);
  });

  it('skips the optional TCE table when a release has none, and reads Latest when no release is given', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-fetch-'));
    const lines: string[] = [];
    await fetchImgtRelease({ release: '3.44.0', dataDir, baseUrl, log: (l) => lines.push(l) });
    expect(lines).toContain('tce/dpb_tce.csv: not published for 3.44.0, skipped');
    expect(await fetchImgtRelease({ dataDir, baseUrl })).toBe(join(dataDir, 'imgt', '3.58.0'));
  });

  it('refuses a file whose md5 does not match, and saves nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-fetch-'));
    const tampering: FetchLike = async (url) => {
      const res = await fetch(url);
      const body = Buffer.from(await res.arrayBuffer());
      const served = url.endsWith('hla_nom_p.txt') ? Buffer.concat([body, Buffer.from('B*;99:99;99:99P\n')]) : body;
      return { ok: res.ok, status: res.status, arrayBuffer: () => Promise.resolve(new Uint8Array(served).buffer) };
    };
    await expect(fetchImgtRelease({ release: '3.58.0', dataDir, baseUrl, fetchFn: tampering })).rejects.toThrow(
      /wmda\/hla_nom_p.txt: md5 [0-9a-f]{32} does not match the published 85d862e04e138f5eb9b985d5f1c2d0f0; nothing was saved/
    );
    expect(existsSync(join(dataDir, 'imgt', '3.58.0'))).toBe(false);
  });

  it('reports HTTP failures and a release that is not on its branch', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-fetch-'));
    await expect(fetchImgtRelease({ release: '3.99.0', dataDir, baseUrl })).rejects.toThrow(
      /3990\/release_version.txt answered HTTP 404/
    );
    await expect(fetchImgtRelease({ release: 'latest', dataDir, baseUrl })).rejects.toThrow(
      /--release must look like 3.58.0/
    );
  });

  it('works end to end through the CLI, and reduce then uses the cached release', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-fetch-'));
    const env = { ENGRAFT_DATA_DIR: dataDir, ENGRAFT_IMGT_BASE_URL: baseUrl };
    const fetched = await runCli(['hla', 'data', 'fetch', '--release', '3.58.0'], '', env);
    expect(fetched.code).toBe(0);
    expect(fetched.stdout.trim()).toBe(join(dataDir, 'imgt', '3.58.0'));
    const reduced = await runCli(['hla', 'reduce', '--to', 'G'], 'A*01:01:01:01\n', env);
    expect(reduced.stdout).toBe('A*01:01:01:01\tA*01:01:01G\n');
  });
});
