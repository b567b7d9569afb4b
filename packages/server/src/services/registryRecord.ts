import { type ClinicalEventKind, type Episode, graftSourceOfProducts, type Product } from '@engraft/domain';
import type { Queryable } from '../db/database';
import * as episodesRepo from '../repo/episodes';
import * as monitoringRepo from '../repo/monitoring';
import { listEpisodeProducts, listProductsOfEpisodes } from '../repo/products';
import { activePlans, episodeDonors, episodeRecordRowsOf, followUpEventsOf } from '../repo/registryRecords';
import {
  activePlan,
  type DonorRow,
  episodeDonor,
  type EpisodeRecordRows,
  episodeRecordRows,
  followUpEvents,
} from '../repo/registryReports';
import type { EpisodeRecord, RecoveryFacts } from '../registries/episodeRecord';
import { summariseMonitoring } from './monitoringSummary';
import { monitoringSettingsOf } from './settings';

type MonitoringSettings = Awaited<ReturnType<typeof monitoringSettingsOf>>;

/** What one episode's record is made of, read one episode at a time or for many at once. */
interface RecordParts {
  rows: EpisodeRecordRows;
  episode: Episode;
  donor: DonorRow | undefined;
  plan: { template_id: string; intensity: string | null } | undefined;
  events: { kind: string; occurred_on: string; cause_of_death: string | null }[];
  /** Null when the episode has no day 0 yet (no engraftment to compute). */
  monitoring: {
    observations: Awaited<ReturnType<typeof monitoringRepo.observationsOf>>;
    transfusions: Awaited<ReturnType<typeof monitoringRepo.transfusionsOf>>;
    assessments: Awaited<ReturnType<typeof monitoringRepo.assessmentsOf>>;
    products: Product[];
    settings: MonitoringSettings;
  } | null;
}

/** Engraftment computed on read exactly as the monitoring page does (ADR 0006), then the record. */
function assemble(p: RecordParts, today: string): EpisodeRecord {
  const { rows, episode, donor, plan, events, monitoring: m } = p;
  let neutrophil: RecoveryFacts | null = null;
  let platelet: RecoveryFacts | null = null;
  if (episode.actualDayZero && m) {
    const counted = (a: string): boolean =>
      m.observations.some((o) => o.analyte === a && o.observedOn >= (episode.actualDayZero ?? ''));
    const summary = summariseMonitoring({
      episode,
      observations: m.observations,
      transfusions: m.transfusions,
      assessments: m.assessments,
      today,
      settings: m.settings,
      graftSource: graftSourceOfProducts(m.products),
    });
    const e = summary.engraftment;
    if (e) {
      // No count after day 0: the recovery is unknown, not "not recovered".
      if (counted('anc')) neutrophil = { status: e.neutrophilStatus, date: e.neutrophil?.date ?? null };
      if (counted('platelets')) platelet = { status: e.plateletStatus, date: e.platelet?.date ?? null };
    }
  }
  return {
    patient: rows.patient,
    diagnosis: rows.diagnosis,
    episode: rows.episode,
    donor: donor
      ? {
          source: donor.source,
          relationship: donor.relationship,
          matchGrade: donor.match_grade,
          sex: donor.sex,
          cmv: donor.cmv,
        }
      : null,
    products: rows.products,
    infusions: rows.infusions,
    conditioning: plan ? { templateId: plan.template_id, intensity: plan.intensity, agents: rows.agents } : null,
    grades: rows.grades,
    neutrophil,
    platelet,
    events: events.map((e) => ({
      kind: e.kind as ClinicalEventKind,
      occurredOn: e.occurred_on,
      causeOfDeath: e.cause_of_death,
    })),
  };
}

/**
 * Gathers one episode's registry record (ADR 0710): the rows the FHIR builders take, the donor, the active
 * conditioning plan, the follow-up events, and engraftment computed on read exactly as the monitoring page does
 * (`summariseMonitoring`, ADR 0006). Undefined when the episode is not one of the centre's. No audit (callers audit).
 */
export async function loadEpisodeRecord(
  db: Queryable,
  centreId: string,
  episodeId: string,
  today: string
): Promise<EpisodeRecord | undefined> {
  const rows = await episodeRecordRows(db, centreId, episodeId);
  const episode = await episodesRepo.getEpisode(db, centreId, episodeId);
  if (!rows || !episode) return undefined;
  return assemble(
    {
      rows,
      episode,
      donor: await episodeDonor(db, centreId, episodeId),
      plan: await activePlan(db, centreId, episodeId),
      events: await followUpEvents(db, centreId, episodeId),
      monitoring: episode.actualDayZero
        ? {
            observations: await monitoringRepo.observationsOf(db, centreId, rows.patient.id),
            transfusions: await monitoringRepo.transfusionsOf(db, centreId, rows.patient.id),
            assessments: await monitoringRepo.assessmentsOf(db, centreId, episodeId),
            products: await listEpisodeProducts(db, centreId, episodeId),
            settings: await monitoringSettingsOf(db, centreId),
          }
        : null,
    },
    today
  );
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(key(i), [...(out.get(key(i)) ?? []), i]);
  return out;
};

/**
 * The records of many episodes (the registries list, ADR 0703) with one statement per source for all of them
 * instead of about twelve per episode; each record is the one loadEpisodeRecord gives. Episodes that are not the
 * centre's are absent.
 */
export async function loadEpisodeRecords(
  db: Queryable,
  centreId: string,
  episodeIds: readonly string[],
  today: string
): Promise<Map<string, EpisodeRecord>> {
  const ids = [...new Set(episodeIds)];
  if (!ids.length) return new Map();
  const rowsOf = await episodeRecordRowsOf(db, centreId, ids);
  const episodes = new Map((await episodesRepo.getEpisodes(db, centreId, ids)).map((e) => [e.id, e]));
  const donors = await episodeDonors(db, centreId, ids);
  const plans = await activePlans(db, centreId, ids);
  const events = await followUpEventsOf(db, centreId, ids);
  const infused = ids.filter((id) => episodes.get(id)?.actualDayZero && rowsOf.has(id));
  const patientIds = [...new Set(infused.map((id) => rowsOf.get(id)!.patient.id))];
  const any = infused.length > 0;
  const observations = groupBy(
    any ? await monitoringRepo.observationsOfPatients(db, centreId, patientIds) : [],
    (o) => o.patientId
  );
  const transfusions = groupBy(
    any ? await monitoringRepo.transfusionsOfPatients(db, centreId, patientIds) : [],
    (t) => t.patientId
  );
  const assessments = groupBy(
    any ? await monitoringRepo.assessmentsOfEpisodes(db, centreId, infused) : [],
    (a) => a.episode_id
  );
  const products = groupBy(any ? await listProductsOfEpisodes(db, centreId, infused) : [], (p) => p.episodeId);
  const settings = any ? await monitoringSettingsOf(db, centreId) : null;
  const out = new Map<string, EpisodeRecord>();
  for (const id of ids) {
    const rows = rowsOf.get(id);
    const episode = episodes.get(id);
    if (!rows || !episode) continue;
    const patientId = rows.patient.id;
    const record = assemble(
      {
        rows,
        episode,
        donor: donors.get(id),
        plan: plans.get(id),
        events: events.get(id) ?? [],
        monitoring:
          episode.actualDayZero && settings
            ? {
                observations: observations.get(patientId) ?? [],
                transfusions: transfusions.get(patientId) ?? [],
                assessments: assessments.get(id) ?? [],
                products: products.get(id) ?? [],
                settings,
              }
            : null,
      },
      today
    );
    out.set(id, record);
  }
  return out;
}
