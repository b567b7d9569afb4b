// The three care journeys of the demo (issue 7), each on its own plainly synthetic patient, built through the
// same services as real data (donor, collection, lab, manufacturing, conditioning), so every row passes the same
// rules: release by two different lab users (`lab`, `lab2`), plans verified by a second physician (`physician2`).
// All three have day 0 today, so a new user finds them at the bedside:
// - ROWAN, Bedside demo (SYN-INF-01): autologous HCT for myeloma; G-CSF apheresis over 2 days to the tandem
//   target, both bags cryopreserved and stored, QC, bag 1 released and thawed, Mel200 verified → bedside check;
// - ALDER, CAR-T demo (SYN-INF-02): leukapheresis shipped to the manufacturer, order with Chain of Identity and
//   custody, product received and stored, Flu/Cy lymphodepletion verified, released and thawed → bedside check;
// - WILLOW, Allograft demo (SYN-INF-03): AML, unrelated registry donor recorded (no registry connection in the
//   demo), work-up to collected, fresh apheresis bag received and released, Flu/Bu4 verified → ready to infuse.
// DINs use FIN W0000, which is not a real facility; the bedside e2e test scans these bags.
import { dateOfDay } from '@engraft/clinical';
import type { ABO_RH, DiseaseStatus } from '@engraft/domain';
import type { Database } from '../db/database';
import * as collections from '../services/collections';
import * as plans from '../services/conditioningPlans';
import * as donors from '../services/donors';
import * as lab from '../services/productLab';
import type { CentreActor } from '../services/patients';
import * as patients from '../services/patients';
import { seedOrder } from './syntheticManufacturing';
import * as fixtures from '../repo/demoFixtures';

/** Fixed identifiers so a demo user (and the browser tests) can find the patients and scan the bags. */
export const DEMO_JOURNEYS = {
  auto: {
    mrn: 'SYN-INF-01',
    name: 'ROWAN, Bedside demo',
    din: (yy: string) => `W0000${yy}900001`,
    productCode: 'S1398',
    division: '00',
  },
  cart: {
    mrn: 'SYN-INF-02',
    name: 'ALDER, CAR-T demo',
    din: (yy: string) => `W0000${yy}900002`,
    productCode: 'S2200',
    division: '00',
  },
  allo: {
    mrn: 'SYN-INF-03',
    name: 'WILLOW, Allograft demo',
    din: (yy: string) => `W0000${yy}900003`,
    productCode: 'S1275',
    division: '00',
  },
} as const;

/** The journeys for the start banner and the README: who to open, and where they stand. */
export const DEMO_JOURNEY_SUMMARY: readonly { mrn: string; name: string; stage: string }[] = [
  {
    mrn: DEMO_JOURNEYS.auto.mrn,
    name: DEMO_JOURNEYS.auto.name,
    stage: 'autologous HCT (myeloma): thawed bag ready for the bedside check',
  },
  {
    mrn: DEMO_JOURNEYS.cart.mrn,
    name: DEMO_JOURNEYS.cart.name,
    stage: 'CAR-T: product received, released and thawed, ready for the bedside check',
  },
  {
    mrn: DEMO_JOURNEYS.allo.mrn,
    name: DEMO_JOURNEYS.allo.name,
    stage: 'allogeneic HCT, unrelated donor: fresh bag released, ready for infusion',
  },
];

const STORE = { freezer: 'LN2 tank 1', rack: '5', box: 'J' };

async function userActor(db: Database, centreId: string, username: string): Promise<CentreActor> {
  const rows = await fixtures.demoUserIds(db, [username]);
  if (!rows[0]) throw new Error(`demo account ${username} is missing`);
  return { userId: rows[0].id, username, centreId };
}

