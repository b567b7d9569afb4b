import { dateOfDay } from '@engraft/clinical';
import type { EpisodePhase, EpisodeType, TodayByRole } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCentre } from '../repo/centres';
import { apheresisBag } from '../testing/labProducts';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { addTestUser, type as, createTestApp, DRIVERS, signedIn, type TestContext } from '../testing/testApp';

const TODAY = '2026-05-10';

describe.each(DRIVERS)('Today per role (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  const ep: Record<string, { patientId: string; episodeId: string }> = {};

  async function episode(mrn: string, type: EpisodeType, dayZero: string, phases: EpisodePhase[]) {
    ep[mrn] = await patientWithEpisode(coord, {
      patient: { mrn, familyName: 'Role', givenName: mrn, dateOfBirth: '1970-01-01', sex: 'female' },
      diagnosis: { disease: 'NHL', diagnosisDate: '2025-01-01', status: 'relapse' },
      episode: { type, plannedDayZero: dayZero, phases: Object.fromEntries(phases.map((p) => [p, dayZero])) },
    });
  }

  const sections = async (username: string): Promise<TodayByRole> => {
    const res = await (await signedIn(t, username)).get('/api/v1/worklist/by-role');
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
    coord = await signedIn(t, 'coordinator');
    const lab = await signedIn(t, 'lab');
    await episode('CART-D3', 'car-t', dateOfDay(TODAY, -3), ['infusion', 'early-follow-up']);
    await episode('AUTO-D25', 'autologous-hct', dateOfDay(TODAY, -25), ['infusion', 'early-follow-up']);
    await episode('ALLO-D0', 'allogeneic-hct', TODAY, []);
    await episode('CART-SLOT', 'car-t', dateOfDay(TODAY, 30), []);
    const bag = await lab.post(`/api/v1/episodes/${ep['ALLO-D0']!.episodeId}/products`, apheresisBag('W999926000777'));
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
    await addTestUser(t, {
      username: 'other-all',
      displayName: 'Other centre, every role',
      roles: ['nurse', 'lab', 'coordinator', 'data-manager', 'auditor'],
      centreId: other.id,
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
    const other = await sections('other-all');
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
