// Derived transplant endpoints from a patient's recorded events, per Kim HT & Armand P
// (BBMT 2013;19:860-866) and Holtan SG et al. (Blood 2015;125:1333-1338) for GRFS. Time zero is day 0 (the infusion); follow-up is censored at the last contact.
// Each endpoint is a versioned, named definition (data, not code) so cohorts can be recomputed reproducibly.
//
// Rule: among the event kinds an endpoint cares about (its events and its competing events), the earliest
// date wins; on the same day the precedence is aGVHD III–IV, cGVHD (systemic), relapse, death. So a death on
// the day of relapse counts as relapse, never as NRM, and relapse CI + NRM CI + PFS = 1 holds at every time.
import { z } from 'zod';
import { OutcomesInputError } from './data';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'not a real calendar date');
const optionalDate = isoDate.nullish();

/** What is recorded for one patient's transplant episode (dates are 'YYYY-MM-DD'). */
export const PatientEventsSchema = z
  .object({
    id: z.string().min(1),
    /** Day 0: the (first) infusion day. */
    infusionDate: isoDate,
    /** Last date the patient was known alive (or the death date). */
    lastContactDate: isoDate,
    deathDate: optionalDate,
    /** First relapse or progression. */
    relapseDate: optionalDate,
    /** Onset of grade III–IV acute GVHD. */
    agvhd34Date: optionalDate,
    /** Start of chronic GVHD needing systemic immunosuppressive treatment. */
    cgvhdSystemicDate: optionalDate,
  })
  .strict();
export type PatientEvents = z.input<typeof PatientEventsSchema>;

export type EventKind = 'agvhd34' | 'cgvhdSystemic' | 'relapse' | 'death';
const PRECEDENCE: readonly EventKind[] = ['agvhd34', 'cgvhdSystemic', 'relapse', 'death'];
const FIELD: Record<EventKind, 'agvhd34Date' | 'cgvhdSystemicDate' | 'relapseDate' | 'deathDate'> = {
  agvhd34: 'agvhd34Date',
  cgvhdSystemic: 'cgvhdSystemicDate',
  relapse: 'relapseDate',
  death: 'deathDate',
};

export interface EndpointDefinition {
  name: string;
  version: number;
  label: string;
  /** 'survival' → Kaplan–Meier on (time, status); 'competing' → cumulative incidence on (time, cause). */
  estimator: 'survival' | 'competing';
  /** Any of these first → event (status 1 / cause 1). */
  events: readonly EventKind[];
  /** Any of these first → competing event (cause 2). Empty for survival endpoints. */
  competing: readonly EventKind[];
}

export const ENDPOINTS = {
  OS: { name: 'OS', version: 1, label: 'Overall survival', estimator: 'survival', events: ['death'], competing: [] },
  PFS: {
    name: 'PFS',
    version: 1,
    label: 'Progression-free survival',
    estimator: 'survival',
    events: ['relapse', 'death'],
    competing: [],
  },
  GRFS: {
    name: 'GRFS',
    version: 1,
    label: 'GVHD-free, relapse-free survival (Holtan 2015)',
    estimator: 'survival',
    events: ['agvhd34', 'cgvhdSystemic', 'relapse', 'death'],
    competing: [],
  },
  relapse: {
    name: 'relapse',
    version: 1,
    label: 'Cumulative incidence of relapse/progression',
    estimator: 'competing',
    events: ['relapse'],
    competing: ['death'],
  },
  NRM: {
    name: 'NRM',
    version: 1,
    label: 'Non-relapse mortality',
    estimator: 'competing',
    events: ['death'],
    competing: ['relapse'],
  },
} as const satisfies Record<string, EndpointDefinition>;
export type EndpointName = keyof typeof ENDPOINTS;

export interface EndpointData {
  endpoint: { name: string; version: number };
  ids: string[];
  /** Days from infusion to the first event, or to the last contact if none. */
  time: number[];
  /** 1 if an event of the endpoint came first, else 0. */
  status: number[];
  /** 0 censored, 1 endpoint event, 2 competing event first (competing endpoints; equals status otherwise). */
  cause: number[];
}

