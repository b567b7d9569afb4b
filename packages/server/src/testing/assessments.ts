import type { AgvhdInput } from '@engraft/clinical';

/**
 * Acute GVHD organ findings of an adult with no sign of GVHD, every organ at stage 0 of the MAGIC criteria (Harris et
 * al., 2016, Biol Blood Marrow Transplant 22:4, Table 1: no rash, bilirubin < 2 mg/dL, no upper-GI symptoms, stool
 * < 500 mL/day), with the findings of `over` instead.
 */
export function agvhdOrgans(over: Partial<AgvhdInput> = {}): AgvhdInput {
  return {
    skinRashBsaPercent: 0,
    skinBullae: false,
    bilirubinMgDl: 1,
    upperGi: false,
    pediatric: false,
    stoolMlPerDay: 0,
    stoolMlPerKgPerDay: null,
    stoolEpisodesPerDay: null,
    severePainOrIleus: false,
    grossBleeding: false,
    ...over,
  };
}
