// Cumulative incidence curves and Gray's test from one tabulation (one sort): what the CLI's `outcomes cif` and an
// outcomes page need for a grouped competing-risks endpoint (issue 15 §2: CIF and Gray's test each sorted the
// same times; the sort was ~30 % of a 1 M-row run). Same numbers as cumulativeIncidence + grayTest, since both
// start from the same counts (compareIncidence.test.ts checks every R-checked fixture).
import { type CifGroup, type CifOptions, type CompetingRisksData, tabulateIncidence } from './cif';
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
  const { tab, f, nGroups, causes, groups } = tabulateIncidence(data, options);
  if (!f || nGroups < 2) return { groups, gray: null };
  try {
    return { groups, gray: grayFromTabulations([tab], nGroups, causes) };
  } catch (e) {
    return { groups, gray: null, grayError: (e as Error).message };
  }
}
