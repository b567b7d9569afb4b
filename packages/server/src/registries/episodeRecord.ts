import { dayRelative } from '@engraft/clinical';
import { type ClinicalEventKind, type EpisodeType, followUpSchedule } from '@engraft/domain';
import type { DiagnosisRow, EpisodeRow, InfusionRow } from '../fhir/map/episode';
import type { PlanAgentRow } from '../fhir/map/medication';
import type { GradeRow } from '../fhir/map/observation';
import type { PatientRow } from '../fhir/map/patient';
import type { ProductRow } from '../fhir/map/product';

// The typed "episode record" the registry mappings read (ADR 0710): the rows the FHIR resource builders take
// (fhir/map/*.ts), plus the few facts a registry form asks that no FHIR resource of ours carries yet (donor,
// conditioning intensity, engraftment as computed on read, follow-up events). Pure data, no I/O.

export interface DonorFacts {
  source: 'autologous' | 'related' | 'unrelated' | 'cord';
  relationship: string | null;
  matchGrade: string | null;
  sex: string | null;
  cmv: string;
}

export interface ConditioningFacts {
  templateId: string;
  /** MAC | RIC | NMA as declared by the prescriber, else as suggested by the regimen rule; null when neither. */
  intensity: string | null;
  agents: PlanAgentRow[];
}

export interface RecoveryFacts {
  status: 'recovered' | 'not-recovered' | 'never-below-threshold';
  date: string | null;
}

export interface FollowUpEvent {
  kind: ClinicalEventKind;
  occurredOn: string;
  causeOfDeath: string | null;
}

export interface EpisodeRecord {
  patient: PatientRow;
  diagnosis: DiagnosisRow;
  episode: EpisodeRow;
  donor: DonorFacts | null;
  products: ProductRow[];
  infusions: InfusionRow[];
  conditioning: ConditioningFacts | null;
  grades: GradeRow[];
  /** Engraftment as computed on read by `@engraft/clinical` computeEngraftment; null when no count after day 0. */
  neutrophil: RecoveryFacts | null;
  platelet: RecoveryFacts | null;
  events: FollowUpEvent[];
}

export type Registry = 'cibmtr' | 'ebmt';

/** A report due for an episode: the worklist's follow-up item of a registry (`@engraft/domain` followUpSchedule). */
export interface ReportTimepoint {
  key: string;
  registry: Registry;
  /** The registry form: 2400, 2450, 4000, 4100 (CIBMTR); MED-A day 100, MED-A follow-up (EBMT). */
  form: string;
  label: string;
  /** Day from day 0 the report describes (0 for Pre-TED; 30 for Pre-CTED). */
  day: number;
  dueDate: string;
  /** Start of the interval the report covers: the previous timepoint of the same registry (day 0 for the first). */
  fromDay: number;
}

const FORM_OF: [RegExp, string][] = [
  [/^cibmtr-2400$/, '2400'],
  [/^cibmtr-2450-/, '2450'],
  [/^cibmtr-4000$/, '4000'],
  [/^cibmtr-4100-/, '4100'],
  [/^ebmt-registration-/, 'MED-A'],
  [/^ebmt-followup-/, 'MED-A-FU'],
];

/** The registry timepoints of an episode, in order, each with the interval it covers. */
export function reportTimepoints(type: EpisodeType, dayZero: string): ReportTimepoint[] {
  const out: ReportTimepoint[] = [];
  const previous: Record<Registry, number> = { cibmtr: 0, ebmt: 0 };
  for (const f of followUpSchedule(type, dayZero)) {
    if (f.kind === 'visit') continue;
    const form = FORM_OF.find(([re]) => re.test(f.key))?.[1];
    if (!form) continue;
    // Pre-TED (day 0) and Pre-CTED (day 30) describe the recipient at infusion: their interval is day 0.
    const baseline = form === '2400' || form === '4000';
    out.push({
      key: f.key,
      registry: f.kind,
      form,
      label: f.label,
      day: f.day,
      dueDate: f.dueDate,
      fromDay: baseline ? 0 : previous[f.kind],
    });
    if (!baseline) previous[f.kind] = f.day;
  }
  return out;
}

export function timepointOf(type: EpisodeType, dayZero: string, key: string): ReportTimepoint | undefined {
  return reportTimepoints(type, dayZero).find((t) => t.key === key);
}

