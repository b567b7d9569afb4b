// Answers of the monitoring API for the component tests: an allogeneic episode at D+120 (day 0 2026-08-08).
import { DEFAULT_MONITORING_SETTINGS, type Episode, type MonitoringView } from '@engraft/domain';

export const EPISODE_ID = '7a000000-0000-4000-8000-000000000001';
export const PATIENT_ID = '7a000000-0000-4000-8000-0000000000aa';

export const alloEpisode: Episode = {
  id: EPISODE_ID,
  patientId: PATIENT_ID,
  diagnosisId: '7a000000-0000-4000-8000-0000000000d1',
  type: 'allogeneic-hct',
  cellType: null,
  cellOrigin: null,
  phase: 'long-term-follow-up',
  plannedDayZero: '2026-08-08',
  actualDayZero: '2026-08-08',
  protocol: null,
  createdAt: '2026-07-01T08:00:00.000Z',
};

const organs = (o: Partial<Record<string, number | null>>) => ({
  skin: 0,
  mouth: 0,
  eyes: 0,
  gi: 0,
  liver: 0,
  lungs: 0,
  joints: 0,
  genital: null,
  ...o,
});

export function monitoringView(over: Partial<MonitoringView> = {}): MonitoringView {
  return {
    episodeId: EPISODE_ID,
    patientId: PATIENT_ID,
    dayZero: '2026-08-08',
    dayZeroIsActual: true,
    today: '2026-12-06',
    todayDay: 120,
    series: {},
    transfusions: [],
    engraftment: null,
    graftFailure: null,
    chimerism: [],
    graftSource: null,
    settings: DEFAULT_MONITORING_SETTINGS,
    crsIcans: {
      days: [],
      crs: { maxGrade: 0, onsetDay: null, durationDays: null },
      icans: { maxGrade: 0, onsetDay: null, durationDays: null },
    },
    agvhd: { days: [], course: { maxGrade: 0, onsetDay: null, durationDays: null } },
    cgvhd: { evaluations: [], worst: 'none' },
    events: [],
    ...over,
  };
}

/** Two chronic GVHD evaluations: mild at D+100 (skin 1, mouth 1), moderate at D+114 (skin 2, mouth 1, eyes 1). */
export const cgvhdEvaluations: MonitoringView['cgvhd'] = {
  evaluations: [
    {
      assessmentId: '7a000000-0000-4000-8000-0000000000c1',
      date: '2026-11-16',
      day: 100,
      severity: 'mild',
      organsInvolved: 2,
      organs: organs({ skin: 1, mouth: 1 }),
      explanation: 'mild: 2 organ(s) involved (skin, mouth), none above 1; genital tract not examined',
      recordedBy: 'Dr Test',
    },
    {
      assessmentId: '7a000000-0000-4000-8000-0000000000c2',
      date: '2026-11-30',
      day: 114,
      severity: 'moderate',
      organsInvolved: 3,
      organs: organs({ skin: 2, mouth: 1, eyes: 1, genital: 0 }),
      explanation: 'moderate: score 2 in skin; 3 organs involved',
      recordedBy: 'Dr Test',
    },
  ],
  worst: 'moderate',
};

export function point(id: number, date: string, day: number, value: number, unit: string) {
  return {
    id: `7a000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    date,
    day,
    value,
    lineage: null,
    reportedValue: value,
    reportedUnit: unit,
    correctedAt: null,
  };
}
