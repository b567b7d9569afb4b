import { dateOfDay } from '@engraft/clinical';
import type { RelativeCreate } from '@engraft/domain';
import type { Database } from '../db/database';
import * as antibodies from '../services/familyAntibodies';
import * as family from '../services/familyRelatives';
import { recordPatientTyping } from '../services/patientHla';
import * as patients from '../services/patients';

// The family work-up demo (issue 19): one synthetic patient with a typed family, so a new user sees the
// haplotypes, a DSA warning and the ranking. Father a/b, mother c/d, patient a/c; sister SARA a/d is
// haploidentical with a strong DSA against her mismatched haplotype d (anti-A*24:02), brother BEN b/c is
// haploidentical without DSA (anti-A2 below the positive threshold), brother TOM b/d shares nothing. All
// names, dates and typings are invented; the alleles are common IPD-IMGT/HLA names.

export const DEMO_FAMILY = { mrn: 'SYN-FAM-01', name: 'HAWTHORN, Family demo' } as const;

const HAP = {
  a: ['A*01:01', 'C*07:01', 'B*08:01', 'DRB1*03:01', 'DQB1*02:01'],
  b: ['A*02:01', 'C*05:01', 'B*44:02', 'DRB1*04:01', 'DQB1*03:02'],
  c: ['A*03:01', 'C*07:02', 'B*07:02', 'DRB1*15:01', 'DQB1*06:02'],
  d: ['A*24:02', 'C*04:01', 'B*35:01', 'DRB1*11:01', 'DQB1*03:01'],
} as const;
type Hap = keyof typeof HAP;
const gl = (x: Hap, y: Hap) => HAP[x].map((n, i) => `${n}+${HAP[y][i]}`).join('^');

const years = (today: string, n: number) => dateOfDay(today, -Math.round(n * 365.25));

export async function seedFamily(
  db: Database,
  actor: { userId: string | null; username: string; centreId: string },
  today: string
): Promise<void> {
  const patient = await patients.createPatient(
    db,
    actor,
    {
      mrn: DEMO_FAMILY.mrn,
      familyName: 'HAWTHORN',
      givenName: 'Family demo',
      dateOfBirth: years(today, 38),
      sex: 'male',
      aboRh: 'A+',
      weightKg: 78,
      heightCm: 180,
    },
    { synthetic: true }
  );
  const dx = await patients.addDiagnosis(db, actor, patient.id, {
    disease: 'AML',
    diagnosisDate: dateOfDay(today, -90),
    status: 'CR1',
  });
  await patients.createEpisode(
    db,
    actor,
    patient.id,
    { type: 'allogeneic-hct', diagnosisId: dx.id, plannedDayZero: dateOfDay(today, 60), protocol: null },
    dateOfDay(today, -30)
  );
  await recordPatientTyping(db, actor, patient.id, {
    glString: gl('a', 'c'),
    lab: 'Demo HLA laboratory',
    typingDate: dateOfDay(today, -60),
  });
  const relatives: [RelativeCreate, Hap, Hap][] = [
    [{ ...base('father', 'Frank HAWTHORN', 'male', years(today, 68)) }, 'a', 'b'],
    [{ ...base('mother', 'Maria HAWTHORN', 'female', years(today, 66)) }, 'd', 'c'],
    [{ ...base('full-sibling', 'Sara HAWTHORN', 'female', years(today, 33)), availability: 'available' }, 'a', 'd'],
    [{ ...base('full-sibling', 'Ben HAWTHORN', 'male', years(today, 41)), availability: 'available' }, 'b', 'c'],
    [{ ...base('full-sibling', 'Tom HAWTHORN', 'male', years(today, 35)) }, 'b', 'd'],
  ];
  for (const [input, x, y] of relatives) {
    const r = await family.addRelative(db, actor, patient.id, input);
    await family.recordRelativeTyping(db, actor, patient.id, r.id, {
      glString: gl(x, y),
      lab: 'Demo HLA laboratory',
      typingDate: dateOfDay(today, -20),
    });
  }
  const testedOn = dateOfDay(today, -10);
  await antibodies.importBeadFile(
    db,
    actor,
    patient.id,
    {
      fileName: 'demo-single-antigen.csv',
      lab: 'Demo HLA laboratory',
      content: [
        'Sample ID,Specificity,MFI,Test Date',
        `SYN-SAB-01,A*24:02,8200,${testedOn}`,
        `SYN-SAB-01,B35,2100,${testedOn}`,
        `SYN-SAB-01,A2,700,${testedOn}`,
        `SYN-SAB-01,DQ7,450,${testedOn}`,
      ].join('\n'),
    },
    today
  );
}

function base(
  relationship: RelativeCreate['relationship'],
  name: string,
  sex: 'female' | 'male',
  dateOfBirth: string
): RelativeCreate {
  return {
    relationship,
    name,
    sex,
    dateOfBirth,
    aboRh: relationship === 'mother' ? 'O+' : 'A+',
    cmv: sex === 'female' ? 'positive' : 'negative',
    availability: 'unknown',
    contact: 'contacted',
  };
}
