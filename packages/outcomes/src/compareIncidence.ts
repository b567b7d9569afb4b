// Cumulative incidence curves and Gray's test from one tabulation (one sort): what the CLI's `outcomes cif` and an
// outcomes page need for a grouped competing-risks endpoint (issue 15 §2: CIF and Gray's test each sorted the
// same times; the sort was ~30 % of a 1 M-row run). Same numbers as cumulativeIncidence + grayTest, since both
// start from the same counts (compareIncidence.test.ts checks every R-checked fixture).
import { causesIn, cifFromTabulation, MAX_CAUSE, type CifGroup, type CifOptions, type CompetingRisksData } from './cif';
import { checkCodes, checkTimes, factor, OutcomesInputError, tabulate } from './data';
import { normalQuantile } from './distributions';
import { grayFromTabulations, type GrayResult } from './gray';

export interface IncidenceComparison {
  groups: CifGroup[];
  /** Null without groups or with a single group. */
  gray: GrayResult[] | null;
  /** Why Gray's test could not be computed (e.g. a singular variance), if so. */
  grayError?: string;
}

/** cumulativeIncidence + grayTest (unstratified) on the same data, sharing the checks, the sort and the counts. */
export function compareIncidence(data: CompetingRisksData, options: CifOptions = {}): IncidenceComparison {
  checkTimes(data.time);
  const n = data.time.length;
  checkCodes(data.cause, n, 'cause', MAX_CAUSE);
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw new OutcomesInputError(`confLevel must be in (0, 1), got ${confLevel}`);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const causes = causesIn(data.cause);
  const nCodes = (causes.at(-1) ?? 0) + 1;
  const f = data.group ? factor(data.group, n) : null;
  const nGroups = f ? f.levels.length : 1;
  const tab = tabulate(data.time, data.cause, f?.codes ?? null, { nGroups, nCodes });
  const groups = cifFromTabulation(tab, f?.levels ?? null, causes, z);
  if (!f || nGroups < 2) return { groups, gray: null };
  try {
    return { groups, gray: grayFromTabulations([tab], nGroups, causes) };
  } catch (e) {
    return { groups, gray: null, grayError: (e as Error).message };
  }
}
