// Demo data for the bedside infusion check (issue 7; ADR 0540): two plainly synthetic patients in conditioning
// whose products wait at the bedside — an autologous HCT patient with a released, thawed HPC-A bag, and a CAR-T
// patient with a released (still frozen) bag bound to its manufacturing order by a Chain of Identity. Scanning
// one patient's bag at the other's bedside shows the "intended for another patient" stop.
//
// The lab's release-by-two-people, the thaw and manufacturing orders are built by other work (issue 7); until
// their services are merged, the two release signatures and the order are written here directly (marked below).
import { dateOfDay } from '@engraft/clinical';
import type { Database } from '../db/database';
import { insertProduct, moveProductStatus } from '../repo/products';
import type { CentreActor } from '../services/patients';
import * as patients from '../services/patients';

/** Fixed identifiers so a demo user (and the browser test) can find the bags: FIN W0000 is not a real facility. */
export const DEMO_INFUSION = {
  auto: { mrn: 'SYN-INF-01', din: (yy: string) => `W0000${yy}900001`, productCode: 'S1398', division: '00' },
  cart: { mrn: 'SYN-INF-02', din: (yy: string) => `W0000${yy}900002`, productCode: 'S2200', division: '00', coi: (yy: string) => `CHW0000${yy}DEMO01` },
} as const;

export async function seedInfusionDemo(db: Database, system: CentreActor, today: string): Promise<void> {
  const yy = today.slice(2, 4);
  const users = await db.query<{ id: string; username: string }>(`select id, username from users where username in ('lab', 'admin')`);
  const lab = users.find((u) => u.username === 'lab')?.id ?? null;
  const admin = users.find((u) => u.username === 'admin')?.id ?? null;

  async function patientInConditioning(p: { mrn: string; familyName: string; givenName: string; aboRh: 'O+' | 'A-'; weightKg: number; type: 'autologous-hct' | 'car-t'; disease: 'MM' | 'NHL' }) {
    const patient = await patients.createPatient(db, system, { mrn: p.mrn, familyName: p.familyName, givenName: p.givenName, dateOfBirth: '1968-04-12', sex: 'female', aboRh: p.aboRh, weightKg: p.weightKg, heightCm: 168 }, { synthetic: true });
    const dx = await patients.addDiagnosis(db, system, patient.id, { disease: p.disease, diagnosisDate: dateOfDay(today, -240), status: p.disease === 'MM' ? 'PR' : 'relapse' });
    const episode = await patients.createEpisode(db, system, patient.id, { type: p.type, diagnosisId: dx.id, plannedDayZero: today }, dateOfDay(today, -60));
    await patients.changeEpisodePhase(db, system, episode.id, { phase: 'work-up', date: dateOfDay(today, -30) });
    await patients.changeEpisodePhase(db, system, episode.id, { phase: 'conditioning', date: dateOfDay(today, -5) });
    return { patient, episode };
  }

  /** Stand-in for the lab's two-person release (other work of issue 7). */
  const signRelease = (productId: string) =>
    db.query(`update products set sterility = 'negative', release_requested_by = $2, released_by = $3, released_at = now() where id = $1`, [productId, lab, admin]);

  const auto = await patientInConditioning({ mrn: DEMO_INFUSION.auto.mrn, familyName: 'Rowan', givenName: 'Bedside demo', aboRh: 'O+', weightKg: 72, type: 'autologous-hct', disease: 'MM' });
  const hpc = await insertProduct(
    db,
    system.centreId,
    { patientId: auto.patient.id, episodeId: auto.episode.id },
    {
      din: DEMO_INFUSION.auto.din(yy),
      productCode: DEMO_INFUSION.auto.productCode,
      division: DEMO_INFUSION.auto.division,
      kind: 'hpc-apheresis',
      description: 'HPC, Apheresis',
      collectedOn: dateOfDay(today, -40),
      volumeMl: 95,
      tncCells: 4.1e10,
      cd34Cells: 3.6e8,
      viabilityPct: 92,
      aboRh: 'O+',
      cryopreserved: true,
    },
    lab
  );
  for (const s of ['stored', 'released', 'thawed'] as const) await moveProductStatus(db, hpc.id, s, { kind: s, performedBy: lab });
  await signRelease(hpc.id);

  const cart = await patientInConditioning({ mrn: DEMO_INFUSION.cart.mrn, familyName: 'Alder', givenName: 'CAR-T demo', aboRh: 'A-', weightKg: 68, type: 'car-t', disease: 'NHL' });
  const coi = DEMO_INFUSION.cart.coi(yy);
  // Stand-in for the manufacturing order service (other work of issue 7).
  const [order] = await db.query<{ id: string }>(
    `insert into manufacturing_orders (centre_id, episode_id, product_name, cell_type, cell_origin, manufacturer, coi, status, created_by)
     values ($1,$2,'axicabtagene-ciloleucel','T','autologous','Synthetic manufacturer',$3,'received',$4) returning id`,
    [system.centreId, cart.episode.id, coi, lab]
  );
  const car = await insertProduct(
    db,
    system.centreId,
    { patientId: cart.patient.id, episodeId: cart.episode.id, manufacturingOrderId: order!.id },
    {
      din: DEMO_INFUSION.cart.din(yy),
      productCode: DEMO_INFUSION.cart.productCode,
      division: DEMO_INFUSION.cart.division,
      kind: 'car-t',
      description: 'CAR-T cells (axicabtagene ciloleucel)',
      volumeMl: 68,
      carTCells: 1.36e8,
      viabilityPct: 88,
      cryopreserved: true,
      coi,
      expiresAt: `${dateOfDay(today, 180)}T23:59:00Z`,
    },
    lab
  );
  for (const s of ['stored', 'released'] as const) await moveProductStatus(db, car.id, s, { kind: s, performedBy: lab });
  await signRelease(car.id);
}
