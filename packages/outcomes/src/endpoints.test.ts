import { describe, expect, it } from 'vitest';
import { cifRows, cumulativeIncidence } from './cif';
import { deriveEndpoint, ENDPOINTS, landmark, type PatientEvents } from './endpoints';
import { kaplanMeier, kmRows } from './km';

const d0 = '2026-01-01';
const patients: PatientEvents[] = [
  // relapse day 60, death day 120
  { id: 'p1', infusionDate: d0, relapseDate: '2026-03-02', deathDate: '2026-05-01', lastContactDate: '2026-05-01' },
  // grade III–IV aGVHD day 20, alive at day 364
  { id: 'p2', infusionDate: d0, agvhd34Date: '2026-01-21', lastContactDate: '2026-12-31' },
  // death day 40 without relapse (NRM)
  { id: 'p3', infusionDate: d0, deathDate: '2026-02-10', lastContactDate: '2026-02-10' },
  // relapse and death the same day (31): relapse wins
  { id: 'p4', infusionDate: d0, relapseDate: '2026-02-01', deathDate: '2026-02-01', lastContactDate: '2026-02-01' },
  // death on day 0
  { id: 'p5', infusionDate: d0, deathDate: d0, lastContactDate: d0 },
  // cGVHD needing systemic therapy day 200, then relapse day 300, alive day 330
  {
    id: 'p6',
    infusionDate: d0,
    cgvhdSystemicDate: '2026-07-20',
    relapseDate: '2026-10-28',
    lastContactDate: '2026-11-27',
    deathDate: null,
  },
];

describe('derived endpoints (Kim & Armand 2013; Holtan 2015)', () => {
  it('OS: death, else censored at last contact', () => {
    const os = deriveEndpoint(patients, 'OS');
    expect(os.endpoint).toEqual({ name: 'OS', version: 1 });
    expect(os.ids).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    expect(os.time).toEqual([120, 364, 40, 31, 0, 330]);
    expect(os.status).toEqual([1, 0, 1, 1, 1, 0]);
  });
  it('PFS: relapse or death, whichever first', () => {
    const pfs = deriveEndpoint(patients, 'PFS');
    expect(pfs.time).toEqual([60, 364, 40, 31, 0, 300]);
    expect(pfs.status).toEqual([1, 0, 1, 1, 1, 1]);
  });
  it('GRFS: aGVHD III–IV, cGVHD needing systemic therapy, relapse or death', () => {
    const grfs = deriveEndpoint(patients, 'GRFS');
    expect(grfs.time).toEqual([60, 20, 40, 31, 0, 200]);
    expect(grfs.status).toEqual([1, 1, 1, 1, 1, 1]);
  });
  it('relapse and NRM are each other’s competing risk; same-day relapse and death count as relapse', () => {
    const rel = deriveEndpoint(patients, 'relapse');
    expect(rel.cause).toEqual([1, 0, 2, 1, 2, 1]);
    const nrm = deriveEndpoint(patients, ENDPOINTS.NRM);
    expect(nrm.cause).toEqual([2, 0, 1, 2, 1, 2]);
    expect(nrm.time).toEqual(rel.time);
  });
  it('relapse CI + NRM CI + PFS = 1 at every time point', () => {
    const rel = deriveEndpoint(patients, 'relapse');
    const pfs = deriveEndpoint(patients, 'PFS');
    const [ci] = cumulativeIncidence({ time: rel.time, cause: rel.cause });
    const [km] = kaplanMeier({ time: pfs.time, status: pfs.status });
    kmRows(km!).forEach((row, i) => {
      expect(cifRows(ci!.causes[0]!)[i]!.estimate + cifRows(ci!.causes[1]!)[i]!.estimate + row.survival).toBeCloseTo(
        1,
        14
      );
    });
  });
  it('rejects inconsistent records with the patient and field named', () => {
    const bad =
      (p: Partial<PatientEvents>): (() => unknown) =>
      () =>
        deriveEndpoint([{ id: 'x', infusionDate: d0, lastContactDate: '2026-06-01', ...p }], 'OS');
    expect(bad({ deathDate: '2026-03-01' })).toThrow(/patient x: last contact 2026-06-01 is after the death date/);
    expect(bad({ relapseDate: '2025-12-31' })).toThrow(/patient x: relapseDate 2025-12-31 is before the infusion/);
    expect(bad({ relapseDate: '2026-07-01' })).toThrow(/relapseDate is after the end of follow-up \(last contact\)/);
    expect(bad({ lastContactDate: '2026-02-30' })).toThrow(/patient x: lastContactDate: not a real calendar date/);
    expect(bad({ lastContactDate: '2025-06-01' })).toThrow(/before the infusion/);
  });
});

describe('landmark', () => {
  it('keeps subjects followed beyond the landmark, re-zeroes time, classifies exposure by the landmark', () => {
    const data = { time: [50, 100, 150, 300], status: [1, 0, 1, 0] };
    const lm = landmark(data, { at: 100, exposureTime: [10, 20, 120, null] });
    expect(lm.keep).toEqual([2, 3]);
    expect(lm.time).toEqual([50, 200]);
    expect(lm.columns.status).toEqual([1, 0]);
    expect(lm.exposed).toEqual([false, false]); // GVHD at day 120 is after the landmark
    expect(landmark(data, { at: 0 }).keep).toEqual([0, 1, 2, 3]);
    expect(() => landmark(data, { at: -1 })).toThrow(/landmark/);
  });
});
