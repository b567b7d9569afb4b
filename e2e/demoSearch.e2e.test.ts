// "A demo that searches" (issue 16): a demo server started with no IPD-IMGT/HLA release downloads one in the
// background from a local stand-in of IPD-IMGT/HLA's repository (../shared/data, slowed to 1.5 s a file so the progress can be
// watched), generates the synthetic demo registry (ENGRAFT_DEMO_DONORS=2000 to keep the test fast), and saves
// WILLOW's (SYN-INF-03) donor search; a physician sees the progress, then ranked donors, and searches again.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ALLO_TYPING } from '../packages/server/src/demo/demoSearch';
import { startReferenceServer } from '../packages/server/src/testing/referenceServer';
import { openBrowser, screenshot, signInAs } from './browser';
import { freePort } from './demoSearchPort';

const root = path.resolve(import.meta.dirname, '..');
let reference: Awaited<ReturnType<typeof startReferenceServer>>;
let child: ChildProcess;
let dataDir = '';
let baseUrl = '';
let output = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  reference = await startReferenceServer({ delayMs: 1_500 });
  dataDir = await mkdtemp(path.join(tmpdir(), 'engraft-e2e-demo-'));
  const port = await freePort();
  child = spawn(process.execPath, ['packages/cli/bin/engraft.js', 'serve', '--demo', '--quiet'], {
    cwd: root,
    env: {
      ...process.env,
      ENGRAFT_DATA_DIR: dataDir,
      PORT: String(port),
      TZ: 'UTC',
      ENGRAFT_IMGT_BASE_URL: reference.baseUrl,
      ENGRAFT_DEMO_DONORS: '2000',
      ENGRAFT_STRICT_RESPONSES: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  baseUrl = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; ;) {
    if (child.exitCode !== null) throw new Error(`engraft serve exited with code ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`engraft serve did not become healthy:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  ({ browser, page } = await openBrowser(baseUrl));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }
  await reference?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a demo that searches, in Chromium', () => {
  it('downloads the reference data with progress, builds the demo registry and shows WILLOW ranked donors', async () => {
    await signInAs(page, 'physician');
    const list = (await (await page.request.get(`${baseUrl}/api/v1/patients?limit=200`)).json()) as {
      items: { mrn: string; episode: { id: string; type: string } | null }[];
    };
    const willow = list.items.find((p) => p.mrn === 'SYN-INF-03');
    expect(willow?.episode?.type).toBe('allogeneic-hct');
    await page.goto(`${baseUrl}/episodes/${willow!.episode!.id}/donor-search`);
    // The download answers slowly here (1.5 s a file): the page shows the bytes and files received, then the
    // demo donors generated.
    await expect
      .poll(
        () =>
          page
            .getByText(/Downloading the HLA reference data .* of 11 files|Generating the synthetic demo registry/)
            .isVisible(),
        { timeout: 30_000 }
      )
      .toBe(true);
    await screenshot(page, 'demo-search-downloading');
    await expect
      .poll(() => page.getByText(/2,000 donors, IPD-IMGT\/HLA 3\.58\.0 — synthetic demo registry/).isVisible(), {
        timeout: 120_000,
        interval: 1_000,
      })
      .toBe(true);
    // WILLOW's search is saved once the registry is ready: it is there on the next visit, ranked.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'Donor search' }).waitFor();
          return page.getByText(/^DEMO\d{8}$/).count();
        },
        { timeout: 30_000, interval: 2_000 }
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'demo-search-saved');
    // And a new search from the form finds donors too.
    await page.getByLabel('Patient HLA typing (GL string)').fill(DEMO_ALLO_TYPING);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByText(/^DEMO\d{8}$/).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(reference.requests()).toBeGreaterThanOrEqual(11);
  });
});
