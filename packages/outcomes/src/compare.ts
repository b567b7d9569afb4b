// Kaplan–Meier curves and the log-rank test from one tabulation (one sort): what an outcomes page or the CLI
// needs for a grouped survival endpoint, in a single pass over the data.
import { checkCodes, checkTimes, factor, tabulate } from './data';
import { kmFromTabulation, KmOptionsSchema, type KmCurve, type KmOptions, type SurvivalData } from './km';
import { logRankFromTabulation, type LogRankResult } from './logrank';

export interface SurvivalComparison {
  curves: KmCurve[];
  /** Null without groups or with a single group. */
  logRank: LogRankResult | null;
  /** Why the log-rank test could not be computed (e.g. a singular variance), if so. */
  logRankError?: string;
}

/** kaplanMeier + logRank (unstratified) on the same data, sharing the sort and the counts. */
export function compareSurvival(data: SurvivalData, options: KmOptions = {}): SurvivalComparison {
  const opts = KmOptionsSchema.parse(options);
  checkTimes(data.time);
  const n = data.time.length;
  checkCodes(data.status, n, 'status', 1);
  const f = data.group ? factor(data.group, n) : null;
  const tab = tabulate(data.time, data.status, f?.codes ?? null, { nGroups: f ? f.levels.length : 1, nCodes: 2 });
  const curves = kmFromTabulation(tab, f ? f.levels : null, opts);
  if (!f || f.levels.length < 2) return { curves, logRank: null };
  try {
    return { curves, logRank: logRankFromTabulation(tab, f.levels) };
  } catch (e) {
    return { curves, logRank: null, logRankError: (e as Error).message };
  }
}
