// Synthetic demo registry (issue 16, ADR 0412): time and RSS to generate, index and cache N donors (default
// 100,000) as the demo server does on its first start, then to load the cache as later starts do.
// `npm run bench -- demo-registry [count]`
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileDonorRegistry } from '../packages/server/src/services/donorRegistry';
import { machineLine } from './_machine';
import { sharedDataDir } from './_sharedData';

const count = Number(process.argv[2] ?? 100_000);
const dataDir = mkdtempSync(join(tmpdir(), 'engraft-bench-demo-'));
const imgtDir = join(sharedDataDir(), 'imgt', '3.58.0');
const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;

async function start(label: string): Promise<void> {
  const t0 = performance.now();
  const source = fileDonorRegistry({ dataDir, imgtDir, threads: 1, demo: { donors: count } });
  let peak = process.memoryUsage().rss;
  for (;;) {
    peak = Math.max(peak, process.memoryUsage().rss);
    const s = source.status();
    if (s.state === 'ready') break;
    if (s.state === 'unavailable') throw new Error(s.message);
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${label}: ${seconds.toFixed(1)} s to ready, peak RSS ${mb(peak)}`);
  await source.close();
}

console.log(`demo registry of ${count.toLocaleString('en-GB')} donors; ${machineLine()}`);
await start('first start (generate + index + write cache)');
const snap = join(dataDir, 'donors', `demo-3.58.0-${count}-built-in.snap`);
console.log(`cache: ${mb(statSync(snap).size)}`);
await start('second start (load the cache)');
rmSync(dataDir, { recursive: true, force: true });
