// Deterministic pseudo-random data for property and calibration tests (mulberry32, public domain).

export function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/**
 * Two groups with the same cause-specific hazards (cause 1: 0.1, cause 2: 0.05 when `compete`), so equal
 * cumulative incidence, but different uniform censoring (0–10 vs 0–30): the null hypothesis of Gray's test.
 */
export function simulateCompetingRisks(args: { nPerGroup: number; compete: boolean; random: () => number }): {
  time: number[];
  cause: number[];
  group: string[];
} {
  const { random } = args;
  const exp = (rate: number): number => -Math.log(random()) / rate;
  const time: number[] = [];
  const cause: number[] = [];
  const group: string[] = [];
  for (const [g, cmax] of [
    ['A', 10],
    ['B', 30],
  ] as const) {
    for (let i = 0; i < args.nPerGroup; i++) {
      const t1 = exp(0.1);
      const t2 = args.compete ? exp(0.05) : Infinity;
      const c = random() * cmax;
      const t = Math.min(t1, t2, c);
      time.push(Math.round(t * 100) / 100);
      cause.push(t === c ? 0 : t === t1 ? 1 : 2);
      group.push(g);
    }
  }
  return { time, cause, group };
}
