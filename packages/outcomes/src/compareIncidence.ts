// Cumulative incidence curves and Gray's test from one tabulation (one sort): what the CLI's `outcomes cif` and an
// outcomes page need for a grouped competing-risks endpoint (issue 15 §2: CIF and Gray's test each sorted the
// same times; the sort was ~30 % of a 1 M-row run). Same numbers as cumulativeIncidence + grayTest, since both
// start from the same counts (compareIncidence.test.ts checks every R-checked fixture).
import {
  cifCurvesByGroup,
  type CifGroup,
  type CifGroupCurves,
  type CifOptions,
  type CompetingRisksData,
  tabulateIncidence,
} from './cif';
import { grayFromTabulations, type GrayResult } from './gray';

export interface IncidenceComparison {
  /** The curves of each group, made on first use and kept. */
  readonly groups: CifGroup[];
  /**
   * The same curves made one cause at a time as iterated, none kept: a writer of a large result holds one curve
   * at a time, and Gray's test runs before any curve is made (issue 15 §2: a 1 M-row CIF peaked at 505 MB).
   */
  readonly curvesByGroup: CifGroupCurves[];
  /** Null without groups or with a single group. */
  gray: GrayResult[] | null;
  /** Why Gray's test could not be computed (e.g. a singular variance), if so. */
  grayError?: string;
}

/** cumulativeIncidence + grayTest (unstratified) on the same data, sharing the checks, the sort and the counts. */
export function compareIncidence(data: CompetingRisksData, options: CifOptions = {}): IncidenceComparison {
  const { tab, f, nGroups, causes, z, groups } = tabulateIncidence(data, options);
  let made: CifGroup[] | undefined;
  // Not spread into the result: a spread would read the getter and make every curve at once.
  const result = (gray: GrayResult[] | null, grayError?: string): IncidenceComparison => ({
    get groups() {
      return (made ??= groups());
    },
    curvesByGroup: cifCurvesByGroup(tab, f?.levels ?? null, causes, z),
    gray,
    ...(grayError === undefined ? {} : { grayError }),
  });
  if (!f || nGroups < 2) return result(null);
  try {
    return result(grayFromTabulations([tab], nGroups, causes));
  } catch (e) {
    return result(null, (e as Error).message);
  }
}
