// The lab import's parse and validation alone (issue 14), in process: `parseLabFile` of the lab-import bench's
// 32,000-row CSV (csv-parse's streaming parser, then `labRowsFromCsv` 100 rows at a time), and `labRowsFromCsv`
// alone on the parsed records. Prints the CPU time (process user + system) of each run and the median, and for
// `parseLabFile` the young-generation collections during it (count, longest, total) and the longest event-loop gap
// seen by a 1 ms timer (what a concurrent request would wait behind).
// Usage: npm run bench -- lab-parse [runs] [rows]
import os from 'node:os';
import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { labRowsFromCsv } from '../packages/domain/src/index';
import { parseLabFile } from '../packages/server/src/services/labFileParse';
import { labCsv } from './_labCsv';
import { machineLine } from './_machine';

const RUNS = Number(process.argv[2] ?? 7);
const ROWS = Number(process.argv[3] ?? 32_000);
const content = labCsv(ROWS);

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(machineLine());
const whole: number[] = [];
const validate: number[] = [];
const scavenges: string[] = [];
const gaps: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const minor: PerformanceEntry[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (
        (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR
      ) {
        minor.push(e);
      }
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 1);
  let c0 = process.cpuUsage();
  const parsed = await parseLabFile({ format: 'csv', content });
  whole.push(cpuMs(c0));
  clearInterval(timer);
  await new Promise((r) => setImmediate(r)); // the observer's last entries
  gc.disconnect();
  gaps.push(gap);
  const pauses = minor.map((e) => e.duration);
  scavenges.push(
    `${pauses.length} (max ${Math.max(0, ...pauses).toFixed(1)}, total ${pauses.reduce((a, b) => a + b, 0).toFixed(0)} ms)`
  );
  if (parsed.errors.length || parsed.rows.length !== ROWS) throw new Error('the bench file did not parse cleanly');
  // The records as csv-parse gives them, validated in the import's slices of 100.
  const records = content
    .split('\n')
    .slice(1)
    .map((l) => {
      const [date, analyte, value, unit] = l.split(',');
      return { date, analyte, value, unit };
    });
  c0 = process.cpuUsage();
  for (let at = 0; at < records.length; at += 100) labRowsFromCsv(records.slice(at, at + 100), 2 + at);
  validate.push(cpuMs(c0));
}
const fmt = (xs: number[]) => `${xs.map((x) => x.toFixed(0)).join(' / ')} ms (median ${median(xs).toFixed(0)} ms)`;
console.log(`parseLabFile ${ROWS} rows, CPU: ${fmt(whole)}`);
console.log(`parseLabFile young-generation collections per run: ${scavenges.join(' / ')}`);
console.log(`parseLabFile longest event-loop gap (1 ms timer): ${fmt(gaps)}`);
console.log(`labRowsFromCsv alone, CPU: ${fmt(validate)}`);
console.log(
  `load average: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`
);
