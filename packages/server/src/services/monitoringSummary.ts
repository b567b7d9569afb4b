import {
  chimerismCategory,
  chimerismTrend,
  type ChimerismTrend,
  assessGraftFailure,
  computeEngraftment,
  dayRelative,
  type EngraftmentOutput,
  type GraftFailureAssessment,
} from '@engraft/clinical';
import {
  type Analyte,
  DEFAULT_MONITORING_SETTINGS,
  type Episode,
  type GraftSource,
  graftFailureOptionsOf,
  type MonitoringSettings,
  type Observation,
} from '@engraft/domain';
import type { AssessmentRow } from '../repo/monitoring';

/**
 * What the team watches after day 0, derived on every read from what is recorded (so an edit or a late lab
 * result is reflected at once): counts by day, engraftment dates (CIBMTR), primary graft failure (ASTCT 2021
 * limits), latest chimerism by lineage, and CRS/ICANS and acute GVHD courses. Pure: no I/O.
 */
export interface MonitoringInput {
  episode: Episode;
  observations: readonly Observation[];
  transfusions: readonly { id?: string; product: string; givenOn: string; correctedAt?: string | null }[];
  assessments: readonly AssessmentRow[];
  today: string;
  /** The centre's thresholds (defaults when not given). */
  settings?: MonitoringSettings;
  /** From the episode's HPC products; null or absent: none recorded, PBSC limits apply. */
  graftSource?: GraftSource | null;
}

export interface GradeCourse {
  maxGrade: number;
  onsetDay: number | null;
  /** Days from onset to the last day with grade >= 1, inclusive. */
  durationDays: number | null;
}

export interface MonitoringSummary {
  dayZero: string;
  dayZeroIsActual: boolean;
  today: string;
  todayDay: number;
  series: Record<
    string,
    {
      id: string;
      date: string;
      day: number;
      value: number;
      lineage: string | null;
      reportedValue: number;
      reportedUnit: string;
      correctedAt: string | null;
    }[]
  >;
  transfusions: { id: string | null; product: string; date: string; day: number; correctedAt: string | null }[];
  engraftment: EngraftmentOutput | null;
  /** Primary/secondary graft failure, decided by `assessGraftFailure` (the worklist uses the same function). */
  graftFailure: GraftFailureAssessment | null;
  /** Latest chimerism per lineage with its category (ASTCT 2021) and its trend over the last results. */
  chimerism: {
    lineage: string;
    date: string;
    day: number;
    donorPercent: number;
    category: string;
    ruleId: string;
    trend: ChimerismTrend | null;
  }[];
  /** Graft source the graft-failure day was chosen for, and whether it came from a recorded product. */
  graftSource: { source: GraftSource; fromProducts: boolean } | null;
  /** The thresholds the derived values were computed with (the centre's monitoring settings). */
  settings: MonitoringSettings;
  crsIcans: {
    days: {
      assessmentId: string;
      date: string;
      day: number;
      crsGrade: number;
      icansGrade: number;
      iceScore: number | null;
      crsExplanation: string | null;
      icansExplanation: string | null;
      tocilizumab: boolean;
      steroids: boolean;
      recordedBy: string | null;
    }[];
    crs: GradeCourse;
    icans: GradeCourse;
  };
  agvhd: {
    days: {
      assessmentId: string;
      date: string;
      day: number;
      grade: number;
      stages: Record<string, number>;
      explanation: string | null;
      recordedBy: string | null;
    }[];
    course: GradeCourse;
  };
  /** Chronic GVHD global severity over time (NIH 2014), and the worst so far. */
  cgvhd: {
    evaluations: {
      assessmentId: string;
      date: string;
      day: number;
      severity: string;
      organsInvolved: number;
      /** The eight NIH organ scores 0–3 as recorded (genital tract null when not examined). */
      organs: Record<string, number | null>;
      explanation: string | null;
      recordedBy: string | null;
    }[];
    worst: string;
  };
}

const CGVHD_ORDER = ['none', 'mild', 'moderate', 'severe'];