export const dayZeroOf = (r: EpisodeRecord): string => r.episode.actual_day_zero ?? r.episode.planned_day_zero;

/** Survival and relapse as of the end of the report's interval, from the follow-up events. */
export interface StatusAtTimepoint {
  /** alive: a contact (or a later event) on or after the interval's start; unknown: none. */
  survival: 'alive' | 'dead' | 'unknown';
  /** The date that says so: the death, or the latest contact; null when unknown. */
  survivalDate: string | null;
  causeOfDeath: string | null;
  relapse: { kind: 'relapse' | 'progression'; date: string } | null;
}

export function statusAt(r: EpisodeRecord, t: ReportTimepoint): StatusAtTimepoint {
  const dayZero = dayZeroOf(r);
  const sorted = [...r.events].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
  const death = sorted.find((e) => e.kind === 'death' && e.occurredOn <= t.dueDate);
  const relapseEvent = sorted.find(
    (e) => (e.kind === 'relapse' || e.kind === 'progression') && e.occurredOn >= dayZero && e.occurredOn <= t.dueDate
  );
  const relapse = relapseEvent
    ? { kind: relapseEvent.kind as 'relapse' | 'progression', date: relapseEvent.occurredOn }
    : null;
  if (death) return { survival: 'dead', survivalDate: death.occurredOn, causeOfDeath: death.causeOfDeath, relapse };
  // Any dated event after the interval's start shows the patient alive then (a death is handled above).
  const contacts = sorted.filter((e) => e.kind !== 'death' && dayRelative(e.occurredOn, dayZero) >= t.fromDay);
  const last = contacts.at(-1);
  return last
    ? { survival: 'alive', survivalDate: last.occurredOn, causeOfDeath: null, relapse }
    : { survival: 'unknown', survivalDate: null, causeOfDeath: null, relapse };
}

/** Numeric value of a stored grade (CRS/ICANS/aGVHD grade 0-4; cGVHD severity none..severe as 0-3). */
export function gradeValue(g: GradeRow): number | null {
  const part = (g.grade_kind === 'crs' || g.grade_kind === 'icans' ? g.result[g.grade_kind] : g.result) as
    { grade?: unknown; severity?: unknown } | undefined;
  if (typeof part?.grade === 'number') return part.grade;
  const severities = ['none', 'mild', 'moderate', 'severe'];
  return typeof part?.severity === 'string' && severities.includes(part.severity)
    ? severities.indexOf(part.severity)
    : null;
}

/** The assessment with the highest grade of a kind in the report's interval (the first such day), or null. */
export function worstGrade(r: EpisodeRecord, t: ReportTimepoint, kind: GradeRow['grade_kind']): GradeRow | null {
  const dayZero = dayZeroOf(r);
  let worst: GradeRow | null = null;
  for (const g of r.grades) {
    if (g.grade_kind !== kind || g.assessed_on > t.dueDate) continue;
    if (t.day > 0 && dayRelative(g.assessed_on, dayZero) < t.fromDay) continue;
    const v = gradeValue(g);
    if (v === null) continue;
    const w = worst ? (gradeValue(worst) ?? -1) : -1;
    if (v > w || (v === w && worst && g.assessed_on < worst.assessed_on)) worst = g;
  }
  return worst;
}

/** The first day of grade >= 1 of a kind in the interval (onset), or null. */
export function onsetOf(r: EpisodeRecord, t: ReportTimepoint, kind: GradeRow['grade_kind']): string | null {
  const dayZero = dayZeroOf(r);
  const days = r.grades
    .filter(
      (g) =>
        g.grade_kind === kind &&
        g.assessed_on <= t.dueDate &&
        dayRelative(g.assessed_on, dayZero) >= t.fromDay &&
        (gradeValue(g) ?? 0) >= 1
    )
    .map((g) => g.assessed_on)
    .sort();
  return days[0] ?? null;
}

export const isCellTherapy = (r: EpisodeRecord): boolean =>
  r.episode.type === 'car-t' || r.episode.type === 'other-cell-therapy';

/** Recovery as the report's timepoint saw it: a recovery dated after the timepoint had not happened yet. */
export function recoveryAt(f: RecoveryFacts | null, t: ReportTimepoint): RecoveryFacts | null {
  if (f?.status === 'recovered' && f.date !== null && f.date > t.dueDate) {
    return { status: 'not-recovered', date: null };
  }
  return f;
}
