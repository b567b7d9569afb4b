import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCentre } from '../repo/centres';
import { apheresisBag } from '../testing/labProducts';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { addTestUser, type as, createTestApp, DRIVERS, signedIn, type TestContext } from '../testing/testApp';

type Client = ReturnType<typeof as>;

/** Issue 14 item 8, ADR 0012: DINs are unique per centre; another centre's identical DIN is a 409 that reveals nothing. */
describe.each(DRIVERS)('DINs per issuing facility (%s)', (driver) => {
  let t: TestContext;
  let otherCentre = '';
  const episodes = new Map<Client, string>();
  let mine: Client;
  let theirs: Client;

  const episodeFor = async (coord: Client, mrn: string): Promise<string> =>
    (
      await patientWithEpisode(coord, {
        patient: {
          mrn,
          familyName: 'Dinner',
          givenName: 'Dee',
          dateOfBirth: '1970-02-02',
          sex: 'female',
          aboRh: 'O+',
          weightKg: 70,
        },
        diagnosis: { disease: 'MM', diagnosisDate: '2025-10-01', status: 'CR1' },
        episode: { type: 'autologous-hct', plannedDayZero: '2026-04-20' },
      })
    ).episodeId;
  const register = (who: Client, din: string, division = '00') =>
    who.post(`/api/v1/episodes/${episodes.get(who)!}/products`, apheresisBag(din, { division }));

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    otherCentre = (await findOrCreateCentre(t.db, 'Other Centre')).id;
    for (const [username, role] of [
      ['other-coord', 'coordinator'],
      ['other-lab', 'lab'],
    ] as const) {
      await addTestUser(t, { username, displayName: username, roles: [role], centreId: otherCentre });
    }
    mine = await signedIn(t, 'lab');
    theirs = await signedIn(t, 'other-lab');
    episodes.set(mine, await episodeFor(await signedIn(t, 'coordinator'), 'DIN-1'));
    episodes.set(theirs, await episodeFor(await signedIn(t, 'other-coord'), 'DIN-1'));
  });
  afterAll(() => t.close());

  it('answers 409 to the same centre registering a DIN, product code and division twice, and allows another division', async () => {
    expect((await register(mine, 'W999926000101')).statusCode).toBe(201);
    const again = await register(mine, 'W999926000101');
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('din');
    expect((await register(mine, 'W999926000101', 'A0')).statusCode).toBe(201);
  });

  it('answers 409 to another centre registering the same DIN, naming neither the centre nor its patient, stores nothing and records the refusal', async () => {
    expect((await register(mine, 'W999926000102')).statusCode).toBe(201);
    const products = async () =>
      (
        await t.db.query<{ n: number }>('select count(*)::int as n from products where centre_id = $1', [otherCentre])
      )[0]!.n;
    const before = await products();
    const res = await register(theirs, 'W999926000102');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json<{ detail: string; code?: string }>();
    expect(body.detail).toMatch(/registered at another facility/);
    for (const secret of ['Test Centre', 'Dinner', 'DIN-1', t.centreId]) expect(res.body).not.toContain(secret);
    expect(await products()).toBe(before);
    const audit = await t.db.query<{ action: string; after: { din: string; reason: string } }>(
      "select action, after from audit_events where centre_id = $1 and entity_type = 'product' and action = 'refuse'",
      [otherCentre]
    );
    expect(audit).toEqual([
      {
        action: 'refuse',
        after: expect.objectContaining({ din: 'W999926000102', reason: 'DIN registered at another facility' }),
      },
    ]);
  });

  it('lets a centre register a DIN another centre has only under another division (different product), and never shows it the other centre’s product', async () => {
    expect((await register(theirs, 'W999926000102', 'B0')).statusCode).toBe(201);
    const list = await theirs.get(`/api/v1/episodes/${episodes.get(theirs)!}/products`);
    expect(list.body).not.toContain('"division":"00"');
  });
});