function course(days: { day: number; grade: number }[]): GradeCourse {
  const positive = days.filter((d) => d.grade >= 1);
  const maxGrade = days.reduce((m, d) => Math.max(m, d.grade), 0);
  if (!positive.length) return { maxGrade, onsetDay: null, durationDays: null };
  const onset = positive[0]!.day;
  return { maxGrade, onsetDay: onset, durationDays: positive.at(-1)!.day - onset + 1 };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function summariseMonitoring(m: MonitoringInput): MonitoringSummary {
  const dayZero = m.episode.actualDayZero ?? m.episode.plannedDayZero;
  const day = (date: string): number => dayRelative(date, dayZero);
  const series: MonitoringSummary['series'] = {};
  const settings = m.settings ?? DEFAULT_MONITORING_SETTINGS;
  for (const o of m.observations) {
    (series[o.analyte] ??= []).push({
      id: o.id,
      date: o.observedOn,
      day: day(o.observedOn),
      value: o.value,
      lineage: o.lineage,
      reportedValue: o.reportedValue,
      reportedUnit: o.reportedUnit,
      correctedAt: o.correctedAt ?? null,
    });
  }
  const after = (a: Analyte) =>
    (series[a] ?? []).filter((p) => p.day >= 0).map((p) => ({ date: p.date, value: p.value }));
  const isHct = m.episode.type === 'autologous-hct' || m.episode.type === 'allogeneic-hct';
  const todayDay = day(m.today);
  let engraftment: EngraftmentOutput | null = null;
  let graftFailure: GraftFailureAssessment | null = null;
  const graftSource = isHct ? { source: m.graftSource ?? 'pbsc', fromProducts: m.graftSource != null } : null;
  if (todayDay >= 0) {
    engraftment = computeEngraftment({
      infusionDate: dayZero,
      anc: after('anc'),
      platelets: after('platelets'),
      plateletTransfusions: m.transfusions.filter((t) => t.product === 'platelets').map((t) => t.givenOn),
    });
    if (isHct) {
      // The graft source comes from the episode's HPC products; without one, PBSC limits apply.
      graftFailure = assessGraftFailure(
        { infusionDate: dayZero, anc: after('anc'), asOfDay: todayDay, graftSource: graftSource?.source ?? 'pbsc' },
        graftFailureOptionsOf(settings.graftFailureDays)
      );
    }
  }
  const byLineage = new Map<string, { date: string; donorPercent: number }[]>();
  for (const p of series.chimerism ?? []) {
    if (p.lineage) {
      (byLineage.get(p.lineage) ?? byLineage.set(p.lineage, []).get(p.lineage)!).push({
        date: p.date,
        donorPercent: p.value,
      });
    }
  }
  const trendOptions = { dropPoints: settings.chimerismDropPoints, results: settings.chimerismTrendResults };
  const chimerism = [...byLineage].map(([lineage, points]) => {
    const p = points.at(-1)!;
    const c = chimerismCategory({ donorPercent: p.donorPercent });
    return {
      lineage,
      date: p.date,
      day: day(p.date),
      donorPercent: p.donorPercent,
      category: c.category,
      ruleId: c.ruleId,
      trend: chimerismTrend(points, trendOptions),
    };
  });

  const crsDays = m.assessments
    .filter((a) => a.kind === 'crs-icans')
    .map((a) => {
      const r = a.result as {
        crs?: { grade?: unknown; explanation?: unknown };
        icans?: { grade?: unknown; explanation?: unknown };
        ice?: { score?: unknown } | null;
      };
      const inp = a.inputs as { tocilizumab?: unknown; steroids?: unknown };
      return {
        assessmentId: a.id,
        date: a.assessed_on,
        day: day(a.assessed_on),
        crsExplanation: str(r.crs?.explanation),
        icansExplanation: str(r.icans?.explanation),
        crsGrade: num(r.crs?.grade),
        icansGrade: num(r.icans?.grade),
        iceScore: typeof r.ice?.score === 'number' ? r.ice.score : null,
        tocilizumab: inp.tocilizumab === true,
        steroids: inp.steroids === true,
        recordedBy: a.recorded_by_name,
      };
    });
  const agvhdDays = m.assessments
    .filter((a) => a.kind === 'agvhd')
    .map((a) => {
      const r = a.result as { grade?: unknown; stages?: Record<string, number>; explanation?: unknown };
      return {
        assessmentId: a.id,
        date: a.assessed_on,
        day: day(a.assessed_on),
        grade: num(r.grade),
        stages: r.stages ?? {},
        explanation: str(r.explanation),
        recordedBy: a.recorded_by_name,
      };
    });
  const cgvhd = m.assessments
    .filter((a) => a.kind === 'cgvhd')
    .map((a) => {
      const r = a.result as { severity?: unknown; organsInvolved?: unknown; explanation?: unknown };
      const inp = a.inputs as { organs?: Record<string, unknown> };
      const organs = Object.fromEntries(
        Object.entries(inp.organs ?? {}).map(([o, v]) => [o, typeof v === 'number' ? v : null])
      );
      return {
        assessmentId: a.id,
        date: a.assessed_on,
        day: day(a.assessed_on),
        severity: typeof r.severity === 'string' ? r.severity : 'none',
        organsInvolved: num(r.organsInvolved),
        organs,
        explanation: str(r.explanation),
        recordedBy: a.recorded_by_name,
      };
    });
  const worst = cgvhd.reduce(
    (w, e) => (CGVHD_ORDER.indexOf(e.severity) > CGVHD_ORDER.indexOf(w) ? e.severity : w),
    'none'
  );
  return {
    dayZero,
    dayZeroIsActual: m.episode.actualDayZero !== null,
    today: m.today,
    todayDay,
    series,
    transfusions: m.transfusions.map((t) => ({
      id: t.id ?? null,
      product: t.product,
      date: t.givenOn,
      day: day(t.givenOn),
      correctedAt: t.correctedAt ?? null,
    })),
    engraftment,
    graftFailure,
    graftSource,
    chimerism,
    settings,
    crsIcans: {
      days: crsDays,
      crs: course(crsDays.map((d) => ({ day: d.day, grade: d.crsGrade }))),
      icans: course(crsDays.map((d) => ({ day: d.day, grade: d.icansGrade }))),
    },
    agvhd: { days: agvhdDays, course: course(agvhdDays.map((d) => ({ day: d.day, grade: d.grade }))) },
    cgvhd: { evaluations: cgvhd, worst },
  };
}
