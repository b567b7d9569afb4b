// The report of `npm run bench -- donors-prob` (bench/donors-prob.ts): per-search figures, phases, CPU, the A/Bs.

export interface One {
  ms: number;
  hits: number;
  collected: number;
  computed: number;
  pruned: number;
  /** Distinct donor typings imputed and the time spent in the ranking (imputation included). */
  imputed?: number;
  rankMs?: number;
  /** Class members the typing bound left unimputed. */
  notImputed?: number;
  /** CPU ms (user + system, all threads) of the search without the A/B work, and of its ranking. */
  cpuMs?: number;
  rankCpuMs?: number;
  /** Ranking A/B: the previous ranking (typing bound off): its time, CPU, imputations. */
  oldRankMs?: number;
  oldRankCpuMs?: number;
  oldImputed?: number;
  /** The grades scan (workers), the candidates read (classCandidates) and the page's hits materialized. */
  scanMs?: number;
  collectMs?: number;
  pageMs?: number;
  /** A/B: the candidates collected the previous way (every hit of the classes materialized). */
  oldCollectMs?: number;
  /** The search's time the previous way: scan, patient imputation, every hit materialized, ranking. */
  beforeMs?: number;
  error?: string;
}

export function report(
  runs: readonly One[],
  o: { pageSize: number; ab: boolean; rankAb: boolean; peak: number; load: () => string }
): void {
  const { pageSize, ab, rankAb, peak, load } = o;
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const q = (xs: number[], p: number) => {
    const v = [...xs].sort((a, b) => a - b);
    return v[Math.min(v.length - 1, Math.floor(p * v.length))] ?? 0;
  };
  const ok = runs.filter((r) => !r.error);
  const ms = ok.map((r) => r.ms);
  console.log(
    `search + probability page of ${pageSize}: p50 ${q(ms, 0.5).toFixed(0)} ms, p95 ${q(ms, 0.95).toFixed(0)} ms, max ${q(ms, 1).toFixed(0)} ms (${ok.length} patients; ${runs.length - ok.length} not imputable with the set)`
  );
  const med = (xs: number[]) => q(xs, 0.5);
  console.log(
    `per patient, median / max: hits ${med(ok.map((r) => r.hits))} / ${q(
      ok.map((r) => r.hits),
      1
    )}; hits collected (classes the page reaches) ${med(ok.map((r) => r.collected))} / ${q(
      ok.map((r) => r.collected),
      1
    )}; joint probabilities computed ${med(ok.map((r) => r.computed))}, pruned ${med(ok.map((r) => r.pruned))}; distinct donor typings imputed ${med(ok.map((r) => r.imputed ?? 0))} / ${q(
      ok.map((r) => r.imputed ?? 0),
      1
    )}; ranking (imputation included) p50 ${med(ok.map((r) => r.rankMs ?? 0)).toFixed(0)} ms, max ${q(
      ok.map((r) => r.rankMs ?? 0),
      1
    ).toFixed(0)} ms`
  );
  const phase = (pick: (r: One) => number | undefined) =>
    `${med(ok.map((r) => pick(r) ?? 0)).toFixed(0)} / ${q(
      ok.map((r) => pick(r) ?? 0),
      0.95
    ).toFixed(0)} / ${q(
      ok.map((r) => pick(r) ?? 0),
      1
    ).toFixed(0)} ms`;
  console.log(
    `phases p50 / p95 / max: grades scan ${phase((r) => r.scanMs)}; candidates read (classCandidates) ${phase((r) => r.collectMs)}; probability ranking ${phase((r) => r.rankMs)}; page of ${pageSize} hits materialized ${phase((r) => r.pageMs)}`
  );
  if (ab) {
    const before = ok.map((r) => r.beforeMs ?? 0);
    console.log(
      `A/B, same searches: candidates collected the previous way (every hit of the classes materialized) ${phase((r) => r.oldCollectMs)} against ${phase((r) => r.collectMs)} read + ${phase((r) => r.pageMs)} page; search + probability page the previous way p50 ${q(before, 0.5).toFixed(0)} ms, p95 ${q(before, 0.95).toFixed(0)} ms, max ${q(before, 1).toFixed(0)} ms (same candidates in all ${ok.length} searches)`
    );
  }
  const cpus = ok.map((r) => r.cpuMs ?? 0);
  console.log(
    `CPU per search (user + system, all threads; A/B work excluded): p50 ${q(cpus, 0.5).toFixed(0)} ms, p95 ${q(cpus, 0.95).toFixed(0)} ms, max ${q(cpus, 1).toFixed(0)} ms; ranking CPU ${phase((r) => r.rankCpuMs)}; imputations per search p50 / p95 / max ${med(ok.map((r) => r.imputed ?? 0))} / ${q(
      ok.map((r) => r.imputed ?? 0),
      0.95
    )} / ${q(
      ok.map((r) => r.imputed ?? 0),
      1
    )}; class members not imputed (typing bound) p50 ${med(ok.map((r) => r.notImputed ?? 0))}, max ${q(
      ok.map((r) => r.notImputed ?? 0),
      1
    )}`
  );
  if (rankAb) {
    // The search the previous way: the same search with the previous ranking in place of the new one.
    const oldCpu = ok.map((r) => (r.cpuMs ?? 0) - (r.rankCpuMs ?? 0) + (r.oldRankCpuMs ?? 0));
    const oldMs = ok.map((r) => r.ms - (r.rankMs ?? 0) + (r.oldRankMs ?? 0));
    console.log(
      `ranking A/B, same searches, same pages: typing bound off (every member imputed): search p50 ${q(oldMs, 0.5).toFixed(0)} ms, p95 ${q(oldMs, 0.95).toFixed(0)} ms, max ${q(oldMs, 1).toFixed(0)} ms; CPU per search p50 ${q(oldCpu, 0.5).toFixed(0)} ms, p95 ${q(oldCpu, 0.95).toFixed(0)} ms, max ${q(oldCpu, 1).toFixed(0)} ms; ranking CPU ${phase((r) => r.oldRankCpuMs)}; imputations per search p50 / p95 / max ${med(ok.map((r) => r.oldImputed ?? 0))} / ${q(
        ok.map((r) => r.oldImputed ?? 0),
        0.95
      )} / ${q(
        ok.map((r) => r.oldImputed ?? 0),
        1
      )}`
    );
  }
  console.log(
    `RSS now ${mb(process.memoryUsage().rss)}, peak sampled ${mb(peak)}, peak (OS) ${mb(process.resourceUsage().maxRSS * 1024)}; load average ${load()}`
  );
}
