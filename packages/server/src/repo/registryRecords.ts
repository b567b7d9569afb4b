import type { Queryable } from '../db/database';
import type { DiagnosisRow, EpisodeRow, InfusionRow } from '../fhir/map/episode';
import type { PlanAgentRow } from '../fhir/map/medication';
import type { GradeRow } from '../fhir/map/observation';
import type { PatientRow } from '../fhir/map/patient';
import type { ProductRow } from '../fhir/map/product';
import { SOURCES, type Source } from './fhirSearch';
import type { DonorRow, EpisodeRecordRows } from './registryReports';

// The registries list (ADR 0703): the rows of many episodes' records, one statement per source for all of them,
// each narrowed exactly as the per-episode reads of repo/registryReports.ts are. $1 is the centre, $2 the episodes.

const EPISODES = 'any($2::uuid[])';

/**
 * Rows of a FHIR source, each with the episode it belongs to: `pairs` selects (row id, episode id) as text,
 * `on` joins them to the source's rows. One row per pair, in the source's order.
 */
async function rowsByEpisode<T extends object>(
  db: Queryable,
  s: Source,
  pairs: string,
  centreId: string,
  episodeIds: readonly string[],
  on = 'x.pair_id = src.id::text'
): Promise<Map<string, T[]>> {
  const rows = await db.query<T & { of_episode: string }>(
    `select src.*, x.of_episode from (select * ${s.from}) src
       join (${pairs}) x(pair_id, of_episode) on ${on} order by ${s.order}`,
    [centreId, episodeIds]
  );
  const out = new Map<string, T[]>();
  for (const { of_episode, ...row } of rows) out.set(of_episode, [...(out.get(of_episode) ?? []), row as T]);
  return out;
}

/** Every episode's rows (see episodeRecordRows); an episode not of the centre, or without patient, is absent. */
export async function episodeRecordRowsOf(
  db: Queryable,
  centreId: string,
  episodeIds: readonly string[]
): Promise<Map<string, EpisodeRecordRows>> {
  const by = <T extends object>(s: Source, pairs: string, on?: string) =>
    rowsByEpisode<T>(db, s, pairs, centreId, episodeIds, on);
  const episodes = await by<EpisodeRow>(
    SOURCES.EpisodeOfCare,
    `select id::text, id::text from episodes where id = ${EPISODES}`
  );
  const patients = await by<PatientRow>(
    SOURCES.Patient,
    `select patient_id::text, id::text from episodes where id = ${EPISODES}`
  );
  const diagnoses = await by<DiagnosisRow>(
    SOURCES.Condition,
    `select diagnosis_id::text, id::text from episodes where id = ${EPISODES}`
  );
  const infusions = await by<InfusionRow>(
    SOURCES.Procedure,
    `select id::text, episode_id::text from infusions where episode_id = ${EPISODES}`
  );
  // The infused products; before any infusion, the episode's products that are not discarded (once each).
  const products = await by<ProductRow>(
    SOURCES.BiologicallyDerivedProduct,
    `select product_id::text, episode_id::text from infusions where episode_id = ${EPISODES}
     union
     select p.id::text, p.episode_id::text from products p
      where p.episode_id = ${EPISODES} and p.status <> 'discarded'
        and not exists (select 1 from infusions i where i.episode_id = p.episode_id)`
  );
  const agents = await by<PlanAgentRow>(
    SOURCES.MedicationRequest,
    `select id::text, episode_id::text from conditioning_plans where episode_id = ${EPISODES} and status = 'active'`,
    `x.pair_id = split_part(src.id, '.', 1)`
  );
  const grades = await by<GradeRow>(
    SOURCES.Grade,
    `select id::text, episode_id::text from assessments where episode_id = ${EPISODES}`
  );
  const out = new Map<string, EpisodeRecordRows>();
  for (const [id, [episode]] of episodes) {
    const [patient] = patients.get(id) ?? [];
    const [diagnosis] = diagnoses.get(id) ?? [];
    if (!episode || !patient || !diagnosis) continue;
    out.set(id, {
      patient,
      diagnosis,
      episode,
      infusions: infusions.get(id) ?? [],
      products: products.get(id) ?? [],
      agents: agents.get(id) ?? [],
      grades: grades.get(id) ?? [],
    });
  }
  return out;
}

/** episodeDonor of many episodes in one statement. */
export async function episodeDonors(
  db: Queryable,
  centreId: string,
  episodeIds: readonly string[]
): Promise<Map<string, DonorRow>> {
  const rows = await db.query<DonorRow & { episode_id: string }>(
    `select distinct on (d.episode_id) d.episode_id::text as episode_id, d.source, d.relationship, d.match_grade, d.sex, d.cmv
       from episode_donors d
      where d.centre_id = $1 and d.episode_id = ${EPISODES} and d.status <> 'cancelled'
      order by d.episode_id,
        exists (select 1 from products pr join infusions i on i.product_id = pr.id
                 where i.episode_id = d.episode_id and pr.donor_id = d.id) desc, d.status_on desc, d.created_at desc`,
    [centreId, episodeIds]
  );
  return new Map(rows.map(({ episode_id, ...d }) => [episode_id, d]));
}

/** activePlan of many episodes in one statement. */
export async function activePlans(
  db: Queryable,
  centreId: string,
  episodeIds: readonly string[]
): Promise<Map<string, { template_id: string; intensity: string | null }>> {
  const rows = await db.query<{ episode_id: string; template_id: string; intensity: string | null }>(
    `select distinct on (episode_id) episode_id::text as episode_id, template_id,
            coalesce(declared_intent, computed -> 'intensity' ->> 'suggested') as intensity
       from conditioning_plans where centre_id = $1 and episode_id = ${EPISODES} and status = 'active'
      order by episode_id, version desc`,
    [centreId, episodeIds]
  );
  return new Map(rows.map(({ episode_id, ...p }) => [episode_id, p]));
}

/** followUpEvents of many episodes in one statement. */
export async function followUpEventsOf(
  db: Queryable,
  centreId: string,
  episodeIds: readonly string[]
): Promise<Map<string, { kind: string; occurred_on: string; cause_of_death: string | null }[]>> {
  const rows = await db.query<{ episode_id: string; kind: string; occurred_on: string; cause_of_death: string | null }>(
    `select episode_id::text as episode_id, kind, occurred_on::text as occurred_on,
            details ->> 'causeOfDeath' as cause_of_death
       from clinical_events where centre_id = $1 and episode_id = ${EPISODES} order by occurred_on, created_at`,
    [centreId, episodeIds]
  );
  const out = new Map<string, { kind: string; occurred_on: string; cause_of_death: string | null }[]>();
  for (const { episode_id, ...e } of rows) out.set(episode_id, [...(out.get(episode_id) ?? []), e]);
  return out;
}
