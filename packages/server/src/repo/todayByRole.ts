// Today per role (ADR 0801): the reads the role sections need that no other repository has. Every query is
// scoped to the centre.
import type { Queryable } from '../db/database';

interface PatientCols {
  episode_id: string;
  patient_id: string;
  mrn: string;
  family_name: string;
  given_name: string;
}

export interface InfusionDueRow extends PatientCols {
  type: string;
  ready_bags: number;
  infused: number;
}

/**
 * Open episodes whose day 0 (actual, else planned) is today, with the bags released or thawed for them and the
 * infusions already recorded.
 */
export async function infusionsDueOn(db: Queryable, centreId: string, today: string): Promise<InfusionDueRow[]> {
  return db.query<InfusionDueRow>(
    `select e.id as episode_id, p.id as patient_id, p.mrn, p.family_name, p.given_name, e.type,
            (select count(*)::int from products pr where pr.episode_id = e.id and pr.status in ('released', 'thawed')) as ready_bags,
            (select count(*)::int from infusions i where i.episode_id = e.id) as infused
       from episodes e join patients p on p.id = e.patient_id and p.centre_id = e.centre_id
      where e.centre_id = $1 and e.phase <> 'closed' and coalesce(e.actual_day_zero, e.planned_day_zero) = $2::date
      order by lower(p.family_name), lower(p.given_name)`,
    [centreId, today]
  );
}

export interface MilestoneRow extends PatientCols {
  kind: 'donor-workup' | 'collection-planned' | 'conditioning-start' | 'manufacturing-slot';
  status: string;
  /** The milestone's date (donor: the date of its current status; plan: its first treatment day). */
  on: string | null;
  what: string;
}

/**
 * The coordinator's milestones in the centre: donors in work-up (not collected or cancelled), planned collections,
 * the first treatment day of open conditioning plans, and open CAR-T manufacturing orders with their slot. Dated
 * milestones between `from` and `to` (and undated ones: a slot not booked yet).
 */
export async function coordinatorMilestones(
  db: Queryable,
  centreId: string,
  from: string,
  to: string
): Promise<MilestoneRow[]> {
  return db.query<MilestoneRow>(
    `with m as (
       select d.episode_id, 'donor-workup' as kind, d.status, d.status_on as on_date, d.display_name as what
         from episode_donors d where d.centre_id = $1 and d.status not in ('collected', 'cancelled')
       union all
       select c.episode_id, 'collection-planned', c.status, c.planned_on, c.method
         from collections c where c.centre_id = $1 and c.status in ('planned', 'in-progress')
          and (c.planned_on is null or c.planned_on between $2::date and $3::date)
       union all
       select cp.episode_id, 'conditioning-start', cp.status,
              coalesce(e.actual_day_zero, e.planned_day_zero)
                + (select min((d->>'day')::int) from jsonb_array_elements(cp.computed->'days') d),
              cp.computed->>'templateName'
         from conditioning_plans cp join episodes e on e.id = cp.episode_id
        where cp.centre_id = $1 and cp.status in ('draft', 'active')
       union all
       select o.episode_id, 'manufacturing-slot', o.status, o.slot_on, o.product_name
         from manufacturing_orders o where o.centre_id = $1
          and o.status in ('ordered', 'slot-confirmed', 'collected', 'shipped-to-manufacturer', 'in-manufacturing', 'shipped-to-centre')
          and (o.slot_on is null or o.slot_on >= $2::date)
     )
     select m.episode_id, p.id as patient_id, p.mrn, p.family_name, p.given_name, m.kind, m.status,
            m.on_date::text as "on", m.what
       from m join episodes e on e.id = m.episode_id and e.centre_id = $1 and e.phase <> 'closed'
       join patients p on p.id = e.patient_id and p.centre_id = $1
      where m.kind <> 'conditioning-start' or m.on_date between $2::date and $3::date
      order by m.on_date nulls first, lower(p.family_name), lower(p.given_name)`,
    [centreId, from, to]
  );
}

export interface RecentAuditRow {
  seq: number;
  at: Date | string;
  actor: string;
  action: string;
  entity_type: string;
  patient_id: string | null;
  reason: string | null;
}

/** The centre's latest audit events, newest first (what and who; never the before/after content). */
export async function recentAuditEvents(db: Queryable, centreId: string, limit: number): Promise<RecentAuditRow[]> {
  return db.query<RecentAuditRow>(
    `select seq::int as seq, at, actor, action, entity_type, patient_id, reason
       from audit_events where centre_id = $1 order by seq desc limit $2`,
    [centreId, limit]
  );
}