export async function seedJourneys(db: Database, system: CentreActor, today: string): Promise<void> {
  const c = system.centreId;
  const coordinator = await userActor(db, c, 'coordinator');
  const lab1 = await userActor(db, c, 'lab');
  const lab2 = await userActor(db, c, 'lab2');
  const physician = await userActor(db, c, 'physician');
  const physician2 = await userActor(db, c, 'physician2');
  const yy = today.slice(2, 4);
  // The lab's clock on the day of each step, so the timeline shows it on that day.
  const clockOn = (date: string, time = '09:00') => ({ today: date, now: `${date}T${time}:00.000Z` });

  /** A patient in conditioning with day 0 planned today. */
  async function patientInConditioning(p: {
    mrn: string;
    familyName: string;
    givenName: string;
    sex: 'male' | 'female';
    dateOfBirth: string;
    aboRh: (typeof ABO_RH)[number];
    weightKg: number;
    heightCm: number;
    type: 'autologous-hct' | 'allogeneic-hct' | 'car-t';
    disease: 'MM' | 'NHL' | 'AML';
    status: DiseaseStatus;
    protocol?: string;
  }) {
    const patient = await patients.createPatient(
      db,
      system,
      {
        mrn: p.mrn,
        familyName: p.familyName,
        givenName: p.givenName,
        dateOfBirth: p.dateOfBirth,
        sex: p.sex,
        aboRh: p.aboRh,
        weightKg: p.weightKg,
        heightCm: p.heightCm,
      },
      { synthetic: true }
    );
    const dx = await patients.addDiagnosis(db, system, patient.id, {
      disease: p.disease,
      diagnosisDate: dateOfDay(today, -240),
      status: p.status,
    });
    const episode = await patients.createEpisode(
      db,
      system,
      patient.id,
      { type: p.type, diagnosisId: dx.id, plannedDayZero: today, protocol: p.protocol ?? null },
      dateOfDay(today, -75)
    );
    await patients.changeEpisodePhase(db, system, episode.id, { phase: 'work-up', date: dateOfDay(today, -70) }, today);
    await patients.changeEpisodePhase(
      db,
      system,
      episode.id,
      { phase: 'conditioning', date: dateOfDay(today, -7) },
      today
    );
    return { patient, episode };
  }

  /** Prescribed by `physician` two weeks before day 0, verified the next day by `physician2`. */
  async function verifiedPlan(episodeId: string, templateId: string): Promise<void> {
    const plan = await plans.createPlan(db, physician, episodeId, { templateId, options: {} }, dateOfDay(today, -14));
    await plans.verifyPlan(db, physician2, plan.id, dateOfDay(today, -13));
  }

  /** QC, first release signature by `lab`, second by `lab2` (a fresh product is released with its culture pending). */
  async function qcAndRelease(
    productId: string,
    on: string,
    viabilityPct: number,
    sterility: 'negative' | 'pending'
  ): Promise<void> {
    await lab.recordQc(db, lab1, productId, { test: 'viability', value: viabilityPct }, clockOn(on, '10:00'));
    await lab.recordQc(db, lab1, productId, { test: 'sterility', outcome: sterility }, clockOn(on, '10:05'));
    await lab.requestRelease(db, lab1, productId, 'record reviewed', clockOn(on, '11:00'));
    await lab.confirmRelease(db, lab2, productId, undefined, clockOn(on, '11:30'));
  }

  // 1. Autologous HCT for myeloma, collected for two transplants (tandem target 8 ×10⁶ CD34+/kg).
  const auto = await patientInConditioning({
    mrn: DEMO_JOURNEYS.auto.mrn,
    familyName: 'Rowan',
    givenName: 'Bedside demo',
    sex: 'female',
    dateOfBirth: '1968-04-12',
    aboRh: 'O+',
    weightKg: 72,
    heightCm: 168,
    type: 'autologous-hct',
    disease: 'MM',
    status: 'PR',
  });
  {
    const d1 = dateOfDay(today, -40);
    const d2 = dateOfDay(d1, 1);
    const col = await collections.createCollection(
      db,
      coordinator,
      auto.episode.id,
      { method: 'apheresis', mobilisation: 'G-CSF', plannedOn: d1, recipientWeightKg: 72, tandem: true },
      dateOfDay(d1, -7)
    );
    const bag = (din: string, volumeMl: number) => ({
      din,
      productCode: DEMO_JOURNEYS.auto.productCode,
      division: '00',
      kind: 'hpc-apheresis' as const,
      volumeMl,
    });
    await collections.addCollectionDay(
      db,
      coordinator,
      col.id,
      {
        collectedOn: d1,
        processedVolumeL: 18.5,
        cd34Cells: 3.6e8,
        tncCells: 4.1e10,
        product: bag(DEMO_JOURNEYS.auto.din(yy), 95),
      },
      today
    );
    await collections.addCollectionDay(
      db,
      coordinator,
      col.id,
      {
        collectedOn: d2,
        processedVolumeL: 20,
        cd34Cells: 2.4e8,
        tncCells: 3.0e10,
        product: bag(`W0000${yy}900011`, 90),
      },
      today
    );
    const done = await collections.changeCollectionStatus(db, coordinator, col.id, { status: 'complete', on: d2 });
    for (const [i, day] of done.days.entries()) {
      if (!day.productId) continue;
      await lab.processStep(
        db,
        lab1,
        day.productId,
        { step: 'cryopreservation', counts: { viabilityPct: 96 }, storage: { ...STORE, position: String(i + 1) } },
        clockOn(day.collectedOn, '16:00')
      );
      await lab.recordQc(
        db,
        lab1,
        day.productId,
        { test: 'sterility', outcome: 'negative' },
        clockOn(dateOfDay(day.collectedOn, 7))
      );
    }
    // Bag 1 (5.0 ×10⁶ CD34+/kg) for this transplant; bag 2 stays in the tank for a second one.
    const first = done.days[0]!.productId!;
    await lab.requestRelease(db, lab1, first, 'record reviewed', clockOn(dateOfDay(today, -3), '10:00'));
    await lab.confirmRelease(db, lab2, first, undefined, clockOn(dateOfDay(today, -3), '10:30'));
    await verifiedPlan(auto.episode.id, 'mel200');
    await lab.thaw(
      db,
      lab1,
      first,
      { thawedAt: `${today}T07:30:00.000Z`, counts: { viabilityPct: 91 } },
      clockOn(today, '07:30')
    );
  }

  // 2. CAR-T for relapsed large B-cell lymphoma: leukapheresis, order, receipt, lymphodepletion, release, thaw.
  const cart = await patientInConditioning({
    mrn: DEMO_JOURNEYS.cart.mrn,
    familyName: 'Alder',
    givenName: 'CAR-T demo',
    sex: 'female',
    dateOfBirth: '1971-09-03',
    aboRh: 'A-',
    weightKg: 68,
    heightCm: 165,
    type: 'car-t',
    disease: 'NHL',
    status: 'relapse',
  });
  {
    const leuka = dateOfDay(today, -26);
    const col = await collections.createCollection(
      db,
      coordinator,
      cart.episode.id,
      { method: 'leukapheresis', plannedOn: leuka, tandem: false },
      dateOfDay(leuka, -10)
    );
    const done = await collections.addCollectionDay(
      db,
      coordinator,
      col.id,
      {
        collectedOn: leuka,
        processedVolumeL: 12,
        tncCells: 9.5e9,
        product: {
          din: `W0000${yy}900012`,
          productCode: 'S1471',
          division: '00',
          kind: 'mnc-apheresis',
          volumeMl: 180,
        },
      },
      today
    );
    await collections.changeCollectionStatus(db, coordinator, col.id, { status: 'complete', on: leuka });
    const starting = done.days[0]?.productId;
    if (starting) {
      await lab.ship(
        db,
        lab1,
        starting,
        {
          destination: 'Kite (Gilead) — manufacturing site',
          courier: 'Courier (synthetic)',
          note: 'starting material for CAR-T manufacturing',
        },
        clockOn(dateOfDay(leuka, 1), '07:30')
      );
    }
    const { productId } = await seedOrder(
      db,
      coordinator,
      {
        episodeId: cart.episode.id,
        disease: 'NHL',
        weightKg: 68,
        collectedOn: leuka,
        stopAt: 'received',
        receipt: { din: DEMO_JOURNEYS.cart.din(yy), productCode: DEMO_JOURNEYS.cart.productCode },
      },
      today,
      2001
    );
    await verifiedPlan(cart.episode.id, 'cart-flu30-cy500');
    if (productId) {
      await qcAndRelease(productId, dateOfDay(today, -2), 88, 'negative');
      await lab.thaw(
        db,
        lab1,
        productId,
        { thawedAt: `${today}T07:45:00.000Z`, counts: { viabilityPct: 86 } },
        clockOn(today, '07:45')
      );
    }
  }

  // 3. Allogeneic HCT for AML from an unrelated registry donor (recorded by hand: the demo has no registry link).
  const allo = await patientInConditioning({
    mrn: DEMO_JOURNEYS.allo.mrn,
    familyName: 'Willow',
    givenName: 'Allograft demo',
    sex: 'male',
    dateOfBirth: '1975-06-21',
    aboRh: 'A+',
    weightKg: 80,
    heightCm: 180,
    type: 'allogeneic-hct',
    disease: 'AML',
    status: 'CR1',
  });
  {
    const donor = await donors.chooseDonor(
      db,
      coordinator,
      allo.episode.id,
      {
        kind: 'unrelated',
        registryDonorId: '9981-4402-7',
        hlaTyping:
          'HLA-A*01:01+HLA-A*03:01^HLA-B*08:01+HLA-B*35:01^HLA-C*07:01+HLA-C*04:01^HLA-DRB1*03:01+HLA-DRB1*01:01^HLA-DQB1*02:01+HLA-DQB1*05:01',
        sex: 'male',
        birthYear: 1996,
        aboRh: 'O+',
        cmv: 'negative',
        weightKg: 78,
      },
      dateOfDay(today, -70)
    );
    for (const [status, day] of [
      ['confirmatory-typing', -62],
      ['workup', -40],
      ['medically-cleared', -30],
      ['collection-scheduled', -28],
      ['collected', -1],
    ] as const) {
      await donors.changeDonorStatus(db, coordinator, donor.id, { status, on: dateOfDay(today, day) });
    }
    const on = dateOfDay(today, -1);
    const col = await collections.createCollection(
      db,
      coordinator,
      allo.episode.id,
      {
        method: 'apheresis',
        donorId: donor.id,
        mobilisation: 'G-CSF',
        plannedOn: on,
        recipientWeightKg: 80,
        tandem: false,
      },
      dateOfDay(today, -28)
    );
    const done = await collections.addCollectionDay(
      db,
      coordinator,
      col.id,
      {
        collectedOn: on,
        processedVolumeL: 16,
        cd34Cells: 4.4e8,
        tncCells: 6.2e10,
        product: {
          din: DEMO_JOURNEYS.allo.din(yy),
          productCode: DEMO_JOURNEYS.allo.productCode,
          division: '00',
          kind: 'hpc-apheresis',
          volumeMl: 310,
        },
      },
      today
    );
    await collections.changeCollectionStatus(db, coordinator, col.id, { status: 'complete', on });
    await verifiedPlan(allo.episode.id, 'flu-bu4');
    const bag = done.days[0]?.productId;
    if (bag) {
      // Collected at the donor centre yesterday, couriered fresh, received this morning, released by two lab users.
      await lab.ship(
        db,
        lab1,
        bag,
        { destination: 'Engraft Demo Centre cell therapy laboratory', courier: 'Registry courier (synthetic)' },
        clockOn(on, '18:00')
      );
      await lab.receive(
        db,
        lab1,
        bag,
        { condition: 'fresh', from: 'Donor collection centre (synthetic)', note: 'arrived at 4 °C, seal intact' },
        clockOn(today, '06:30')
      );
      await qcAndRelease(bag, today, 98, 'pending');
    }
  }
}
