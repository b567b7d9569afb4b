import { dateOfDay } from '@engraft/clinical';
import type { Database } from '../db/database';
import * as donors from '../services/donors';
import type { CentreActor } from '../services/patients';
import * as fixtures from '../repo/demoFixtures';

// Demo donors (issue 7) on the generated patients: an allogeneic patient with an HLA-identical sibling donor
// medically cleared, waiting for the collection to be scheduled. The full journeys (autologous apheresis over two
// days, an unrelated registry donor collected, a CAR-T leukapheresis) are on their own patients in
// syntheticJourneys.ts. All plainly synthetic.

export async function seedCells(db: Database, actor: CentreActor): Promise<void> {
  const sib = await fixtures.firstAllogeneicEpisode(db, actor.centreId);
  if (!sib) return;
  const planned = sib.planned_day_zero.slice(0, 10);
  const d = await donors.chooseDonor(
    db,
    actor,
    sib.id,
    {
      kind: 'related',
      relationship: 'sibling',
      match: 'hla-identical',
      displayName: 'Sibling (brother)',
      hlaTyping: 'HLA-A*02:01+HLA-A*24:02^HLA-B*07:02+HLA-B*44:02^HLA-DRB1*15:01+HLA-DRB1*04:01',
      sex: 'male',
      birthYear: 1979,
      aboRh: 'A+',
      cmv: 'negative',
      weightKg: 82,
    },
    dateOfDay(planned, -50)
  );
  for (const [status, day] of [
    ['confirmatory-typing', -45],
    ['workup', -35],
    ['medically-cleared', -25],
  ] as const) {
    await donors.changeDonorStatus(db, actor, d.id, { status, on: dateOfDay(planned, day) });
  }
}
