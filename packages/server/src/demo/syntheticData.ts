import type { DiseaseCode, DiseaseStatus, EpisodePhase, EpisodeType, PatientCreate } from '@engraft/domain';

/** Small seeded PRNG (mulberry32) so the demo program is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Plainly synthetic names: trees and rivers for family names, so nobody mistakes a demo patient for a person.
const FAMILY = [
  'Alder',
  'Birch',
  'Cedar',
  'Elm',
  'Hazel',
  'Juniper',
  'Larch',
  'Maple',
  'Oak',
  'Rowan',
  'Spruce',
  'Willow',
  'Yew',
  'Aspen',
  'Linden',
  'Poplar',
  'Danube',
  'Indus',
  'Loire',
  'Tagus',
];
const GIVEN_F = ['Ada', 'Beatrix', 'Clara', 'Dora', 'Edith', 'Flora', 'Greta', 'Hilda', 'Iris', 'June'];
const GIVEN_M = ['Arlo', 'Bruno', 'Cyril', 'Dario', 'Emil', 'Felix', 'Gideon', 'Hugo', 'Ivo', 'Jonas'];

export interface DemoCase {
  patient: PatientCreate;
  disease: DiseaseCode;
  status: DiseaseStatus;
  episode: {
    type: EpisodeType;
    cellType?: 'T' | 'B' | 'NK';
    cellOrigin?: 'autologous' | 'allogeneic';
    protocol?: string;
  };
  /** Planned day 0 relative to today (negative: in the past). */
  dayZeroOffset: number;
  phase: EpisodePhase;
  ageYears: number;
}

/** Indication → usual episode types, so the demo program looks like a real one. */
const PLAN: { disease: DiseaseCode; status: DiseaseStatus; types: EpisodeType[]; ages: [number, number] }[] = [
  { disease: 'AML', status: 'CR1', types: ['allogeneic-hct'], ages: [25, 70] },
  { disease: 'ALL', status: 'CR2', types: ['allogeneic-hct', 'car-t'], ages: [4, 30] },
  { disease: 'CML', status: 'refractory', types: ['allogeneic-hct'], ages: [30, 60] },
  { disease: 'CLL', status: 'relapse', types: ['car-t', 'allogeneic-hct'], ages: [50, 75] },
  { disease: 'MDS', status: 'new-diagnosis', types: ['allogeneic-hct'], ages: [55, 72] },
  { disease: 'OTHER_LEUKEMIA', status: 'CR1', types: ['allogeneic-hct'], ages: [20, 60] },
  { disease: 'HL', status: 'PR', types: ['autologous-hct'], ages: [18, 45] },
  { disease: 'NHL', status: 'relapse', types: ['car-t', 'autologous-hct'], ages: [35, 75] },
  { disease: 'MM', status: 'PR', types: ['autologous-hct', 'car-t'], ages: [45, 72] },
  { disease: 'AA', status: 'not-applicable', types: ['allogeneic-hct'], ages: [8, 40] },
  { disease: 'OTHER_MARROW_FAILURE', status: 'not-applicable', types: ['allogeneic-hct'], ages: [3, 20] },
  { disease: 'HEMOGLOBINOPATHY', status: 'not-applicable', types: ['allogeneic-hct'], ages: [5, 25] },
  { disease: 'SCID', status: 'not-applicable', types: ['allogeneic-hct'], ages: [0, 1] },
  { disease: 'OTHER_IMMUNE', status: 'not-applicable', types: ['allogeneic-hct', 'other-cell-therapy'], ages: [1, 15] },
  { disease: 'HURLER', status: 'not-applicable', types: ['allogeneic-hct'], ages: [1, 2] },
  { disease: 'OTHER_METABOLIC', status: 'not-applicable', types: ['allogeneic-hct'], ages: [2, 12] },
];

/** Phase that fits a day 0 this far from today. */
export function phaseForOffset(offset: number): EpisodePhase {
  if (offset > 30) return 'referral';
  if (offset > 7) return 'work-up';
  if (offset > 0) return 'conditioning';
  if (offset === 0) return 'infusion';
  if (offset > -100) return 'early-follow-up';
  if (offset > -1500) return 'long-term-follow-up';
  return 'closed';
}

const OFFSETS = [
  60, 21, 5, 2, 0, -3, -9, -14, -28, -45, -80, -120, -200, -365, -400, -730, -1600, -540, -900, -1200, -250, -610,
  -1000,
];

/** A few dozen synthetic cases across every indication, episode type and phase. */
export function demoCases(count = 48, seed = 2026): DemoCase[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const cases: DemoCase[] = [];
  for (let i = 0; i < count; i++) {
    const plan = PLAN[i % PLAN.length]!;
    const type = plan.types[Math.floor(i / PLAN.length) % plan.types.length]!;
    const female = rnd() < 0.5;
    const ageYears = plan.ages[0] + Math.floor(rnd() * (plan.ages[1] - plan.ages[0] + 1));
    const child = ageYears < 16;
    const heightCm = child ? Math.round(60 + ageYears * 6 + rnd() * 10) : Math.round((female ? 158 : 170) + rnd() * 20);
    const weightKg = child
      ? Math.round((6 + ageYears * 3 + rnd() * 4) * 10) / 10
      : Math.round((female ? 55 : 68) + rnd() * 35);
    const offset = OFFSETS[(i * 7) % OFFSETS.length]!;
    cases.push({
      patient: {
        mrn: `SYN-${String(1001 + i).padStart(5, '0')}`,
        familyName: pick(FAMILY),
        givenName: female ? pick(GIVEN_F) : pick(GIVEN_M),
        dateOfBirth: '2000-01-01', // replaced relative to today by the seeder
        sex: female ? 'female' : 'male',
        aboRh: pick(['A+', 'A-', 'B+', 'O+', 'O-', 'AB+'] as const),
        weightKg,
        heightCm,
      },
      disease: plan.disease,
      status: plan.status,
      episode:
        type === 'other-cell-therapy'
          ? {
              type,
              cellType: pick(['T', 'NK'] as const),
              cellOrigin: 'allogeneic',
              protocol: 'SYN-TRIAL-01 (virus-specific T cells)',
            }
          : { type, ...(type === 'car-t' ? { protocol: 'Commercial CAR-T (synthetic demo)' } : {}) },
      dayZeroOffset: offset,
      phase: phaseForOffset(offset),
      ageYears,
    });
  }
  return cases;
}
