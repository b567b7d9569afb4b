import { type ClinicalEventKind, graftSourceOfProducts } from '@engraft/domain';
import type { Queryable } from '../db/database';
import * as episodesRepo from '../repo/episodes';
import * as monitoringRepo from '../repo/monitoring';
import { listEpisodeProducts } from '../repo/products';
import { activePlan, episodeDonor, episodeRecordRows, followUpEvents } from '../repo/registryReports';
import type { EpisodeRecord, RecoveryFacts } from '../registries/episodeRecord';
import { summariseMonitoring } from './monitoringSummary';
import { monitoringSettingsOf } from './settings';

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
  const [donor, plan, events] = [
    await episodeDonor(db, centreId, episodeId),
    await activePlan(db, centreId, episodeId),
    await followUpEvents(db, centreId, episodeId),
  ];
  let neutrophil: RecoveryFacts | null = null;
  let platelet: RecoveryFacts | null = null;
  if (episode.actualDayZero) {
    const observations = await monitoringRepo.observationsOf(db, centreId, rows.patient.id);
    const counted = (a: string): boolean =>
      observations.some((o) => o.analyte === a && o.observedOn >= (episode.actualDayZero ?? ''));
    const summary = summariseMonitoring({
      episode,
      observations,
      transfusions: await monitoringRepo.transfusionsOf(db, centreId, rows.patient.id),
      assessments: await monitoringRepo.assessmentsOf(db, centreId, episodeId),
      today,
      settings: await monitoringSettingsOf(db, centreId),
      graftSource: graftSourceOfProducts(await listEpisodeProducts(db, centreId, episodeId)),
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
