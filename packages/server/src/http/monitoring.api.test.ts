import { dateOfDay } from '@engraft/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agvhdOrgans } from '../testing/assessments';
import { patientWithEpisodes } from '../testing/patientEpisodes';
import { type as, createTestApp, DRIVERS, signedIn, type TestContext } from '../testing/testApp';

const DAY0 = '2026-03-01';
const d = (n: number): string => dateOfDay(DAY0, n);

// ANC nadir then recovery from D+10; platelets recover from D+11 (last platelet transfusion D+2).
const ancSeries: [number, number][] = [
  [1, 0.4],
  [3, 0.1],
  [5, 0.05],
  [7, 0.2],
  [9, 0.4],
  [10, 0.6],
  [11, 0.8],
  [12, 1.2],
  [13, 1.5],
];
const pltSeries: [number, number][] = [
  [1, 40],
  [3, 15],
  [5, 12],
  [7, 10],
  [9, 14],
  [11, 25],
  [12, 30],
  [13, 40],
];
const csv = [
  'date,analyte,value,unit',
  ...ancSeries.map(([day, v]) => (day === 12 ? `${d(day)},anc,${v * 1000},cells/uL` : `${d(day)},anc,${v},x10^9/L`)),
  ...pltSeries.map(([day, v]) => `${d(day)},platelets,${v},x10^9/L`),
  `${d(2)},platelet-transfusion,,`,
].join('\n');

type Summary = {
  todayDay: number;
  engraftment: { neutrophil: { date: string; day: number } | null; platelet: { date: string; day: number } | null };
  graftFailure: { primaryGraftFailure: boolean | null } | null;
  series: Record<string, { day: number; value: number }[]>;
  crsIcans: {
    days: { day: number; crsGrade: number; icansGrade: number; iceScore: number | null }[];
    crs: { maxGrade: number; onsetDay: number | null; durationDays: number | null };
    icans: { maxGrade: number };
  };
  agvhd: { course: { maxGrade: number; onsetDay: number | null } };
  chimerism: { lineage: string; category: string }[];
};

