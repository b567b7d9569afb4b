import { dateOfDay } from '@engraft/clinical';
import type { TodayByRole } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCentre } from '../repo/centres';
import { createUser } from '../services/auth';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const TODAY = '2026-05-10';

describe.each(DRIVERS)('Today per role (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  const ep: Record<string, { patientId: string; episodeId: string }> = {};

  async function episode(mrn: string, type: string, dayZero: string, phases: string[]) {
    const patientId = (
      await coord.post('/api/v1/patients', {
        mrn,
        familyName: 'Role',
        givenName: mrn,
        dateOfBirth: '1970-01-01',
        sex: 'female',
      })
    ).json<{ id: string }>().id;
    const dx = (
      await coord.post(`/api/v1/patients/${patientId}/diagnoses`, {
        disease: 'NHL',
        diagnosisDate: '2025-01-01',
        status: 'relapse',
      })
    ).json<{ id: string }>().id;
    const res = await coord.post(`/api/v1/patients/${patientId}/episodes`, {
      type,
      diagnosisId: dx,
      plannedDayZero: dayZero,
    });
    expect(res.statusCode, res.body).toBe(201);
    const episodeId = res.json<{ id: string }>().id;
    for (const phase of phases) await coord.post(`/api/v1/episodes/${episodeId}/phase`, { phase, date: dayZero });
    ep[mrn] = { patientId, episodeId };
  }

  const sections = async (username: string, password?: string): Promise<TodayByRole> => {
    const res = await as(t.app, await signIn(t.app, username, password)).get('/api/v1/worklist/by-role');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TodayByRole>();
  };
  const section = (w: TodayByRole, key: string) => w.sections.find((s) => s.key === key)!;
  const kindsOf = (w: TodayByRole, key: string, mrn: string) =>
    section(w, key)
      .items.filter((i) => i.mrn === mrn)
      .map((i) => i.kind)
      .sort();

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    const lab = as(t.app, await signIn(t.app, 'lab'));
    await episode('CART-D3', 'car-t', dateOfDay(TODAY, -3), ['infusion', 'early-follow-up']);
    await episode('AUTO-D25', 'autologous-hct', dateOfDay(TODAY, -25), ['infusion', 'early-follow-up']);
    await episode('ALLO-D0', 'allogeneic-hct', TODAY, []);
    await episode('CART-SLOT', 'car-t', dateOfDay(TODAY, 30), []);
    const bag = await lab.post(`/api/v1/episodes/${ep['ALLO-D0']!.episodeId}/products`, {
      din: 'W999926000777',
      productCode: 'S1295',
      kind: 'hpc-apheresis',
      volumeMl: 250,
      tncCells: 4e10,
      cd34Cells: 3.5e8,
      viabilityPct: 97,
    });
    expect(bag.statusCode, bag.body).toBe(201);
    const donor = await coord.post(`/api/v1/episodes/${ep['ALLO-D0']!.episodeId}/donors`, {
      kind: 'related',
      relationship: 'sibling',
      match: 'hla-identical',
      hlaTyping: 'A*01:01+A*03:01',
    });
    expect(donor.statusCode, donor.body).toBe(201);
    const order = await coord.post(`/api/v1/episodes/${ep['CART-SLOT']!.episodeId}/manufacturing-orders`, {
      productName: 'axicabtagene-ciloleucel',
      slotOn: dateOfDay(TODAY, 5),
    });
    expect(order.statusCode, order.body).toBe(201);
    const other = await findOrCreateCentre(t.db, 'Other Centre');
    await createUser(t.db, { userId: null, username: 'setup' }, other.id, {
      username: 'other-all',
      displayName: 'Other centre, every role',
      password: 'other-centre-password',
      roles: ['nurse', 'lab', 'coordinator', 'data-manager', 'auditor'],
    });
  });
  afterAll(() => t.close());

  it('shows the nurse the infusion due today (to the bedside) and the CRS/ICANS check (to Monitoring)', async () => {
    const w = await sections('nurse');
    expect(w.today).toBe(TODAY);
    expect(w.sections.map((s) => s.key)).toEqual(['nurse']);
    expect(kindsOf(w, 'nurse', 'ALLO-D0')).toEqual(['infusion-due']);
    expect(kindsOf(w, 'nurse', 'CART-D3')).toEqual(['crs-icans-due']);
    expect(kindsOf(w, 'nurse', 'AUTO-D25')).toEqual([]);
    const infusion = section(w, 'nurse').items.find((i) => i.kind === 'infusion-due')!;
    expect(infusion.link).toBe(`/episodes/${ep['ALLO-D0']!.episodeId}/bedside`);
    expect(infusion.label).toMatch(/no bag released yet/);
    const crs = section(w, 'nurse').items.find((i) => i.kind === 'crs-icans-due')!;
    expect(crs.link).toBe(`/patients/${ep['CART-D3']!.patientId}?tab=monitoring&episode=${ep['CART-D3']!.episodeId}`);
  });

  it('shows the lab the fresh bag to process and its pending culture, linked to the product', async () => {
    const w = await sections('lab');
    expect(w.sections.map((s) => s.key)).toEqual(['lab']);
    expect(kindsOf(w, 'lab', 'ALLO-D0')).toEqual(['bag-to-process', 'culture-pending']);
    const item = section(w, 'lab').items[0]!;
    expect(item.label).toMatch(/^W999926000777 S1295 00/);
    expect(item.link).toMatch(/^\/products\/[0-9a-f-]{36}$/);
  });

  it('shows the coordinator the donor in work-up and the CAR-T slot in 5 days', async () => {
    const w = await sections('coordinator');
    expect(kindsOf(w, 'coordinator', 'ALLO-D0')).toEqual(['donor-workup']);
    const slot = section(w, 'coordinator').items.find((i) => i.kind === 'manufacturing-slot')!;
    expect(slot).toMatchObject({ mrn: 'CART-SLOT', date: dateOfDay(TODAY, 5), overdue: false });
    expect(slot.link).toBe(`/episodes/${ep['CART-SLOT']!.episodeId}/manufacturing`);
  });

  it('shows the data manager the registry reports due and the auditor the latest audit events', async () => {
    const dm = await sections('data-manager');
    expect(section(dm, 'data-manager').items.length).toBeGreaterThan(0);
    expect(kindsOf(dm, 'data-manager', 'AUTO-D25').every((k) => k === 'report-due')).toBe(true);
    expect(kindsOf(dm, 'data-manager', 'AUTO-D25').length).toBeGreaterThan(0);
    const au = await sections('auditor');
    const events = section(au, 'auditor').items;
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(25);
    expect(events.every((e) => e.kind === 'audit-event' && e.patient === null)).toBe(true);
  });

  it('gives a role without a section no section, and another centre none of these items', async () => {
    expect((await sections('hla')).sections).toEqual([]);
    const other = await sections('other-all', 'other-centre-password');
    expect(other.sections.map((s) => s.key)).toEqual(['nurse', 'lab', 'coordinator', 'data-manager', 'auditor']);
    for (const s of other.sections) {
      if (s.key === 'auditor') {
        // The other centre's own sign-in may be audited; none of this centre's events are.
        expect(s.items.every((i) => i.patientId === null)).toBe(true);
      } else {
        expect(s.items).toEqual([]);
      }
    }
  });
});
