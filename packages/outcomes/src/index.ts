// Public surface of @engraft/outcomes: survival and competing-risks statistics, pure TypeScript.
export { OutcomesInputError, type CodedGroups, type GroupInput, type GroupKey } from './data';
export { chiSquareSf, normalCdf, normalQuantile, normalTwoSidedP } from './distributions';
export {
  kaplanMeier,
  kmRows,
  medianFollowUp,
  numbersAtRisk,
  survivalAt,
  confidenceLimits,
  KmOptionsSchema,
  ConfTypeSchema,
  type ConfType,
  type KmOptions,
  type KmCurve,
  type KmRow,
  type KmTable,
  type SurvivalData,
} from './km';
export { logRank, type LogRankData, type LogRankResult } from './logrank';
export { compareSurvival, type SurvivalComparison } from './compare';
export {
  cumulativeIncidence,
  cifRows,
  incidenceAt,
  type CompetingRisksData,
  type CifOptions,
  type CifGroup,
  type CifGroupCurves,
  type CifCurve,
  type CifRow,
  type CifTable,
} from './cif';
export { grayTest, type GrayResult } from './gray';
export { compareIncidence, type IncidenceComparison } from './compareIncidence';
export {
  coxPH,
  CoxOptionsSchema,
  type CoxData,
  type CoxOptions,
  type CoxFit,
  type CoxCoefficient,
  type CoxTest,
} from './cox';
export {
  deriveEndpoint,
  patientDays,
  landmark,
  ENDPOINTS,
  PatientEventsSchema,
  type PatientEvents,
  type EndpointDefinition,
  type EndpointName,
  type EndpointData,
  type EventKind,
} from './endpoints';
