// Demo products for the cell processing lab (issue 7), so the lab page shows a working day on first start:
// fresh products to process, cryopreserved products in the freezers, a release awaiting its second signature,
// a released product, and one held by a positive culture. Independent of the collections demo: these are
// registered directly on generated demo episodes not yet infused (day 0 ahead; the journey patients are seeded
// after), with DINs of the synthetic facility W9999 from 500001.
import { mod37CheckOf, type ProductKind } from '@engraft/domain';
import type { Database } from '../db/database';
import * as lab from '../services/productLab';
import type { CentreActor } from '../services/patients';
import * as fixtures from '../repo/demoFixtures';

interface Plan {
  kind: ProductKind;
  productCode: string;
  division?: string;
  episode: 'auto' | 'allo' | 'allo2';
  counts: { volumeMl: number; tncCells: number; cd34Cells?: number; cd3Cells?: number; viabilityPct: number };
  /** What the lab has done to it. */
  state: 'collected' | 'stored' | 'awaiting-second-signature' | 'released' | 'culture-positive';
  location?: { freezer: string; rack: string; box: string; position: string };
  cryopreserved?: boolean;
  aboRh?: string;
}

const PLANS: Plan[] = [
  {
    kind: 'hpc-apheresis',
    productCode: 'S1295',
    episode: 'auto',
    counts: { volumeMl: 240, tncCells: 4.1e10, cd34Cells: 3.6e8, viabilityPct: 98 },
    state: 'collected',
  },
  {
    kind: 'hpc-apheresis',
    productCode: 'S1295',
    episode: 'auto',
    counts: { volumeMl: 210, tncCells: 3.2e10, cd34Cells: 2.1e8, viabilityPct: 97 },
    state: 'collected',
  },
  {
    kind: 'hpc-apheresis',
    productCode: 'S1295',
    division: 'A0',
    episode: 'auto',
    counts: { volumeMl: 100, tncCells: 2.0e10, cd34Cells: 1.8e8, viabilityPct: 95 },
    state: 'stored',
    location: { freezer: 'LN2 tank 1', rack: '2', box: 'A', position: '3' },
  },
  {
    kind: 'hpc-apheresis',
    productCode: 'S1295',
    division: 'B0',
    episode: 'auto',
    counts: { volumeMl: 100, tncCells: 2.0e10, cd34Cells: 1.8e8, viabilityPct: 95 },
    state: 'awaiting-second-signature',
    location: { freezer: 'LN2 tank 1', rack: '2', box: 'A', position: '4' },
  },
  {
    kind: 'hpc-cord',
    productCode: 'S1308',
    episode: 'allo',
    counts: { volumeMl: 25, tncCells: 1.6e9, cd34Cells: 6.5e6, viabilityPct: 92 },
    state: 'released',
    cryopreserved: true,
    aboRh: 'A+',
    location: { freezer: 'LN2 tank 2', rack: '1', box: 'C', position: '7' },
  },
  {
    kind: 'hpc-marrow',
    productCode: 'S1301',
    episode: 'allo2',
    counts: { volumeMl: 300, tncCells: 5.0e9, cd34Cells: 4.0e7, viabilityPct: 96 },
    state: 'culture-positive',
    location: { freezer: 'LN2 tank 2', rack: '3', box: 'D', position: '1' },
  },
];

/** Registers the demo products and walks each through the lab steps its state needs, signed by the demo lab users. */
export async function seedDemoProducts(db: Database, centreId: string, today: string): Promise<number> {
  const users = await fixtures.demoUserIds(db, ['lab', 'lab2']);
  const id = (u: string) => users.find((x) => x.username === u)?.id ?? null;
  const first: CentreActor = { userId: id('lab'), username: 'lab', centreId };
  const second: CentreActor = { userId: id('lab2'), username: 'lab2', centreId };
  const episodes = await fixtures.upcomingHctEpisodes(db, centreId, today);
  // Not yet transplanted (day 0 ahead): an autologous patient whose collection the lab is processing; an
  // allogeneic one with a cord unit released; another allogeneic one whose marrow is held by a positive culture.
  const auto = episodes.find((e) => e.type === 'autologous-hct')?.id;
  const allos = episodes.filter((e) => e.type === 'allogeneic-hct').map((e) => e.id);
  const allo = allos[0];
  const allo2 = allos[1] ?? allo;
  if (!auto || !allo || !allo2) return 0;
  const clock = { today, now: `${today}T09:00:00.000Z` };
  let seq = 500_000;
  const year = today.slice(2, 4);
  let din = '';
  let count = 0;
  for (const plan of PLANS) {
    // Divisions of one collection share its DIN.
    if (!plan.division || plan.division === 'A0') din = `W9999${year}${String(++seq).padStart(6, '0')}`;
    const registered = await lab.registerProduct(
      db,
      first,
      plan.episode === 'auto' ? auto : plan.episode === 'allo' ? allo : allo2,
      {
        din: `${din}${mod37CheckOf(din)}`,
        productCode: plan.productCode,
        division: plan.division ?? '00',
        kind: plan.kind,
        cryopreserved: plan.cryopreserved ?? false,
        collectedOn: today,
        ...plan.counts,
        ...(plan.aboRh ? { aboRh: plan.aboRh } : {}),
        ...(plan.cryopreserved && plan.location ? { storage: plan.location } : {}),
      },
      clock
    );
    const pid = registered.product.id;
    if (plan.state !== 'collected' && !plan.cryopreserved) {
      await lab.processStep(
        db,
        first,
        pid,
        { step: 'plasma-depletion', counts: { volumeMl: plan.counts.volumeMl } },
        clock
      );
      await lab.processStep(
        db,
        first,
        pid,
        {
          step: 'cryopreservation',
          counts: { viabilityPct: plan.counts.viabilityPct - 2 },
          ...(plan.location ? { storage: plan.location } : {}),
        },
        clock
      );
    }
    if (plan.state === 'culture-positive') {
      await lab.recordQc(
        db,
        first,
        pid,
        { test: 'sterility', outcome: 'positive', organism: 'Staphylococcus epidermidis' },
        clock
      );
    } else if (plan.state !== 'collected') {
      await lab.recordQc(db, first, pid, { test: 'sterility', outcome: 'negative' }, clock);
    }
    if (plan.state === 'awaiting-second-signature' || plan.state === 'released') {
      await lab.requestRelease(db, first, pid, 'record reviewed', clock);
    }
    if (plan.state === 'released') await lab.confirmRelease(db, second, pid, undefined, clock);
    count++;
  }
  return count;
}
