import type { ConditioningPlanStatus } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso } from './rows';

interface PlanRow {
  id: string;
  episode_id: string;
  series_id: string;
  version: number;
  supersedes_id: string | null;
  template_id: string;
  template: unknown;
  options: unknown;
  inputs: unknown;
  computed: unknown;
  rule_id: string;
  declared_intent: string | null;
  status: ConditioningPlanStatus;
  reason: string | null;
  prescribed_by: string;
  prescribed_by_name: string | null;
  prescribed_at: Date | string;
  verified_by: string | null;
  verified_by_name: string | null;
  verified_at: Date | string | null;
  ended_by_name: string | null;
  ended_at: Date | string | null;
  end_reason: string | null;
}

export interface StoredPlan {
  id: string;
  episodeId: string;
  seriesId: string;
  version: number;
  supersedesId: string | null;
  templateId: string;
  template: unknown;
  options: unknown;
  inputs: unknown;
  computed: unknown;
  ruleId: string;
  declaredIntent: string | null;
  status: ConditioningPlanStatus;
  reason: string | null;
  prescribedById: string;
  prescribedBy: string | null;
  prescribedAt: string;
  verifiedById: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  endedBy: string | null;
  endedAt: string | null;
  endReason: string | null;
}

const parseJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

const toPlan = (r: PlanRow): StoredPlan => ({
  id: r.id,
  episodeId: r.episode_id,
  seriesId: r.series_id,
  version: Number(r.version),
  supersedesId: r.supersedes_id,
  templateId: r.template_id,
  template: parseJson(r.template),
  options: parseJson(r.options),
  inputs: parseJson(r.inputs),
  computed: parseJson(r.computed),
  ruleId: r.rule_id,
  declaredIntent: r.declared_intent,
  status: r.status,
  reason: r.reason,
  prescribedById: r.prescribed_by,
  prescribedBy: r.prescribed_by_name,
  prescribedAt: iso(r.prescribed_at),
  verifiedById: r.verified_by,
  verifiedBy: r.verified_by_name,
  verifiedAt: r.verified_at == null ? null : iso(r.verified_at),
  endedBy: r.ended_by_name,
  endedAt: r.ended_at == null ? null : iso(r.ended_at),
  endReason: r.end_reason,
});

const SELECT = `select p.*, pu.display_name as prescribed_by_name, vu.display_name as verified_by_name, eu.display_name as ended_by_name
  from conditioning_plans p
  left join users pu on pu.id = p.prescribed_by
  left join users vu on vu.id = p.verified_by
  left join users eu on eu.id = p.ended_by`;

/** A new version: the plan's own fields, its series (null: version 1 starts its own) and the prescriber's user id. */
export type PlanInsert = Pick<
  StoredPlan,
  | 'episodeId'
  | 'version'
  | 'supersedesId'
  | 'templateId'
  | 'template'
  | 'options'
  | 'inputs'
  | 'computed'
  | 'ruleId'
  | 'declaredIntent'
  | 'reason'
> & { centreId: string; seriesId: string | null; prescribedBy: string };

/** Inserts a version awaiting verification; version 1 starts its own series. */
export async function insertPlan(db: Queryable, p: PlanInsert): Promise<StoredPlan> {
  const rows = await db.query<{ id: string }>(
    `insert into conditioning_plans (id, centre_id, episode_id, series_id, version, supersedes_id, template_id, template, options, inputs, computed, rule_id, declared_intent, reason, prescribed_by)
     select g.id, $1, $2, coalesce($3::uuid, g.id), $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13, $14
     from (select gen_random_uuid() as id) g returning id`,
    [
      p.centreId,
      p.episodeId,
      p.seriesId,
      p.version,
      p.supersedesId,
      p.templateId,
      JSON.stringify(p.template),
      JSON.stringify(p.options),
      JSON.stringify(p.inputs),
      JSON.stringify(p.computed),
      p.ruleId,
      p.declaredIntent,
      p.reason,
      p.prescribedBy,
    ]
  );
  return (await getPlan(db, p.centreId, rows[0]!.id))!;
}

export async function getPlan(
  db: Queryable,
  centreId: string,
  id: string,
  forUpdate = false
): Promise<StoredPlan | undefined> {
  if (forUpdate) {
    await db.query('select id from conditioning_plans where centre_id = $1 and id = $2 for update', [centreId, id]);
  }
  const rows = await db.query<PlanRow>(`${SELECT} where p.centre_id = $1 and p.id = $2`, [centreId, id]);
  return rows[0] && toPlan(rows[0]);
}

/** Every plan version of an episode, newest first. */
export async function plansOfEpisode(db: Queryable, centreId: string, episodeId: string): Promise<StoredPlan[]> {
  const rows = await db.query<PlanRow>(
    `${SELECT} where p.centre_id = $1 and p.episode_id = $2 order by p.created_at desc, p.version desc`,
    [centreId, episodeId]
  );
  return rows.map(toPlan);
}

/** The open plan (awaiting verification or active) of an episode, if any. */
export async function openPlanOfEpisode(
  db: Queryable,
  centreId: string,
  episodeId: string
): Promise<StoredPlan | undefined> {
  const rows = await db.query<PlanRow>(
    `${SELECT} where p.centre_id = $1 and p.episode_id = $2 and p.status in ('draft', 'active')`,
    [centreId, episodeId]
  );
  return rows[0] && toPlan(rows[0]);
}

/** Marks a draft verified (active) by a second user; false when it was no longer a draft. */
export async function markVerified(db: Queryable, centreId: string, id: string, userId: string): Promise<boolean> {
  const rows = await db.query(
    `update conditioning_plans set status = 'active', verified_by = $3, verified_at = now()
     where centre_id = $1 and id = $2 and status = 'draft' and prescribed_by <> $3 returning id`,
    [centreId, id, userId]
  );
  return rows.length === 1;
}

/** Ends an open version: superseded by a new version, or cancelled. False when it was not open. */
export async function markEnded(
  db: Queryable,
  centreId: string,
  id: string,
  status: 'superseded' | 'cancelled',
  userId: string,
  reason: string
): Promise<boolean> {
  const rows = await db.query(
    `update conditioning_plans set status = $3, ended_by = $4, ended_at = now(), end_reason = $5
     where centre_id = $1 and id = $2 and status in ('draft', 'active') returning id`,
    [centreId, id, status, userId, reason]
  );
  return rows.length === 1;
}

/** Locks the episode row for the transaction, so two prescriptions for one episode are taken one at a time. */
export async function lockEpisodeForPlans(db: Queryable, centreId: string, episodeId: string): Promise<void> {
  await db.query('select id from episodes where centre_id = $1 and id = $2 for update', [centreId, episodeId]);
}
