import type { ClinicalEvent, MonitoringSettings } from '@engraft/domain';
// Shapes of the monitoring API answers (GET /episodes/:id/monitoring and the assessment POSTs) and who may write
// what. The role lists mirror the server's monitoring routes; the server still decides, the UI only hides forms.
import type { AgvhdOutput, CrsOutput, GraftFailureAssessment, IcansOutput, IceOutput } from '@engraft/clinical';

export interface SeriesPoint {
  id: string;
  date: string;
  day: number;
  value: number;
  lineage: string | null;
  reportedValue: number;
  reportedUnit: string;
  /** When the result was last corrected; null as first recorded. */
  correctedAt: string | null;
}
export interface ChimerismTrend {
  direction: 'falling' | 'rising' | 'stable' | 'single-result';
  changePoints: number | null;
  fromDate: string | null;
  toDate: string;
  latestPercent: number;
  ruleId: string;
  explanation: string;
}
export interface TransfusionPoint {
  id: string | null;
  product: string;
  date: string;
  day: number;
  correctedAt: string | null;
}
export interface GradeCourse {
  maxGrade: number;
  onsetDay: number | null;
  durationDays: number | null;
}
export interface Recovery {
  date: string;
  day: number;
}
export interface CrsIcansDay {
  date: string;
  day: number;
  crsGrade: number;
  icansGrade: number;
  iceScore: number | null;
  tocilizumab: boolean;
  steroids: boolean;
  recordedBy: string | null;
}
export interface AgvhdDay {
  date: string;
  day: number;
  grade: number;
  stages: Partial<Record<'skin' | 'liver' | 'upperGi' | 'lowerGi', number>>;
  recordedBy: string | null;
}
export interface MonitoringSummary {
  episodeId: string;
  patientId: string;
  dayZero: string;
  dayZeroIsActual: boolean;
  today: string;
  todayDay: number;
  series: Partial<Record<string, SeriesPoint[]>>;
  transfusions: TransfusionPoint[];
  engraftment: {
    neutrophil: Recovery | null;
    platelet: Recovery | null;
    neutrophilStatus: string;
    plateletStatus: string;
    neutrophilExplanation: string;
    plateletExplanation: string;
    ruleId: string;
    explanation: string;
  } | null;
  /** From @engraft/clinical assessGraftFailure (the worklist alerts on the same `alert`). */
  graftFailure: GraftFailureAssessment | null;
  chimerism: {
    lineage: string;
    date: string;
    day: number;
    donorPercent: number;
    category: string;
    ruleId: string;
    trend: ChimerismTrend | null;
  }[];
  graftSource?: { source: string; fromProducts: boolean } | null;
  settings?: MonitoringSettings;
  crsIcans: { days: CrsIcansDay[]; crs: GradeCourse; icans: GradeCourse };
  agvhd: { days: AgvhdDay[]; course: GradeCourse };
  cgvhd?: {
    evaluations: { date: string; day: number; severity: string; organsInvolved: number; recordedBy: string | null }[];
    worst: string;
  };
  events?: ClinicalEvent[];
}

export interface CrsIcansResult {
  id: string;
  assessedOn: string;
  crs: CrsOutput;
  ice: IceOutput | null;
  icans: IcansOutput;
}
export type AgvhdResult = AgvhdOutput & { id?: string; assessedOn?: string };

export const CELL_THERAPY_TYPES = ['car-t', 'other-cell-therapy'];

/**
 * What a NumericField holds, for a request body: the number typed, the raw text when it is not a number (sent
 * as typed, so the schema refuses it naming the field), or undefined when empty. Never "not given" for bad text.
 */
export function typedForBody(v: number | string): number | string | undefined {
  return v === '' ? undefined : v;
}