describe.each(DRIVERS)('monitoring after infusion (%s)', (driver) => {
  let t: TestContext;
  let nurse: ReturnType<typeof as>;
  let patientId = '';
  let alloEpisode = '';
  let cartEpisode = '';

  beforeAll(async () => {
    t = await createTestApp(driver, { today: d(14) });
    const coord = await signedIn(t, 'coordinator');
    nurse = await signedIn(t, 'nurse');
    const mia = await patientWithEpisodes(coord, {
      patient: { mrn: 'MON-1', familyName: 'Monitor', givenName: 'Mia', dateOfBirth: '1975-02-02', sex: 'female' },
      diagnosis: { disease: 'ALL', diagnosisDate: '2025-06-01', status: 'relapse' },
      episodes: [
        { type: 'allogeneic-hct', plannedDayZero: DAY0 },
        { type: 'car-t', plannedDayZero: DAY0 },
      ],
    });
    patientId = mia.patientId;
    [alloEpisode, cartEpisode] = mia.episodeIds;
  });
  afterAll(() => t.close());

  const summary = async (episodeId: string): Promise<Summary> =>
    (await nurse.get(`/api/v1/episodes/${episodeId}/monitoring`)).json<Summary>();

  it('refuses a file with any bad row and stores nothing', async () => {
    const bad = `${csv}\n${d(14)},anc,1.1,mg/dL\n${d(14)},ldh,300,U/L\nnot-a-date,platelets,50,x10^9/L`;
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, { format: 'csv', content: bad });
    expect(res.statusCode).toBe(422);
    const errors = res.json<{ errors: { path: string; message: string }[] }>().errors;
    expect(errors.map((e) => e.path)).toEqual(['line 20: unit', 'line 21: analyte', 'line 22: date']);
    expect(errors[0]!.message).toMatch(/mg\/dL is not accepted for ANC/);
    expect((await summary(alloEpisode)).series.anc).toBeUndefined();
  });

  it('imports a count series, normalises units and finds the engraftment days', async () => {
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, { format: 'csv', content: csv });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: true,
      inserted: ancSeries.length + pltSeries.length + 1,
      duplicates: [],
    });
    const s = await summary(alloEpisode);
    expect(s.todayDay).toBe(14);
    expect(s.series.anc!.find((p) => p.day === 12)!.value).toBe(1.2);
    expect(s.engraftment.neutrophil).toEqual({ date: d(10), day: 10 });
    expect(s.engraftment.platelet).toEqual({ date: d(11), day: 11 });
    expect(s.graftFailure?.primaryGraftFailure).toBe(false);
  });

  it('skips exact duplicates when the same file comes again', async () => {
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, { format: 'csv', content: csv });
    expect(res.json<{ inserted: number; duplicates: unknown[] }>()).toMatchObject({ inserted: 0 });
    expect(res.json<{ duplicates: unknown[] }>().duplicates).toHaveLength(ancSeries.length + pltSeries.length + 1);
  });

  it('recomputes engraftment when a late result arrives out of order', async () => {
    // A second, lower ANC on D+11 breaks the run that started on D+10 (the lowest value of a day counts):
    // only D+12 and D+13 remain, so no recovery yet; the D+14 count then completes the run from D+12.
    const res = await nurse.post(`/api/v1/patients/${patientId}/observations`, {
      analyte: 'anc',
      observedOn: d(11),
      value: 0.3,
      unit: 'x10^9/L',
    });
    expect(res.statusCode).toBe(201);
    expect((await summary(alloEpisode)).engraftment.neutrophil).toBeNull();
    await nurse.post(`/api/v1/patients/${patientId}/observations`, {
      analyte: 'anc',
      observedOn: d(14),
      value: 1.9,
      unit: 'x10^9/L',
    });
    expect((await summary(alloEpisode)).engraftment.neutrophil).toEqual({ date: d(12), day: 12 });
  });

  it('imports FHIR R4 Observations coded with LOINC and converted from UCUM units', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '1975-2' }] },
            subject: { identifier: { value: 'MON-1' } },
            effectiveDateTime: `${d(14)}T06:00:00+01:00`,
            valueQuantity: { value: 34.2, unit: 'µmol/L', system: 'http://unitsofmeasure.org', code: 'umol/L' },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'https://engraft.dev/fhir/CodeSystem/analyte', code: 'chimerism' }] },
            bodySite: { coding: [{ code: 'T-cell' }] },
            effectiveDateTime: d(14),
            valueQuantity: { value: 97, code: '%' },
          },
        },
      ],
    };
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, {
      format: 'fhir',
      content: JSON.stringify(bundle),
    });
    expect(res.statusCode).toBe(200);
    const s = await summary(alloEpisode);
    expect(s.series.bilirubin).toEqual([expect.objectContaining({ day: 14, value: 2 })]);
    expect(s.chimerism).toEqual([expect.objectContaining({ lineage: 'T-cell', category: 'full-donor' })]);
  });

  it('refuses a FHIR Observation that is not final', async () => {
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        {
          resource: {
            resourceType: 'Observation',
            status: 'preliminary',
            code: { coding: [{ system: 'http://loinc.org', code: '751-8' }] },
            effectiveDateTime: d(14),
            valueQuantity: { value: 1, code: '10*9/L' },
          },
        },
      ],
    };
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, {
      format: 'fhir',
      content: JSON.stringify(bundle),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('line 1: resource.status');
  });

  it('grades daily CRS/ICANS from raw findings, with onset, maximum and duration', async () => {
    const allItems = {
      orientedYear: true,
      orientedMonth: true,
      orientedCity: true,
      orientedHospital: true,
      namedObject1: true,
      namedObject2: true,
      namedObject3: true,
      followsCommands: true,
      writesSentence: true,
      countsBackwards: true,
    };
    const base = {
      ice: allItems,
      capd: null,
      consciousness: 'normal',
      seizure: 'none',
      motor: 'none',
      cerebralEdema: 'none',
      tocilizumab: false,
      steroids: false,
    };
    const days = [
      { assessedOn: d(1), crs: { maxTempC: 37.2, feverMaskedByTreatment: false, hypotension: 'none', oxygen: 'none' } },
      { assessedOn: d(2), crs: { maxTempC: 38.6, feverMaskedByTreatment: false, hypotension: 'none', oxygen: 'none' } },
      {
        assessedOn: d(3),
        crs: { maxTempC: 39.1, feverMaskedByTreatment: false, hypotension: 'no-vasopressor', oxygen: 'low-flow' },
        tocilizumab: true,
      },
      {
        assessedOn: d(4),
        crs: { maxTempC: 37.0, feverMaskedByTreatment: true, hypotension: 'none', oxygen: 'none' },
        ice: { ...allItems, writesSentence: false, countsBackwards: false, orientedYear: false, orientedMonth: false },
        steroids: true,
      },
      { assessedOn: d(5), crs: { maxTempC: 36.8, feverMaskedByTreatment: false, hypotension: 'none', oxygen: 'none' } },
    ];
    for (const day of days) {
      const res = await nurse.post(`/api/v1/episodes/${cartEpisode}/assessments/crs-icans`, { ...base, ...day });
      expect(res.statusCode, res.body).toBe(200);
    }
    const s = await summary(cartEpisode);
    expect(s.crsIcans.days.map((x) => [x.day, x.crsGrade, x.icansGrade])).toEqual([
      [1, 0, 0],
      [2, 1, 0],
      [3, 2, 0],
      [4, 0, 2],
      [5, 0, 0],
    ]);
    expect(s.crsIcans.days[3]!.iceScore).toBe(6);
    expect((s.crsIcans.days[2] as unknown as { crsExplanation: string }).crsExplanation).toMatch(/grade 2/);
    expect(s.crsIcans.crs).toEqual({ maxGrade: 2, onsetDay: 2, durationDays: 2 });
    expect(s.crsIcans.icans.maxGrade).toBe(2);

    // Re-entering a day replaces that day's assessment (and is audited as an update).
    await nurse.post(`/api/v1/episodes/${cartEpisode}/assessments/crs-icans`, {
      ...base,
      assessedOn: d(5),
      crs: { maxTempC: 38.4, feverMaskedByTreatment: false, hypotension: 'none', oxygen: 'none' },
    });
    expect((await summary(cartEpisode)).crsIcans.crs).toEqual({ maxGrade: 2, onsetDay: 2, durationDays: 4 });
  });

  it('stages and grades acute GVHD and refuses CRS grading outside cell therapy', async () => {
    const organs = agvhdOrgans({ skinRashBsaPercent: 30, stoolMlPerDay: 600 });
    const res = await nurse.post(`/api/v1/episodes/${alloEpisode}/assessments/agvhd`, { assessedOn: d(13), organs });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stages: { skin: 2, liver: 0, upperGi: 0, lowerGi: 1 }, grade: 2 });
    expect((await summary(alloEpisode)).agvhd.course).toMatchObject({ maxGrade: 2, onsetDay: 13 });
    const crs = await nurse.post(`/api/v1/episodes/${alloEpisode}/assessments/crs-icans`, {});
    expect(crs.statusCode).toBe(400);
  });

  it('scores chronic GVHD global severity over time', async () => {
    const organs = { skin: 1, mouth: 1, eyes: 0, gi: 0, liver: 0, lungs: 0, joints: 0, genital: null };
    const first = await nurse.post(`/api/v1/episodes/${alloEpisode}/assessments/cgvhd`, { assessedOn: d(14), organs });
    expect(first.json()).toMatchObject({ severity: 'mild' });
    const s = (await nurse.get(`/api/v1/episodes/${alloEpisode}/monitoring`)).json<{
      cgvhd: { evaluations: { day: number; severity: string }[]; worst: string };
    }>();
    expect(s.cgvhd).toEqual({ evaluations: [expect.objectContaining({ day: 14, severity: 'mild' })], worst: 'mild' });
    // the organ scores and the rule's explanation are read back for the NIH card and the trend
    const worse = { ...organs, lungs: 2, genital: 0 };
    await nurse.post(`/api/v1/episodes/${alloEpisode}/assessments/cgvhd`, { assessedOn: d(20), organs: worse });
    const again = (await nurse.get(`/api/v1/episodes/${alloEpisode}/monitoring`)).json<{
      cgvhd: {
        evaluations: { day: number; organs: Record<string, number | null>; explanation: string }[];
        worst: string;
      };
    }>();
    expect(again.cgvhd.worst).toBe('severe');
    expect(again.cgvhd.evaluations.map((e) => e.day)).toEqual([14, 20]);
    expect(again.cgvhd.evaluations[0]!.organs).toEqual(organs);
    expect(again.cgvhd.evaluations[0]!.explanation).toContain('genital tract not examined');
    expect(again.cgvhd.evaluations[1]!.organs).toMatchObject({ lungs: 2, genital: 0 });
    expect(again.cgvhd.evaluations[1]!.explanation).toContain('lung score 2');
  });
});
