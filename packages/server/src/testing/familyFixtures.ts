import { expect } from 'vitest';
import { as, signIn, type TestContext } from './testApp';

// The family the family API tests share (family.api.test.ts, familyCorrections.api.test.ts): four haplotypes
// worked by hand (2-field, A~C~B~DRB1; each child carries one haplotype of each parent: Osoegawa K et al., Hum
// Immunol 2019;80:633-643). Father a/b, mother c/d, patient a/c.

export type Client = ReturnType<typeof as>;
export type Problem = { detail: string; code?: string; errors: { path: string; message: string }[] };

export const HAP = {
  a: ['A*01:01', 'C*07:01', 'B*08:01', 'DRB1*03:01'],
  b: ['A*02:01', 'C*05:01', 'B*44:02', 'DRB1*04:01'],
  c: ['A*03:01', 'C*07:02', 'B*07:02', 'DRB1*15:01'],
  d: ['A*24:02', 'C*04:01', 'B*35:01', 'DRB1*11:01'],
} as const;

/** The GL string of two haplotypes, locus by locus. */
export const gl = (x: readonly string[], y: readonly string[]) => x.map((n, i) => `${n}+${y[i]}`).join('^');

export interface FamilyPatient {
  hla: Client;
  coord: Client;
  patientId: string;
  episodeId: string;
  /** `/api/v1/patients/<id>/family` */
  base: string;
  /** Relative ids by the key they were added under. */
  ids: Record<string, string>;
  /** Adds a relative (ABO A+, CMV negative unless given) and, with a GL string, its first typing. */
  addRelative: (key: string, body: Record<string, unknown>, typing?: string, lab?: string) => Promise<void>;
}

/** A male patient (typed a/c) with an AML diagnosis and an allogeneic episode, signed in as hla and coordinator. */
export async function familyPatient(t: TestContext, mrn: string, givenName: string): Promise<FamilyPatient> {
  const hla = as(t.app, await signIn(t.app, 'hla'));
  const coord = as(t.app, await signIn(t.app, 'coordinator'));
  const patientId = (
    await coord.post('/api/v1/patients', {
      mrn,
      familyName: 'Family',
      givenName,
      dateOfBirth: '1985-02-02',
      sex: 'male',
      aboRh: 'A+',
    })
  ).json<{ id: string }>().id;
  const dx = (
    await coord.post(`/api/v1/patients/${patientId}/diagnoses`, {
      disease: 'AML',
      diagnosisDate: '2025-11-01',
      status: 'CR1',
    })
  ).json<{ id: string }>().id;
  const episodeId = (
    await coord.post(`/api/v1/patients/${patientId}/episodes`, {
      type: 'allogeneic-hct',
      diagnosisId: dx,
      plannedDayZero: '2026-05-01',
    })
  ).json<{ id: string }>().id;
  const typed = await hla.post(`/api/v1/patients/${patientId}/hla`, { glString: gl(HAP.a, HAP.c) });
  expect(typed.statusCode, typed.body).toBe(201);
  const base = `/api/v1/patients/${patientId}/family`;
  const ids: Record<string, string> = {};
  const addRelative = async (key: string, body: Record<string, unknown>, typing?: string, lab?: string) => {
    const res = await hla.post(`${base}/relatives`, { aboRh: 'A+', cmv: 'negative', ...body });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json<{ id: string }>().id;
    if (typing) {
      const typedRes = await hla.post(`${base}/relatives/${ids[key]}/hla`, {
        glString: typing,
        ...(lab ? { lab } : {}),
      });
      expect(typedRes.statusCode, typedRes.body).toBe(201);
    }
  };
  return { hla, coord, patientId, episodeId, base, ids, addRelative };
}
