// Throughput of the clinical rules through the generic runner (what the CLI and the API call per request).
// Run: npm run bench -- clinical [lines]
import { getClinicalRule, runRule } from '@engraft/clinical';
import { machineLine } from './_machine';

const n = Number(process.argv[2] ?? 100_000);

function time(label: string, count: number, fn: (i: number) => void): void {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) fn(i);
  const ms = performance.now() - t0;
  console.log(
    `${label.padEnd(34)} ${count.toString().padStart(8)} in ${ms.toFixed(0).padStart(6)} ms  (${Math.round((count / ms) * 1000)}/s)`
  );
}

const crs = getClinicalRule('crs')!;
const icans = getClinicalRule('icans')!;
const agvhd = getClinicalRule('agvhd')!;
const din = getClinicalRule('isbt-din')!;
const engraftment = getClinicalRule('engraftment')!;
const hyp = ['none', 'no-vasopressor', 'one-vasopressor', 'multiple-vasopressors'];

time('crs (parse + grade + JSON line)', n, (i) => {
  const line = JSON.stringify({
    maxTempC: 37 + (i % 30) / 10,
    feverMaskedByTreatment: i % 7 === 0,
    hypotension: hyp[i % 4],
    oxygen: 'none',
  });
  JSON.stringify(runRule(crs, JSON.parse(line)));
});
time('icans', n, (i) => {
  runRule(icans, {
    ageYears: i % 70,
    ice: i % 11,
    capd: i % 33,
    consciousness: 'normal',
    seizure: 'none',
    motor: 'none',
    cerebralEdema: 'none',
  });
});
time('agvhd', n, (i) => {
  runRule(agvhd, {
    skinRashBsaPercent: i % 100,
    skinBullae: false,
    bilirubinMgDl: (i % 200) / 10,
    upperGi: i % 2 === 0,
    pediatric: false,
    stoolMlPerDay: i % 2000,
    stoolMlPerKgPerDay: null,
    stoolEpisodesPerDay: i % 10,
    severePainOrIleus: false,
    grossBleeding: false,
  });
});
time('isbt-din', n, (i) => {
  runRule(din, { din: `A9999${String(i % 100).padStart(2, '0')}${String(i).padStart(6, '0').slice(-6)}` });
});
const day = (d: number): string => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
const series = Array.from({ length: 100 }, (_, d) => ({ date: day(d), value: d < 15 ? 0.1 : 1.2 }));
const plts = Array.from({ length: 100 }, (_, d) => ({ date: day(d), value: d < 25 ? 10 : 60 }));
const tx = Array.from({ length: 10 }, (_, k) => day(2 * k + 1));
time('engraftment (100-day series)', Math.max(1, Math.floor(n / 50)), () => {
  runRule(engraftment, { infusionDate: day(0), anc: series, platelets: plts, plateletTransfusions: tx });
});
console.log(machineLine());
