import { dateOfDay } from '@engraft/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const TODAY = '2026-05-10';
type Item = { episodeId: string; mrn: string; kind: string; severity: string; label: string; followUpKey?: string };
type Worklist = { phases: { phase: string; n: number }[]; items: Item[] };

describe.each(DRIVERS)('worklist and programme dashboard (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  const episodes: Record<string, string> = {};

  async function episode(mrn: string, type: string, daysAgo: number): Promise<{ patientId: string; episodeId: string }> {
    const patientId = (await coord.post('/api/v1/patients', { mrn, familyName: 'Work', givenName: mrn, dateOfBirth: '1970-01-01', sex: 'female' })).json<{ id: string }>().id;
    const dx = (await coord.post(`/api/v1/patients/${patientId}/diagnoses`, { disease: 'NHL', diagnosisDate: '2025-01-01', status: 'relapse' })).json<{ id: string }>().id;
    const dayZero = dateOfDay(TODAY, -daysAgo);
    const episodeId = (await coord.post(`/api/v1/patients/${patientId}/episodes`, { type, diagnosisId: dx, plannedDayZero: dayZero })).json<{ id: string }>().id;
    for (const phase of ['infusion', 'early-follow-up']) await coord.post(`/api/v1/episodes/${episodeId}/phase`, { phase, date: dayZero });
    episodes[mrn] = episodeId;
    return { patientId, episodeId };
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    await episode('CART-D3', 'car-t', 3);
    const late = await episode('HCT-D25', 'autologous-hct', 25);
    const failed = await episode('HCT-D35', 'allogeneic-hct', 35);
    for (const p of [late, failed]) {
      const rows = Array.from({ length: 10 }, (_, i) => `${dateOfDay(TODAY, -i * 2)},anc,0.1,x10^9/L`);
      await nurse.post(`/api/v1/patients/${p.patientId}/labs/import`, { format: 'csv', content: ['date,analyte,value,unit', ...rows, `${TODAY},cmv-pcr,2500,IU/mL`].join('\n') });
    }
  });
  afterAll(() => t.close());

  const kinds = (w: Worklist, mrn: string): string[] => w.items.filter((i) => i.mrn === mrn).map((i) => i.kind).sort();

  it('lists what is due today, alerts first', async () => {
    const w = (await coord.get('/api/v1/worklist')).json<Worklist>();
    // The CAR-T Pre-CTED (4000) is due at D+30, beyond the 14-day lead: not listed yet.
    expect(kinds(w, 'CART-D3')).toEqual(['crs-icans-due']);
    expect(kinds(w, 'HCT-D25')).toEqual(['cmv-above-threshold', 'engraftment-not-reached', 'follow-up-due', 'report-due']);
    expect(kinds(w, 'HCT-D35')).toEqual(['cmv-above-threshold', 'follow-up-due', 'graft-failure', 'report-due']);
    expect(w.items[0]!.severity).toBe('alert');
    expect(w.items.find((i) => i.mrn === 'HCT-D25' && i.kind === 'follow-up-due')).toMatchObject({ severity: 'upcoming', followUpKey: 'visit-d30' });
    expect(w.phases.find((p) => p.phase === 'early-follow-up')?.n).toBe(3);
  });

  it('drops a follow-up item once marked done, and refuses unknown or future ones', async () => {
    const ep = episodes['HCT-D25']!;
    expect((await coord.post(`/api/v1/episodes/${ep}/follow-ups/cibmtr-2400`, { completedOn: TODAY })).statusCode).toBe(201);
    expect((await coord.post(`/api/v1/episodes/${ep}/follow-ups/cibmtr-2400`, { completedOn: TODAY })).statusCode).toBe(409);
    expect((await coord.post(`/api/v1/episodes/${ep}/follow-ups/cibmtr-9999`, { completedOn: TODAY })).statusCode).toBe(400);
    expect((await coord.post(`/api/v1/episodes/${ep}/follow-ups/visit-d30`, { completedOn: '2026-06-01' })).statusCode).toBe(400);
    const w = (await coord.get('/api/v1/worklist')).json<Worklist>();
    expect(w.items.some((i) => i.episodeId === ep && i.followUpKey === 'cibmtr-2400')).toBe(false);
  });

  it('lists only the reports already due for a patient who died', async () => {
    const ep = episodes['HCT-D35']!;
    expect((await coord.post(`/api/v1/episodes/${ep}/clinical-events`, { kind: 'death', occurredOn: dateOfDay(TODAY, -1), causeOfDeath: 'infection' })).statusCode).toBe(201);
    const w = (await coord.get('/api/v1/worklist')).json<Worklist>();
    expect(w.items.filter((i) => i.mrn === 'HCT-D35').map((i) => i.kind)).toEqual(['report-due']);
  });
});