function day(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Checks a patient's record and returns the day (from infusion) of each recorded event and of follow-up end. */
export function patientDays(input: PatientEvents): {
  id: string;
  end: number;
  events: Partial<Record<EventKind, number>>;
} {
  const parsed = PatientEventsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OutcomesInputError(
      `patient ${String((input as { id?: unknown }).id)}: ${issue?.path.join('.')}: ${issue?.message}`
    );
  }
  const p = parsed.data;
  const d0 = day(p.infusionDate);
  const last = day(p.lastContactDate) - d0;
  if (last < 0) {
    throw new OutcomesInputError(
      `patient ${p.id}: last contact ${p.lastContactDate} is before the infusion ${p.infusionDate}`
    );
  }
  const events: Partial<Record<EventKind, number>> = {};
  for (const kind of PRECEDENCE) {
    const date = p[FIELD[kind]];
    if (date == null) continue;
    const t = day(date) - d0;
    if (t < 0) {
      throw new OutcomesInputError(`patient ${p.id}: ${FIELD[kind]} ${date} is before the infusion ${p.infusionDate}`);
    }
    events[kind] = t;
  }
  const death = events.death;
  if (death != null && last > death) {
    throw new OutcomesInputError(`patient ${p.id}: last contact ${p.lastContactDate} is after the death date`);
  }
  const end = death ?? last;
  for (const kind of PRECEDENCE) {
    const t = events[kind];
    if (t != null && t > end) {
      throw new OutcomesInputError(
        `patient ${p.id}: ${FIELD[kind]} is after the end of follow-up (${death != null ? 'death' : 'last contact'})`
      );
    }
  }
  return { id: p.id, end, events };
}

/**
 * Derives (time, status, cause) for an endpoint from each patient's recorded events.
 * @param patients - recorded events per patient
 * @param endpoint - a name from ENDPOINTS or a custom EndpointDefinition
 */
export function deriveEndpoint(
  patients: readonly PatientEvents[],
  endpoint: EndpointName | EndpointDefinition
): EndpointData {
  const def: EndpointDefinition = typeof endpoint === 'string' ? ENDPOINTS[endpoint] : endpoint;
  const relevant = PRECEDENCE.filter((k) => def.events.includes(k) || def.competing.includes(k));
  const out: EndpointData = {
    endpoint: { name: def.name, version: def.version },
    ids: [],
    time: [],
    status: [],
    cause: [],
  };
  for (const patient of patients) {
    const { id, end, events } = patientDays(patient);
    let first: EventKind | null = null;
    let firstT = Infinity;
    for (const k of relevant) {
      const t = events[k];
      if (t != null && t < firstT) {
        first = k;
        firstT = t;
      }
    }
    const cause = first == null ? 0 : def.events.includes(first) ? 1 : 2;
    out.ids.push(id);
    out.time.push(first == null ? end : firstT);
    out.status.push(cause === 1 ? 1 : 0);
    out.cause.push(cause);
  }
  return out;
}

/**
 * Landmark analysis (Anderson, Cain & Gelber 1983): keeps the subjects still followed beyond the landmark
 * (time > landmark), re-zeroes their time at the landmark, and classifies each by whether an intermediate
 * event (e.g. GVHD) happened by the landmark, which avoids the immortal-time bias of an "ever" flag.
 * @param data - time per subject, with any per-subject columns to carry along (status, cause, ...)
 * @param args - landmark time, and optionally each subject's time of the intermediate event (null = never)
 */
export function landmark<T extends { time: readonly number[] }>(
  data: T & Record<string, readonly unknown[]>,
  args: { at: number; exposureTime?: readonly (number | null)[] }
): { keep: number[]; time: number[]; exposed: boolean[]; columns: Record<string, unknown[]> } {
  const { at, exposureTime } = args;
  if (!Number.isFinite(at) || at < 0) throw new OutcomesInputError(`landmark must be a finite time ≥ 0, got ${at}`);
  if (exposureTime && exposureTime.length !== data.time.length) {
    throw new OutcomesInputError(`exposureTime has ${exposureTime.length} values but time has ${data.time.length}`);
  }
  const keep: number[] = [];
  for (let i = 0; i < data.time.length; i++) if (data.time[i]! > at) keep.push(i);
  const columns: Record<string, unknown[]> = {};
  for (const [name, col] of Object.entries(data)) if (name !== 'time') columns[name] = keep.map((i) => col[i]);
  return {
    keep,
    time: keep.map((i) => data.time[i]! - at),
    exposed: keep.map((i) => {
      const e = exposureTime?.[i];
      return e != null && e <= at;
    }),
    columns,
  };
}
