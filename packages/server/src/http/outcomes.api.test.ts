import { dateOfDay } from '@engraft/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { type as, createTestApp, DRIVERS, signedIn, type TestContext } from '../testing/testApp';

const DAY0 = '2025-01-01';
const d = (n: number): string => dateOfDay(DAY0, n);

type Result = {
  n: number;
  groups: {
    name: string;
    n: number;
    events: number;
    points: { time: number; estimate: number; nRisk: number }[];
    atRisk: { time: number; nRisk: number }[];
  }[];
  test: { name: string; p: number } | null;
};

describe.each(DRIVERS)('outcomes of infused episodes (%s)', (driver) => {
  let t: TestContext;
  let phys: ReturnType<typeof as>;

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-06-01' });
    const coord = await signedIn(t, 'coordinator');
    phys = await signedIn(t, 'physician');
    // Four infused AML episodes: deaths on D+100 (after relapse on D+50) and D+200, alive at D+300 and D+400.
    const story: { events: { kind: string; occurredOn: string; causeOfDeath?: string }[] }[] = [
      {
        events: [
          { kind: 'relapse', occurredOn: d(50) },
          { kind: 'death', occurredOn: d(100), causeOfDeath: 'relapse-or-progression' },
        ],
      },
      { events: [{ kind: 'death', occurredOn: d(200), causeOfDeath: 'infection' }] },
      { events: [{ kind: 'last-contact', occurredOn: d(300) }] },
      { events: [{ kind: 'last-contact', occurredOn: d(400) }] },
    ];
    const patient = (mrn: string, givenName: string) =>
      ({ mrn, familyName: 'Outcome', givenName, dateOfBirth: '1960-01-01', sex: 'male' }) as const;
    const aml = { disease: 'AML', diagnosisDate: '2024-06-01', status: 'CR1' } as const;
    for (const [i, s] of story.entries()) {
      const { episodeId } = await patientWithEpisode(coord, {
        patient: patient(`OUT-${i}`, `P${i}`),
        diagnosis: aml,
        episode: { type: 'allogeneic-hct', plannedDayZero: DAY0, phases: { infusion: DAY0, 'early-follow-up': DAY0 } },
      });
      for (const ev of s.events) {
        expect((await coord.post(`/api/v1/episodes/${episodeId}/clinical-events`, ev)).statusCode).toBe(201);
      }
    }
    // An episode not yet infused is not part of any outcome.
    await patientWithEpisode(coord, {
      patient: patient('OUT-X', 'Later'),
      diagnosis: aml,
      episode: { type: 'allogeneic-hct', plannedDayZero: '2026-07-01' },
    });
  });
  afterAll(() => t.close());

  it('estimates overall survival by Kaplan–Meier', async () => {
    const res = await phys.get('/api/v1/outcomes?endpoint=OS');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<Result>();
    expect(r.n).toBe(4);
    // S(100) = 3/4; S(200) = 3/4 * 2/3 = 1/2; censored at 300 and 400.
    expect(r.groups[0]!.points.map((p) => [p.time, p.estimate])).toEqual([
      [100, 0.75],
      [200, 0.5],
      [300, 0.5],
      [400, 0.5],
    ]);
    // Reverse KM: the follow-up "events" are the censorings at 300 and 400 (deaths censor): S = 1/2 from 300 to
    // 400, so the median is their midpoint, 350, as R's survfit defines it.
    expect((r as unknown as { medianFollowUp: { median: number } }).medianFollowUp.median).toBe(350);
    expect(r.groups[0]!.atRisk.slice(0, 3)).toEqual([
      { time: 0, nRisk: 4 },
      { time: 100, nRisk: 4 },
      { time: 180, nRisk: 3 },
    ]);
  });

  it('estimates relapse and NRM as competing risks', async () => {
    const relapse = (await phys.get('/api/v1/outcomes?endpoint=relapse')).json<Result>();
    expect(relapse.groups[0]!.points.find((p) => p.time === 50)!.estimate).toBeCloseTo(0.25, 10);
    // Censorings and competing events are reported per time: relapse on D+50 competes with NRM; D+300 and D+400 are censored.
    const rel = relapse.groups[0]!.points as unknown as { time: number; nCensor: number; nCompeting: number }[];
    expect(rel.filter((p) => p.nCensor > 0).map((p) => p.time)).toEqual([300, 400]);
    expect(rel.find((p) => p.time === 200)).toMatchObject({ nCompeting: 1 });
    const nrm = (await phys.get('/api/v1/outcomes?endpoint=NRM')).json<Result>();
    // NRM at D+200: 1/4 relapsed first (competing), then 1 of the 3 left dies without relapse: 3/4 * 1/3 = 1/4.
    expect(nrm.groups[0]!.points.find((p) => p.time === 200)!.estimate).toBeCloseTo(0.25, 10);
  });

  it('groups, filters, and refuses a nurse and unknown endpoints', async () => {
    const byType = (await phys.get('/api/v1/outcomes?endpoint=PFS&groupBy=disease')).json<Result>();
    expect(byType.groups.map((g) => g.name)).toEqual(['Acute myeloid leukemia']);
    expect((await phys.get('/api/v1/outcomes?endpoint=OS&disease=MM')).json<Result>().n).toBe(0);
    // No donor is recorded on these allogeneic episodes: the donor type says so rather than guessing.
    expect(
      (await phys.get('/api/v1/outcomes?endpoint=OS&groupBy=donor-type')).json<Result>().groups.map((g) => g.name)
    ).toEqual(['Donor not recorded']);
    expect((await phys.get('/api/v1/outcomes?endpoint=OS&donorType=not-recorded')).json<Result>().n).toBe(4);
    expect((await phys.get('/api/v1/outcomes?endpoint=OS&donorType=unrelated')).json<Result>().n).toBe(0);
    expect((await phys.get('/api/v1/outcomes?endpoint=OS&donorType=sibling')).statusCode).toBe(400);
    expect((await phys.get('/api/v1/outcomes?endpoint=EFS')).statusCode).toBe(400);
    const nurse = await signedIn(t, 'nurse');
    expect((await nurse.get('/api/v1/outcomes')).statusCode).toBe(403);
  });

  it('refuses follow-up events in the future', async () => {
    const coord = await signedIn(t, 'coordinator');
    const list = (await coord.get('/api/v1/patients?q=OUT-0')).json<{ items: { episode: { id: string } }[] }>();
    const res = await coord.post(`/api/v1/episodes/${list.items[0]!.episode.id}/clinical-events`, {
      kind: 'last-contact',
      occurredOn: '2026-12-01',
    });
    expect(res.statusCode).toBe(400);
  });
});
