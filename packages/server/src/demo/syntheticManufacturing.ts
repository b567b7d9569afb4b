// Demo manufacturing orders (issue 7), through the services (same rules, audit and timeline). Synthetic data
// only; CoIs are issued under the test FIN W9999.
// - the CAR-T episode in conditioning: product received, waiting for infusion;
// - infused CAR-T episodes of the last months: received before day 0, released by two lab users, thawed and
//   infused on day 0 through the bedside check (vein-to-vein shown from day 0);
// - Hodgkin lymphoma relapsed after autologous HCT: a new CAR-T episode in work-up with an in-house (trial) CD30
//   CAR-T in manufacturing.
import { cartLabelRange, dateOfDay } from '@engraft/clinical';
import { DEFAULT_TEST_FIN, type ManufacturingStatus } from '@engraft/domain';
import type { Database } from '../db/database';
import * as infusions from '../services/infusions';
import * as lab from '../services/productLab';
import * as manufacturing from '../services/manufacturing';
import * as patients from '../services/patients';
import * as fixtures from '../repo/demoFixtures';

const PRODUCT_BY_DISEASE: Record<string, string> = {
  NHL: 'axicabtagene-ciloleucel',
  MM: 'ciltacabtagene-autoleucel',
  ALL: 'brexucabtagene-autoleucel-all',
  CLL: 'lisocabtagene-maraleucel-cll',
};
const MANUFACTURER: Record<string, string> = {
  'axicabtagene-ciloleucel': 'Kite (Gilead)',
  'ciltacabtagene-autoleucel': 'Janssen',
  'brexucabtagene-autoleucel-all': 'Kite (Gilead)',
  'lisocabtagene-maraleucel-cll': 'Bristol Myers Squibb',
};

const at = (date: string, time: string): string => `${date}T${time}:00.000Z`;

export interface Target {
  episodeId: string;
  disease: string;
  weightKg: number | null;
  /** Leukapheresis day. */
  collectedOn: string;
  stopAt: 'in-manufacturing' | 'received';
  /** An in-house / trial product instead of the commercial one for the disease. */
  inHouse?: { productName: string; manufacturer: string };
  /** Fixed DIN and product code of the received bag (the demo journeys' bedside bag); default: a test-FIN DIN. */
  receipt?: { din: string; productCode: string };
}

const IN_HOUSE = { productName: 'CD30 CAR-T (SYN-TRIAL-02)', manufacturer: 'Centre GMP unit (synthetic)' };

/** One order through the services: slot, leukapheresis, custody out and back, receipt with a dose in the label range. */
export async function seedOrder(
  db: Database,
  actor: patients.CentreActor,
  t: Target,
  today: string,
  n: number
): Promise<{ orderId: string; productId: string | null }> {
  const productName = t.inHouse?.productName ?? PRODUCT_BY_DISEASE[t.disease] ?? 'axicabtagene-ciloleucel';
  const maker = t.inHouse?.manufacturer ?? MANUFACTURER[productName] ?? 'Manufacturer';
  const day = (k: number): string => dateOfDay(t.collectedOn, k);
  const ctx = { now: at(day(0), '08:00'), today };
  const order = await manufacturing.createOrder(
    db,
    actor,
    t.episodeId,
    {
      productName,
      cellType: 'T',
      cellOrigin: 'autologous',
      manufacturer: maker,
      slotOn: day(0),
      targetDose: t.inHouse ? '1 ×10⁸ CAR+ T cells (protocol dose)' : 'label dose for weight',
      orderedAt: at(day(-10), '10:00'),
    },
    { fin: DEFAULT_TEST_FIN, ...ctx }
  );
  const step = (status: ManufacturingStatus, when: string) =>
    manufacturing.changeStatus(db, actor, order.id, { status, at: when }, ctx);
  const hand = (leg: 'outbound' | 'return', fromParty: string, toParty: string, when: string, temperatureC: number) =>
    manufacturing.addCustodyEvent(
      db,
      actor,
      order.id,
      { leg, fromParty, toParty, handedAt: when, temperatureC },
      today
    );
  await step('slot-confirmed', at(day(-9), '11:00'));
  await step('collected', at(day(0), '13:00'));
  await hand('outbound', 'Apheresis unit', 'Cell therapy laboratory', at(day(0), '13:30'), 4);
  await hand('outbound', 'Cell therapy laboratory', 'Courier (synthetic)', at(day(1), '07:30'), 4);
  await step('shipped-to-manufacturer', at(day(1), '07:30'));
  await hand('outbound', 'Courier (synthetic)', maker, at(day(1), '18:00'), 5);
  await step('in-manufacturing', at(day(2), '09:00'));
  if (t.stopAt !== 'received') return { orderId: order.id, productId: null };
  await step('shipped-to-centre', at(day(19), '09:00'));
  await hand('return', maker, 'Courier (synthetic)', at(day(19), '09:00'), -160);
  await hand('return', 'Courier (synthetic)', 'Cell therapy laboratory', at(day(20), '15:00'), -165);
  const label = cartLabelRange(productName, t.weightKg ?? 70);
  const dose = Math.round((label.minCells + label.maxCells) / 2 / 1e6) * 1e6;
  const received = await manufacturing.receiveProduct(
    db,
    actor,
    order.id,
    {
      coi: order.coi,
      din: t.receipt?.din ?? `${DEFAULT_TEST_FIN}${day(20).slice(2, 4)}9${String(n).padStart(5, '0')}`,
      productCode: t.receipt?.productCode ?? 'S1295',
      division: '00',
      kind: 'car-t',
      carTCells: dose,
      volumeMl: 68,
      bags: 1,
      cryopreserved: true,
      expiresAt: at(dateOfDay(day(20), 300), '23:59'),
      receivedAt: at(day(20), '15:30'),
    },
    ctx
  );
  return { orderId: order.id, productId: received.receivedProduct?.id ?? null };
}

