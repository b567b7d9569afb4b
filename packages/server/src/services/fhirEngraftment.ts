import { CONSECUTIVE_VALUES, dailyLowest } from '@engraft/clinical';
import type { Observation } from 'fhir/r4';
import type { Queryable } from '../db/database';
import {
  type EngraftmentKind,
  type EngraftmentRow,
  engraftmentId,
  parseEngraftmentId,
  toEngraftmentObservation,
} from '../fhir/map/engraftment';
import type { DateOp, FhirFilter } from '../repo/fhirSearch';
import { infusedEpisodes } from '../repo/fhirEngraftment';
import { observationsOfPatients, transfusionsOfPatients } from '../repo/monitoring';
import { type MonitoringSummary, summariseMonitoring } from './monitoringSummary';
import { monitoringSettingsOf } from './settings';

const groupBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(key(i), [...(out.get(key(i)) ?? []), i]);
  return out;
};

type Series = MonitoringSummary['series'][string];

/**
 * The lab results of the qualifying run that starts on `date`: the `CONSECUTIVE_VALUES` daily values
 * computeEngraftment counted (the lowest of a day, after day 0), each traced back to the result it came from.
 */
function runOf(series: Series | undefined, date: string, dayZero: string): string[] {
  const points = (series ?? []).filter((p) => p.day >= 0);
  const daily = dailyLowest(
    points.map((p) => ({ date: p.date, value: p.value })),
    dayZero
  );
  const start = daily.findIndex((d) => d.date === date);
  if (start < 0) return [];
  return daily
    .slice(start, start + CONSECUTIVE_VALUES)
    .flatMap((d) => points.find((p) => p.date === d.date && p.value === d.value)?.id ?? []);
}

/**
 * The engraftment dates of the centre's infused episodes (one patient's, or some episodes', when given), derived
 * exactly as the monitoring page derives them: the same `summariseMonitoring` over the same results, transfusions
 * and centre settings (ADR 0704). Only recovered counts give a row: no date is claimed that the page does not show.
 */
export async function engraftmentRows(
  db: Queryable,
  centreId: string,
  scope: { patientId?: string; episodeIds?: readonly string[] },
  today: string
): Promise<EngraftmentRow[]> {
  const episodes = await infusedEpisodes(db, centreId, scope);
  if (!episodes.length) return [];
  const patientIds = [...new Set(episodes.map((e) => e.patientId))];
  const observations = groupBy(
    await observationsOfPatients(db, centreId, patientIds, ['anc', 'platelets']),
    (o) => o.patientId
  );
  const transfusions = groupBy(await transfusionsOfPatients(db, centreId, patientIds), (t) => t.patientId);
  const settings = await monitoringSettingsOf(db, centreId);
  const rows: EngraftmentRow[] = [];
  for (const episode of episodes) {
    const s = summariseMonitoring({
      episode,
      observations: observations.get(episode.patientId) ?? [],
      transfusions: transfusions.get(episode.patientId) ?? [],
      assessments: [],
      today,
      settings,
    });
    const e = s.engraftment;
    if (!e) continue;
    const dates: [EngraftmentKind, typeof e.neutrophil, string, Series | undefined][] = [
      ['neutrophil', e.neutrophil, e.neutrophilExplanation, s.series.anc],
      ['platelet', e.platelet, e.plateletExplanation, s.series.platelets],
    ];
    for (const [kind, recovery, explanation, series] of dates) {
      if (!recovery) continue;
      rows.push({
        kind,
        patientId: episode.patientId,
        episodeId: episode.id,
        date: recovery.date,
        day: recovery.day,
        ruleId: e.ruleId,
        explanation,
        derivedFrom: runOf(series, recovery.date, s.dayZero),
      });
    }
  }
  return rows.sort(
    (a, b) => a.date.localeCompare(b.date) || a.episodeId.localeCompare(b.episodeId) || a.kind.localeCompare(b.kind)
  );
}

const DATE_OK: Record<DateOp, (c: number) => boolean> = {
  eq: (c) => c === 0,
  ge: (c) => c >= 0,
  gt: (c) => c > 0,
  le: (c) => c <= 0,
  lt: (c) => c < 0,
};
/** Whether a date (YYYY-MM-DD) meets every bound of the search (the SQL sources compare dates the same way). */
const dateMatches = (date: string, f: FhirFilter): boolean =>
  (f.date ?? []).every((b) => DATE_OK[b.op](date.localeCompare(b.date)));

/** The episode ids named by engraftment ids among `ids` (to narrow the derivation), or undefined for all. */
function episodeIdsOf(ids: readonly string[] | undefined): string[] | undefined {
  return ids?.flatMap((id) => parseEngraftmentId(id)?.episodeId ?? []);
}

/**
 * Engraftment Observations matching a search (ids, patient, date, code, status), in a stable order (date,
 * episode, kind), one page of them and the total. `kinds` null or undefined: no code filter.
 */
export async function searchEngraftment(
  db: Queryable,
  centreId: string,
  f: FhirFilter,
  kinds: readonly EngraftmentKind[] | null | undefined,
  today: string
): Promise<{ matches: Observation[]; total: number }> {
  if (kinds?.length === 0 || (f.statuses && !f.statuses.includes('final'))) return { matches: [], total: 0 };
  const episodeIds = episodeIdsOf(f.ids);
  if (episodeIds?.length === 0) return { matches: [], total: 0 };
  const rows = (await engraftmentRows(db, centreId, { patientId: f.patientId, episodeIds }, today)).filter(
    (r) => (!kinds || kinds.includes(r.kind)) && (!f.ids || f.ids.includes(engraftmentId(r))) && dateMatches(r.date, f)
  );
  return {
    matches: rows.slice(f.offset, f.offset + f.limit).map(toEngraftmentObservation),
    total: rows.length,
  };
}
