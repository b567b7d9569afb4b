import type { Queryable } from '../db/database';

// The synthetic demo seeder's look-ups (which demo episode gets which journey, the demo accounts' ids). SQL lives
// in repo/ (ADR 0020); the seeder in demo/ writes only through services.

/** Ids of demo accounts by username (absent names are simply missing from the answer). */
export async function demoUserIds(
  db: Queryable,
  usernames: readonly string[]
): Promise<{ id: string; username: string }[]> {
  return db.query<{ id: string; username: string }>('select id, username from users where username = any($1::text[])', [
    [...usernames],
  ]);
}

/** The first allogeneic episode past referral (by MRN): the demo's matched-sibling work-up. */
export async function firstAllogeneicEpisode(
  db: Queryable,
  centreId: string
): Promise<{ id: string; planned_day_zero: string } | undefined> {
  const rows = await db.query<{ id: string; planned_day_zero: string }>(
    `select e.id, e.planned_day_zero::text from episodes e join patients p on p.id = e.patient_id
     where e.centre_id = $1 and e.type = 'allogeneic-hct' and e.phase not in ('referral', 'closed') order by p.mrn, e.created_at limit 1`,
    [centreId]
  );
  return rows[0];
}

export interface ConditioningCandidateRow {
  episode_id: string;
  type: string;
  disease: string;
  day_zero: string;
  date_of_birth: string;
}

/** Adult episodes with height, weight and sex recorded, nearest to their day 0 first (upcoming before past). */
export async function conditioningCandidates(
  db: Queryable,
  centreId: string,
  today: string
): Promise<ConditioningCandidateRow[]> {
  return db.query<ConditioningCandidateRow>(
    `select e.id as episode_id, e.type, d.disease, coalesce(e.actual_day_zero, e.planned_day_zero)::text as day_zero, p.date_of_birth::text as date_of_birth
     from episodes e join patients p on p.id = e.patient_id join diagnoses d on d.id = e.diagnosis_id
     where e.centre_id = $1 and p.height_cm is not null and p.weight_kg is not null and p.sex in ('male', 'female')
       and p.date_of_birth <= (coalesce(e.actual_day_zero, e.planned_day_zero) - interval '18 years')::date
     order by (coalesce(e.actual_day_zero, e.planned_day_zero) < $2::date), abs(coalesce(e.actual_day_zero, e.planned_day_zero) - $2::date), e.id`,
    [centreId, today]
  );
}

export interface CartEpisodeRow {
  id: string;
  mrn: string;
  disease: string;
  weight_kg: string | null;
  planned_day_zero: string;
  actual_day_zero: string | null;
}

/** CAR-T episodes with day 0 on or after `from`, by day 0. */
export async function cartEpisodesSince(db: Queryable, centreId: string, from: string): Promise<CartEpisodeRow[]> {
  return db.query<CartEpisodeRow>(
    `select e.id, p.mrn, d.disease, p.weight_kg, e.planned_day_zero::text, e.actual_day_zero::text from episodes e
       join diagnoses d on d.id = e.diagnosis_id join patients p on p.id = e.patient_id
     where e.centre_id = $1 and e.type = 'car-t' and e.planned_day_zero >= $2 order by e.planned_day_zero, e.id`,
    [centreId, from]
  );
}

/** The most recent autologous HCT for Hodgkin lymphoma infused before `before` (the demo's relapse). */
export async function latestAutologousHlBefore(
  db: Queryable,
  centreId: string,
  before: string
): Promise<{ patient_id: string; diagnosis_id: string; disease: string; weight_kg: string | null } | undefined> {
  const rows = await db.query<{ patient_id: string; diagnosis_id: string; disease: string; weight_kg: string | null }>(
    `select e.patient_id, e.diagnosis_id, d.disease, p.weight_kg from episodes e join diagnoses d on d.id = e.diagnosis_id join patients p on p.id = e.patient_id
     where e.centre_id = $1 and e.type = 'autologous-hct' and d.disease = 'HL' and e.actual_day_zero < $2
     order by e.actual_day_zero desc, e.id limit 1`,
    [centreId, before]
  );
  return rows[0];
}

/** A product's label identity (what the bedside scans). */
export async function productIdentity(
  db: Queryable,
  productId: string
): Promise<{ din: string; product_code: string; division: string; coi: string | null } | undefined> {
  const rows = await db.query<{ din: string; product_code: string; division: string; coi: string | null }>(
    'select din, product_code, division, coi from products where id = $1',
    [productId]
  );
  return rows[0];
}

/** HCT episodes still ahead of day 0 (referral, work-up, conditioning), referral last. */
export async function upcomingHctEpisodes(
  db: Queryable,
  centreId: string,
  today: string
): Promise<{ id: string; type: string }[]> {
  return db.query<{ id: string; type: string }>(
    `select e.id, e.type from episodes e where e.centre_id = $1 and e.phase in ('referral', 'work-up', 'conditioning') and e.actual_day_zero is null
      and e.planned_day_zero > $2 and e.type in ('autologous-hct', 'allogeneic-hct')
      order by (e.phase = 'referral'), e.planned_day_zero, e.id`,
    [centreId, today]
  );
}

/** The demo journey patient's allogeneic episode by MRN, with its centre and how many donor searches it has. */
export async function allogeneicEpisodeOfMrn(
  db: Queryable,
  mrn: string
): Promise<{ episode_id: string; patient_id: string; centre_id: string; searches: number } | undefined> {
  const rows = await db.query<{ episode_id: string; patient_id: string; centre_id: string; searches: number }>(
    `select e.id as episode_id, e.patient_id, e.centre_id,
            (select count(*)::int from donor_searches s where s.episode_id = e.id) as searches
       from episodes e join patients p on p.id = e.patient_id
      where p.mrn = $1 and e.type = 'allogeneic-hct' order by e.created_at limit 1`,
    [mrn]
  );
  return rows[0];
}
