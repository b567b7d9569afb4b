import { dateOfDay } from '@engraft/clinical';
import { mod37CheckOf } from '@engraft/domain';
import type { Database } from '../db/database';
import * as collections from '../services/collections';
import * as donors from '../services/donors';
import type { CentreActor } from '../services/patients';

// Demo donors and collections (issue 7): an autologous myeloma patient with two apheresis days and bags, an
// allogeneic patient with a sibling donor medically cleared, an allogeneic patient with an unrelated registry
// donor collected by apheresis with a bag, and a CAR-T patient with a leukapheresis. All plainly synthetic:
// DINs use the demo FIN W9999 (keyboard check character printed beside them), registry ids are made up.

const FIN = 'W9999';
let seq = 0;
/** A valid DIN with its keyboard check character (ISBT 128 ST-001 §2.4.1; clinical-standards.md §8.1). */
const nextDin = (year: string): string => {
  seq += 1;
  const din = `${FIN}${year}${String(900000 + seq).padStart(6, '0')}`;
  return `${din}${mod37CheckOf(din)}`;
};

interface EpisodeRef { id: string; type: string; disease: string; planned: string; phase: string; weight: number | null }

export async function seedCells(db: Database, actor: CentreActor): Promise<void> {
  seq = 0;
  const rows = await db.query<{ id: string; type: string; disease: string; planned_day_zero: string; phase: string; weight_kg: string | number | null }>(
    `select e.id, e.type, d.disease, e.planned_day_zero, e.phase, p.weight_kg from episodes e join diagnoses d on d.id = e.diagnosis_id join patients p on p.id = e.patient_id
     where e.centre_id = $1 and e.phase not in ('referral', 'closed') order by p.mrn, e.created_at`,
    [actor.centreId]
  );
  const eps: EpisodeRef[] = rows.map((r) => ({ id: r.id, type: r.type, disease: r.disease, planned: String(r.planned_day_zero).slice(0, 10), phase: r.phase, weight: r.weight_kg == null ? null : Number(r.weight_kg) }));
  const used = new Set<string>();
  const pick = (f: (e: EpisodeRef) => boolean): EpisodeRef | undefined => {
    const e = eps.find((x) => !used.has(x.id) && f(x));
    if (e) used.add(e.id);
    return e;
  };
  const yy = (date: string) => date.slice(2, 4);

  // Autologous myeloma: G-CSF apheresis over two days reaching the target, one bag per day.
  const auto = pick((e) => e.type === 'autologous-hct' && e.disease === 'MM') ?? pick((e) => e.type === 'autologous-hct');
  if (auto) {
    const w = auto.weight ?? 75;
    const d1 = dateOfDay(auto.planned, -28);
    const c = await collections.createCollection(db, actor, auto.id, { method: 'apheresis', mobilisation: 'G-CSF', plannedOn: d1, recipientWeightKg: w, tandem: false }, d1);
    await collections.addCollectionDay(db, actor, c.id, { collectedOn: d1, processedVolumeL: 18.5, cd34Cells: Math.round(2.6e6 * w), tncCells: 3.1e10, product: { din: nextDin(yy(d1)), productCode: 'S1295', division: '00', kind: 'hpc-apheresis', volumeMl: 240 } });
    const d2 = dateOfDay(d1, 1);
    await collections.addCollectionDay(db, actor, c.id, { collectedOn: d2, processedVolumeL: 20, cd34Cells: Math.round(1.9e6 * w), tncCells: 2.7e10, product: { din: nextDin(yy(d2)), productCode: 'S1295', division: '00', kind: 'hpc-apheresis', volumeMl: 230 } });
    await collections.changeCollectionStatus(db, actor, c.id, { status: 'complete', on: d2 });
  }

  // Allogeneic with an HLA-identical sibling, medically cleared.
  const sib = pick((e) => e.type === 'allogeneic-hct');
  if (sib) {
    const on = dateOfDay(sib.planned, -50);
    const d = await donors.chooseDonor(db, actor, sib.id, { kind: 'related', relationship: 'sibling', match: 'hla-identical', displayName: 'Sibling (brother)', hlaTyping: 'HLA-A*02:01+HLA-A*24:02^HLA-B*07:02+HLA-B*44:02^HLA-DRB1*15:01+HLA-DRB1*04:01', sex: 'male', birthYear: 1979, aboRh: 'A+', cmv: 'negative', weightKg: 82 }, on);
    for (const [status, day] of [['confirmatory-typing', -45], ['workup', -35], ['medically-cleared', -25]] as const) {
      await donors.changeDonorStatus(db, actor, d.id, { status, on: dateOfDay(sib.planned, day) });
    }
  }

  // Allogeneic with an unrelated registry donor, collected by G-CSF apheresis into one bag.
  const mud = pick((e) => e.type === 'allogeneic-hct' && e.phase !== 'work-up');
  if (mud) {
    const on = dateOfDay(mud.planned, -70);
    const d = await donors.chooseDonor(db, actor, mud.id, { kind: 'unrelated', registryDonorId: '9981-4402-7', hlaTyping: 'HLA-A*01:01+HLA-A*03:01^HLA-B*08:01+HLA-B*35:01^HLA-C*07:01+HLA-C*04:01^HLA-DRB1*03:01+HLA-DRB1*01:01^HLA-DQB1*02:01+HLA-DQB1*05:01', sex: 'male', birthYear: 1996, aboRh: 'O+', cmv: 'negative', weightKg: 78 }, on);
    for (const [status, day] of [['confirmatory-typing', -62], ['workup', -40], ['medically-cleared', -30], ['collection-scheduled', -28], ['collected', -1]] as const) {
      await donors.changeDonorStatus(db, actor, d.id, { status, on: dateOfDay(mud.planned, day) });
    }
    const cOn = dateOfDay(mud.planned, -1);
    const w = mud.weight ?? 70;
    const c = await collections.createCollection(db, actor, mud.id, { method: 'apheresis', donorId: d.id, mobilisation: 'G-CSF', plannedOn: cOn, recipientWeightKg: w, tandem: false }, cOn);
    await collections.addCollectionDay(db, actor, c.id, { collectedOn: cOn, processedVolumeL: 16, cd34Cells: Math.round(5.1e6 * w), tncCells: 6.2e10, product: { din: nextDin(yy(cOn)), productCode: 'S1275', division: '00', kind: 'hpc-apheresis', volumeMl: 310 } });
    await collections.changeCollectionStatus(db, actor, c.id, { status: 'complete', on: cOn });
  }

  // CAR-T: leukapheresis of the patient as starting material.
  const cart = pick((e) => e.type === 'car-t');
  if (cart) {
    const on = dateOfDay(cart.planned, -35);
    const c = await collections.createCollection(db, actor, cart.id, { method: 'leukapheresis', plannedOn: on, tandem: false }, on);
    await collections.addCollectionDay(db, actor, c.id, { collectedOn: on, processedVolumeL: 12, tncCells: 9.5e9, product: { din: nextDin(yy(on)), productCode: 'S1471', division: '00', kind: 'mnc-apheresis', volumeMl: 180 } });
    await collections.changeCollectionStatus(db, actor, c.id, { status: 'complete', on });
  }
}
