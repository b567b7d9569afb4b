// The 10,000 synthetic patients of the API benchmarks (bench/platform-api.ts, bench/_explainApi.ts).
import { seedDemo, todayUtc, type Database } from '@engraft/server';

export const PATIENTS = 10_000;

/** The search terms the load types: name prefixes of 2–3 letters, one MRN prefix, two given-name prefixes. */
export const SEARCH_PREFIXES = [
  'al',
  'bir',
  'ced',
  'elm',
  'haz',
  'jun',
  'lar',
  'map',
  'oak',
  'row',
  'spr',
  'wil',
  'bench-0001',
  'ada',
  'bru',
];

/** Bulk synthetic patients, each with a diagnosis, an episode and 4 timeline events, in the demo centre. */
export async function seedPatients(db: Database): Promise<void> {
  await seedDemo(db, todayUtc(), { patients: 0 });
  await db.exec(`
    insert into patients (centre_id, mrn, family_name, given_name, date_of_birth, sex, abo_rh, weight_kg, height_cm, is_synthetic)
    select c.id, 'BENCH-' || lpad(g::text, 6, '0'),
           (array['Alder','Birch','Cedar','Elm','Hazel','Juniper','Larch','Maple','Oak','Rowan','Spruce','Willow'])[1 + g % 12] || chr(65 + g % 26) || chr(65 + (g / 26) % 26),
           (array['Ada','Bruno','Clara','Dario','Edith','Felix'])[1 + g % 6],
           date '1950-01-01' + (g * 7 % 25000), (array['female','male'])[1 + g % 2], 'O+', 70, 170, true
    from generate_series(1, ${PATIENTS}) g, centres c;
    insert into diagnoses (patient_id, centre_id, disease, diagnosis_date, status)
    select id, centre_id, 'AML', date '2025-01-01', 'CR1' from patients;
    insert into episodes (patient_id, centre_id, diagnosis_id, type, planned_day_zero, phase)
    select d.patient_id, d.centre_id, d.id, 'allogeneic-hct', date '2025-06-01', 'early-follow-up' from diagnoses d;
    insert into episode_events (episode_id, centre_id, date, kind, label)
    select e.id, e.centre_id, e.planned_day_zero - k, 'phase', 'Phase change ' || k from episodes e, generate_series(0, 3) k;
    analyze;
  `);
}
