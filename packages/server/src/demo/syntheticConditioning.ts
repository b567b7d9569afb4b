// Demo conditioning plans (issue 7) on the generated patients: one plan awaiting verification by a second
// physician. The verified plans (Mel200, Flu/Bu4, CAR-T Flu/Cy, verified by `physician2`) are on the three journey
// patients (syntheticJourneys.ts), so a new user sees both states of the two-person check.
import { dateOfDay } from '@engraft/clinical';
import type { Database } from '../db/database';
import * as plans from '../services/conditioningPlans';
import type { CentreActor } from '../services/patients';

interface Candidate {
  episode_id: string;
  type: string;
  disease: string;
  day_zero: string;
  date_of_birth: string;
}

/** Demo accounts that prescribe and verify; the seeder creates both. */
async function actor(db: Database, centreId: string, username: string): Promise<CentreActor> {
  const rows = await db.query<{ id: string }>('select id from users where username = $1', [username]);
  if (!rows[0]) throw new Error(`demo account ${username} is missing`);
  return { userId: rows[0].id, username, centreId };
}

export async function seedConditioningPlans(db: Database, centreId: string, today: string): Promise<void> {
  const prescriber = await actor(db, centreId, 'physician');
  const verifier = await actor(db, centreId, 'physician2');
  // Episodes nearest to their day 0 first (upcoming before past), adults only.
  const rows = await db.query<Candidate>(
    `select e.id as episode_id, e.type, d.disease, coalesce(e.actual_day_zero, e.planned_day_zero)::text as day_zero, p.date_of_birth::text as date_of_birth
     from episodes e join patients p on p.id = e.patient_id join diagnoses d on d.id = e.diagnosis_id
     where e.centre_id = $1 and p.height_cm is not null and p.weight_kg is not null and p.sex in ('male', 'female')
       and p.date_of_birth <= (coalesce(e.actual_day_zero, e.planned_day_zero) - interval '18 years')::date
     order by (coalesce(e.actual_day_zero, e.planned_day_zero) < $2::date), abs(coalesce(e.actual_day_zero, e.planned_day_zero) - $2::date), e.id`,
    [centreId, today]
  );
  const used = new Set<string>();
  const take = (f: (c: Candidate) => boolean): Candidate | undefined => {
    const c = rows.find((r) => !used.has(r.episode_id) && f(r));
    if (c) used.add(c.episode_id);
    return c;
  };
  const wanted: { pick: Candidate | undefined; templateId: string; verify: boolean }[] = [
    { pick: take((c) => c.type === 'allogeneic-hct' && c.day_zero > today), templateId: 'flu-mel140', verify: false },
  ];
  for (const w of wanted) {
    if (!w.pick) continue;
    // Prescribed two weeks before day 0 (or today, if that is sooner), verified the next day.
    const on = [dateOfDay(w.pick.day_zero, -14), today].sort()[0]!;
    const plan = await plans.createPlan(
      db,
      prescriber,
      w.pick.episode_id,
      { templateId: w.templateId, options: {} },
      on
    );
    if (w.verify) await plans.verifyPlan(db, verifier, plan.id, [dateOfDay(on, 1), today].sort()[0]!);
  }
}