export async function seedManufacturing(db: Database, actor: patients.CentreActor, today: string): Promise<void> {
  const cart = await fixtures.cartEpisodesSince(db, actor.centreId, dateOfDay(today, -200));
  const targets: Target[] = cart.map((e) => {
    const dayZero = e.actual_day_zero ?? e.planned_day_zero;
    return {
      episodeId: e.id,
      disease: e.disease,
      weightKg: e.weight_kg == null ? null : Number(e.weight_kg),
      collectedOn: dateOfDay(dayZero, -26),
      stopAt: 'received',
    };
  });

  // A relapse after an autologous HCT years ago: a CAR-T episode in work-up, the product being manufactured.
  const relapse = await fixtures.latestAutologousHlBefore(db, actor.centreId, dateOfDay(today, -180));
  if (relapse) {
    const episode = await patients.createEpisode(
      db,
      actor,
      relapse.patient_id,
      {
        type: 'car-t',
        diagnosisId: relapse.diagnosis_id,
        plannedDayZero: dateOfDay(today, 16),
        protocol: 'SYN-TRIAL-02 CD30 CAR-T after relapse (synthetic demo)',
      },
      dateOfDay(today, -30)
    );
    await patients.changeEpisodePhase(db, actor, episode.id, { phase: 'work-up', date: dateOfDay(today, -28) }, today);
    targets.push({
      episodeId: episode.id,
      disease: relapse.disease,
      inHouse: IN_HOUSE,
      weightKg: relapse.weight_kg == null ? null : Number(relapse.weight_kg),
      collectedOn: dateOfDay(today, -6),
      stopAt: 'in-manufacturing',
    });
  }
  for (const [i, t] of targets.entries()) {
    const { productId } = await seedOrder(db, actor, t, today, 1001 + i);
    const e = cart[i];
    if (productId && e?.actual_day_zero && e.actual_day_zero <= today) {
      await infuse(db, actor.centreId, { episodeId: e.id, mrn: e.mrn, productId, dayZero: e.actual_day_zero }, today);
    }
  }
}

/** An infused episode's product: released by `lab` and `lab2`, thawed, checked at the bedside by `nurse` and `physician`, infused on day 0. */
async function infuse(
  db: Database,
  centreId: string,
  x: { episodeId: string; mrn: string; productId: string; dayZero: string },
  today: string
): Promise<void> {
  const users = await fixtures.demoUserIds(db, ['lab', 'lab2', 'nurse', 'physician']);
  const as = (username: string): patients.CentreActor => ({
    userId: users.find((u) => u.username === username)?.id ?? null,
    username,
    centreId,
  });
  const clock = (time: string) => ({ today: x.dayZero, now: at(x.dayZero, time) });
  await lab.recordQc(db, as('lab'), x.productId, { test: 'sterility', outcome: 'negative' }, clock('07:00'));
  await lab.recordQc(db, as('lab'), x.productId, { test: 'viability', value: 90 }, clock('07:00'));
  await lab.requestRelease(db, as('lab'), x.productId, 'certificate of analysis reviewed', clock('07:10'));
  await lab.confirmRelease(db, as('lab2'), x.productId, undefined, clock('07:20'));
  await lab.thaw(db, as('lab'), x.productId, { thawedAt: at(x.dayZero, '09:30'), counts: {} }, clock('09:30'));
  const p = await fixtures.productIdentity(db, x.productId);
  const check = await infusions.performBedsideCheck(
    db,
    as('nurse'),
    x.episodeId,
    {
      mrn: x.mrn,
      din: p!.din,
      productCode: p!.product_code,
      division: p!.division,
      ...(p!.coi ? { coi: p!.coi } : {}),
    },
    today
  );
  if (check.result !== 'pass') {
    throw new Error(`demo bedside check refused: ${check.stops.map((s) => s.code).join(', ')}`);
  }
  await infusions.confirmBedsideCheck(
    db,
    { lockout: { threshold: 5, durationMs: 0 } },
    as('physician'),
    check.id,
    {},
    today
  );
  // 10:00 on day 0, or just now when day 0 is today and it is not 10:00 yet (an infusion cannot start in the future).
  const now = new Date(Date.now() - 60_000).toISOString();
  const startedAt = [at(x.dayZero, '10:00'), [now, at(x.dayZero, '00:00')].sort()[1]!].sort()[0]!;
  const inf = await infusions.startInfusion(db, as('nurse'), check.id, { startedAt }, today);
  await infusions.completeInfusion(db, as('nurse'), inf.id, {
    endedAt: new Date(Date.parse(startedAt) + 20 * 60_000).toISOString(),
    volumeMl: 68,
    reactions: ['none'],
  });
}
