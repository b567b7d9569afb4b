// Issue 14: one administrator must not pass a two-person control by creating a second account. Each step —
// release, plan verification, bedside confirmation, infusion — refuses an account created by the first person
// (or by the same administrator) within ENGRAFT_TWO_PERSON_NEW_ACCOUNT_DAYS (default 7).
import { type ProductStatus } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labProduct } from '../testing/labProducts';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signedIn, signIn, type TestContext } from '../testing/testApp';

type Client = ReturnType<typeof as>;
const TODAY = '2026-03-15';
const dinOf = (n: number): string => `A999926${String(n).padStart(6, '0')}`;
const PASSWORD = 'violet-harbour-lantern';

describe.each(DRIVERS)('two-person controls need two natural persons (%s)', (driver) => {
  let t: TestContext;
  let admin: Client;
  let lab: Client;
  let physician: Client;
  let nurse: Client;
  const ids: Record<string, string> = {};
  const clients: Record<string, Client> = {};
  let patient = { patientId: '', episodeId: '' };
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    admin = as(t.app, await signIn(t.app, 'admin'));
    lab = as(t.app, await signIn(t.app, 'lab'));
    physician = as(t.app, await signIn(t.app, 'physician'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    // The administrator creates accounts through the API: they count as theirs for 7 days.
    for (const [username, role] of [
      ['lab-alt', 'lab'],
      ['lab-b', 'lab'],
      ['lab-c', 'lab'],
      ['doc-alt', 'physician'],
      ['nurse-alt', 'nurse'],
    ] as const) {
      const res = await admin.post('/api/v1/users', {
        username,
        displayName: `Alt ${username}`,
        password: PASSWORD,
        roles: [role],
      });
      expect(res.statusCode, res.body).toBe(201);
      ids[username] = res.json<{ id: string }>().id;
      clients[username] = as(t.app, await signIn(t.app, username, PASSWORD));
    }
    for (const r of await t.db.query<{ id: string; username: string }>('select id, username from users')) {
      ids[r.username] ??= r.id;
    }
    patient = await patientWithEpisode(await signedIn(t, 'coordinator'), {
      patient: {
        mrn: 'TWO-1',
        familyName: 'Two',
        givenName: 'Persons',
        dateOfBirth: '1970-01-01',
        sex: 'female',
        heightCm: 170,
        weightKg: 70,
      },
      diagnosis: { disease: 'MM', diagnosisDate: '2025-06-01', status: 'PR' },
      episode: {
        type: 'autologous-hct',
        plannedDayZero: '2026-03-16',
        phases: { 'work-up': '2026-02-01', conditioning: '2026-03-10' },
      },
    });
  });
  afterAll(() => t.close());

  async function bag(path: ProductStatus[], signed: boolean): Promise<{ id: string; din: string }> {
    return labProduct(
      t.db,
      t.centreId,
      patient,
      {
        din: dinOf(++seq),
        productCode: 'S1398',
        division: '00',
        kind: 'hpc-apheresis',
        description: 'HPC, Apheresis',
        cryopreserved: true,
        volumeMl: 100,
        tncCells: 4e10,
        cd34Cells: 4e8,
        viabilityPct: 96,
      },
      {
        path,
        labUserId: ids.lab!,
        sterility: 'negative',
        ...(signed ? { release: { requestedBy: ids.lab!, releasedBy: ids.admin! } } : {}),
      }
    );
  }
  const detail = (res: { json: <T>() => T }) => res.json<{ detail: string }>().detail;
  const setCreatedDaysAgo = (username: string, days: number) =>
    t.db.query(`update users set created_at = now() - ($2 || ' days')::interval where id = $1`, [
      ids[username]!,
      String(days),
    ]);

  it('release: refuses the account the first signer created, and two accounts of the same creator; a colleague confirms', async () => {
    const p = await bag(['stored'], false);
    const rr = await admin.post(`/api/v1/products/${p.id}/release-request`, {});
    expect(rr.statusCode, rr.body).toBe(200);
    const own = await clients['lab-alt']!.post(`/api/v1/products/${p.id}/release`, {});
    expect(own.statusCode).toBe(409);
    expect(detail(own)).toMatch(
      /second release signature must come from a different person.*created by the other less than 7 days ago/
    );
    expect((await lab.post(`/api/v1/products/${p.id}/release`, {})).statusCode).toBe(200);

    const q = await bag(['stored'], false);
    expect((await clients['lab-b']!.post(`/api/v1/products/${q.id}/release-request`, {})).statusCode).toBe(200);
    const sibling = await clients['lab-c']!.post(`/api/v1/products/${q.id}/release`, {});
    expect(sibling.statusCode).toBe(409);
    expect(detail(sibling)).toMatch(/same administrator/);
  });

  it('the window is a boundary: 6 days refused, 8 days accepted (ENGRAFT_TWO_PERSON_NEW_ACCOUNT_DAYS = 7)', async () => {
    const p = await bag(['stored'], false);
    await admin.post(`/api/v1/products/${p.id}/release-request`, {});
    await setCreatedDaysAgo('lab-alt', 6);
    expect((await clients['lab-alt']!.post(`/api/v1/products/${p.id}/release`, {})).statusCode).toBe(409);
    await setCreatedDaysAgo('lab-alt', 8);
    expect((await clients['lab-alt']!.post(`/api/v1/products/${p.id}/release`, {})).statusCode).toBe(200);
  });

  it('plan verification: refuses the prescriber’s own new account; a colleague verifies', async () => {
    const res = await admin.post(`/api/v1/episodes/${patient.episodeId}/conditioning-plans`, {
      templateId: 'mel200',
      options: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    const planId = res.json<{ id: string }>().id;
    const own = await clients['doc-alt']!.post(`/api/v1/conditioning-plans/${planId}/verify`);
    expect(own.statusCode).toBe(409);
    expect(detail(own)).toMatch(/verification of the plan must come from a different person/);
    expect((await physician.post(`/api/v1/conditioning-plans/${planId}/verify`)).statusCode).toBe(200);
  });

  it('bedside confirmation: refuses the scanner’s new account, signed in or re-authenticated on the device; the start re-checks the pair', async () => {
    const b = await bag(['stored', 'released', 'thawed'], true);
    const scan = await admin.post(`/api/v1/episodes/${patient.episodeId}/bedside-checks`, {
      mrn: 'TWO-1',
      din: b.din,
      productCode: 'S1398',
      division: '00',
    });
    expect(scan.statusCode, scan.body).toBe(201);
    const checkId = scan.json<{ id: string; result: string }>().id;
    const signedIn = await clients['nurse-alt']!.post(`/api/v1/bedside-checks/${checkId}/confirm`, {});
    expect(signedIn.statusCode).toBe(409);
    expect(detail(signedIn)).toMatch(/second bedside check must come from a different person/);
    const onDevice = await admin.post(`/api/v1/bedside-checks/${checkId}/confirm`, {
      username: 'nurse-alt',
      password: PASSWORD,
    });
    expect(onDevice.statusCode).toBe(409);

    // A pair confirmed before the rule (or by any other path) is refused when the infusion starts.
    await t.db.query('update bedside_checks set confirmed_by = $2, confirmed_at = now() where id = $1', [
      checkId,
      ids['nurse-alt']!,
    ]);
    const start = await admin.post(`/api/v1/bedside-checks/${checkId}/infusion`, {});
    expect(start.statusCode).toBe(409);
    expect(detail(start)).toMatch(/infusion .* must come from a different person/);
    await t.db.query('update bedside_checks set confirmed_by = null, confirmed_at = null where id = $1', [checkId]);
    expect((await nurse.post(`/api/v1/bedside-checks/${checkId}/confirm`, {})).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/bedside-checks/${checkId}/infusion`, {})).statusCode).toBe(201);
  });

  it('lists the accounts created by administrators in the window for review', async () => {
    const res = await admin.get('/api/v1/users/created-recently');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ days: number; accounts: { username: string; createdBy: string }[] }>();
    expect(body.days).toBe(7);
    expect(body.accounts.map((a) => a.username).sort()).toEqual(['doc-alt', 'lab-b', 'lab-c', 'nurse-alt']); // lab-alt is 8 days old now
    expect(body.accounts.every((a) => a.createdBy === 'admin')).toBe(true);
  });
});
