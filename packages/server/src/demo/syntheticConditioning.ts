// Demo conditioning plans (issue 7) on the generated patients: one plan awaiting verification by a second
// physician. The verified plans (Mel200, Flu/Bu4, CAR-T Flu/Cy, verified by `physician2`) are on the three journey
// patients (syntheticJourneys.ts), so a new user sees both states of the two-person check.
import { dateOfDay } from '@engraft/clinical';
import type { Database } from '../db/database';
import * as plans from '../services/conditioningPlans';
import type { CentreActor } from '../services/patients';
import * as fixtures from '../repo/demoFixtures';

interface Candidate {
  episode_id: string;
  type: string;
  disease: string;
  day_zero: string;
  date_of_birth: string;
}

/** Demo accounts that prescribe and verify; the seeder creates both. */
async function actor(db: Database, centreId: string, username: string): Promise<CentreActor> {
  const rows = await fixtures.demoUserIds(db, [username]);
  if (!rows[0]) throw new Error(`demo account ${username} is missing`);
  return { userId: rows[0].id, username, centreId };
}

export async function seedConditioningPlans(db: Database, centreId: string, today: string): Promise<void> {
  const prescriber = await actor(db, centreId, 'physician');
  const verifier = await actor(db, centreId, 'physician2');
  // Episodes nearest to their day 0 first (upcoming before past), adults only.
  const rows: Candidate[] = await fixtures.conditioningCandidates(db, centreId, today);
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
