// Issue 14, item 3: access can be revoked. Every administrator action is audited and takes effect on the
// account's live sessions at once.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { as, createTestApp, DRIVERS, passwordOf, signIn, testConfig, type TestContext } from '../testing/testApp';

type Client = ReturnType<typeof as>;
const PASSWORD = 'copper-meadow-falcon';
const TEMP = 'amber-quartz-willow';

describe.each(DRIVERS)('user administration (%s)', (driver) => {
  let t: TestContext;
  let admin: Client;
  const idOf: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(driver, { config: { lockout: { threshold: 3, durationMs: 60_000 } } });
    admin = as(t.app, await signIn(t.app, 'admin'));
    for (const username of ['ward-nurse', 'locum', 'roaming']) {
      const res = await admin.post('/api/v1/users', {
        username,
        displayName: `Staff ${username}`,
        password: PASSWORD,
        roles: ['nurse'],
      });
      expect(res.statusCode, res.body).toBe(201);
      idOf[username] = res.json<{ id: string }>().id;
    }
  });
  afterAll(() => t.close());

  const auditActions = async (userId: string) =>
    (
      await t.db.query<{ action: string; actor: string; reason: string | null }>(
        `select action, actor, reason from audit_events where entity_type = 'user' and entity_id = $1 order by seq`,
        [userId]
      )
    ).map((r) => `${r.action} by ${r.actor}${r.reason ? `: ${r.reason}` : ''}`);

  it('lists the accounts of the centre with who created them; creation is audited with the creator', async () => {
    const res = await admin.get('/api/v1/users');
    expect(res.statusCode).toBe(200);
    const list =
      res.json<{ username: string; createdBy: string | null; roles: string[]; mustChangePassword: boolean }[]>();
    expect(list.find((u) => u.username === 'ward-nurse')).toMatchObject({
      createdBy: 'admin',
      roles: ['nurse'],
      mustChangePassword: false,
    });
    expect(list.find((u) => u.username === 'nurse')).toMatchObject({ createdBy: null });
    expect(await auditActions(idOf['ward-nurse']!)).toEqual(['create by admin']);
  });

  it('refuses a weak password for a new account, naming the field', async () => {
    const res = await admin.post('/api/v1/users', {
      username: 'weakling',
      displayName: 'Weak',
      password: 'password1234',
      roles: ['nurse'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'password', message: expect.stringMatching(/most common passwords/) },
    ]);
    const own = await admin.post('/api/v1/users', {
      username: 'jane.doe',
      displayName: 'Jane',
      password: 'Jane.Doe.2026!',
      roles: ['nurse'],
    });
    expect(own.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('password');
  });

  it('disable: the live session stops working at once and sign-in is refused; enable restores sign-in', async () => {
    const s = as(t.app, await signIn(t.app, 'ward-nurse', PASSWORD));
    expect((await s.get('/api/v1/patients')).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/users/${idOf['ward-nurse']}/disable`, {})).statusCode).toBe(400); // reason required
    expect(
      (await admin.post(`/api/v1/users/${idOf['ward-nurse']}/disable`, { reason: 'left the unit' })).statusCode
    ).toBe(200);
    expect((await s.get('/api/v1/patients')).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'ward-nurse', password: PASSWORD },
    });
    expect(again.statusCode).toBe(401);
    expect(
      (await admin.get('/api/v1/users'))
        .json<{ username: string; disabled: boolean }[]>()
        .find((u) => u.username === 'ward-nurse')?.disabled
    ).toBe(true);
    expect(
      (await admin.post(`/api/v1/users/${idOf['ward-nurse']}/enable`, { reason: 'back on the unit' })).statusCode
    ).toBe(200);
    await signIn(t.app, 'ward-nurse', PASSWORD);
    expect(await auditActions(idOf['ward-nurse']!)).toEqual([
      'create by admin',
      'disable by admin: left the unit',
      'enable by admin: back on the unit',
    ]);
  });

  it('an administrator cannot disable themselves or drop their own admin role', async () => {
    const [me] = await t.db.query<{ id: string }>(`select id from users where username = 'admin'`);
    expect((await admin.post(`/api/v1/users/${me!.id}/disable`, { reason: 'test' })).statusCode).toBe(409);
    expect(
      (await admin.send('PUT', `/api/v1/users/${me!.id}/roles`, { roles: ['physician'], reason: 'test' })).statusCode
    ).toBe(400);
  });

  it('unlock: a locked account signs in again after an administrator unlocks it', async () => {
    for (let i = 0; i < 3; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'locum', password: 'wrong-password-x' },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'locum', password: PASSWORD },
    });
    expect(locked.statusCode).toBe(401);
    expect(
      (await admin.get('/api/v1/users'))
        .json<{ username: string; locked: boolean }[]>()
        .find((u) => u.username === 'locum')?.locked
    ).toBe(true);
    expect(
      (await admin.post(`/api/v1/users/${idOf.locum}/unlock`, { reason: 'called the service desk' })).statusCode
    ).toBe(200);
    await signIn(t.app, 'locum', PASSWORD);
  });

  it('roles: a change applies to the live session at once and is audited before/after', async () => {
    const s = as(t.app, await signIn(t.app, 'locum', PASSWORD));
    expect((await s.get('/api/v1/session')).json<{ user: { roles: string[] } }>().user.roles).toEqual(['nurse']);
    const res = await admin.send('PUT', `/api/v1/users/${idOf.locum}/roles`, {
      roles: ['lab', 'nurse'],
      reason: 'covers the lab',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await s.get('/api/v1/session')).json<{ user: { roles: string[] } }>().user.roles).toEqual(['lab', 'nurse']);
    const [ev] = await t.db.query<{ before: unknown; after: unknown }>(
      `select before, after from audit_events where action = 'roles' and entity_id = $1`,
      [idOf.locum!]
    );
    expect(ev).toMatchObject({ before: { roles: ['nurse'] }, after: { roles: ['lab', 'nurse'] } });
  });

  it('password reset: sessions end, the user must change the password before anything else works', async () => {
    const s = as(t.app, await signIn(t.app, 'roaming', PASSWORD));
    const weak = await admin.post(`/api/v1/users/${idOf.roaming}/password-reset`, {
      password: 'roaming-2026',
      reason: 'forgot it',
    });
    expect(weak.statusCode).toBe(400);
    expect(
      (await admin.post(`/api/v1/users/${idOf.roaming}/password-reset`, { password: TEMP, reason: 'forgot it' }))
        .statusCode
    ).toBe(200);
    expect((await s.get('/api/v1/session')).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'roaming', password: PASSWORD },
        })
      ).statusCode
    ).toBe(401);

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'roaming', password: TEMP },
    });
    expect(login.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(true);
    const r = as(t.app, await signIn(t.app, 'roaming', TEMP));
    const blocked = await r.get('/api/v1/patients');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<{ code: string }>().code).toBe('password-change-required');
    expect((await r.post('/api/v1/patients', {})).statusCode).toBe(403);
    expect((await r.get('/api/v1/session')).statusCode).toBe(200);
    // wrong current password: 400 on the field (not 401, which would end the session in the web app)
    const wrong = await r.post('/api/v1/session/password', {
      currentPassword: 'not-the-password',
      newPassword: 'saffron-glacier-otter',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('currentPassword');
    expect(
      (await r.post('/api/v1/session/password', { currentPassword: TEMP, newPassword: 'engraft-2026!' })).statusCode
    ).toBe(400);
    const changed = await r.post('/api/v1/session/password', {
      currentPassword: TEMP,
      newPassword: 'saffron-glacier-otter',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(false);
    expect((await r.get('/api/v1/patients')).statusCode).toBe(200);
    expect(await auditActions(idOf.roaming!)).toEqual([
      'create by admin',
      'password-reset by admin: forgot it',
      'password-change by roaming',
    ]);
  });

  it('sign out everywhere ends every session of the account', async () => {
    const a = as(t.app, await signIn(t.app, 'locum', PASSWORD));
    const b = as(t.app, await signIn(t.app, 'locum', PASSWORD));
    const res = await admin.post(`/api/v1/users/${idOf.locum}/sign-out`, { reason: 'lost phone' });
    expect(res.statusCode).toBe(200);
    expect((await a.get('/api/v1/session')).statusCode).toBe(401);
    expect((await b.get('/api/v1/session')).statusCode).toBe(401);
    const [ev] = await t.db.query<{ after: { sessionsEnded: number } }>(
      `select after from audit_events where action = 'sign-out-everywhere' and entity_id = $1`,
      [idOf.locum!]
    );
    expect(ev?.after.sessionsEnded).toBeGreaterThanOrEqual(2);
  });

  it('acts only on accounts of the administrator’s centre', async () => {
    const stranger = await t.db.query<{ id: string }>(
      `insert into users (username, display_name, password_hash) values ('stranger', 'S', 'x') returning id`
    );
    expect((await admin.post(`/api/v1/users/${stranger[0]!.id}/disable`, { reason: 'not mine' })).statusCode).toBe(404);
  });
});

describe('request hardening (pglite)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('answers with Cache-Control: no-store on every non-public API answer, and on sign-in', async () => {
    const s = await signIn(t.app, 'nurse');
    for (const url of ['/api/v1/patients', '/api/v1/session', '/api/v1/worklist']) {
      expect((await as(t.app, s).get(url)).headers['cache-control'], url).toBe('no-store');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/patients' })).headers['cache-control']).toBe('no-store');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'nurse', password: passwordOf('nurse') },
    });
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('audits denied requests (401 and 403) with the route, never the body or query values', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/patients?q=secretname' });
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    await nurse.send('PUT', '/api/v1/settings/monitoring', { secret: 'body-value' });
    await new Promise((r) => setTimeout(r, 100));
    const rows = await t.db.query<{ actor: string; after: { status: number; route: string; path: string } }>(
      `select actor, after from audit_events where action = 'access-denied' order by seq`
    );
    expect(rows.slice(-2).map((r) => `${r.actor} ${r.after.status} ${r.after.route}`)).toEqual([
      'anonymous 401 /api/v1/patients',
      'nurse 403 /api/v1/settings/monitoring',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/secretname|body-value/);
  });

  it('audits the patient ids a list view shows (patient search, worklist)', async () => {
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const created = await coord.post('/api/v1/patients', {
      mrn: 'LIST-1',
      familyName: 'Listed',
      givenName: 'Lena',
      dateOfBirth: '1970-01-01',
      sex: 'female',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await coord.get('/api/v1/patients?q=listed')).statusCode).toBe(200);
    const [search] = await t.db.query<{ after: { patientIds: string[] } }>(
      `select after from audit_events where action = 'search' order by seq desc limit 1`
    );
    expect(search?.after.patientIds).toEqual([id]);
    expect((await coord.get('/api/v1/worklist')).statusCode).toBe(200);
    const [worklist] = await t.db.query<{ after: { patientIds: string[] } }>(
      `select after from audit_events where entity_type = 'worklist' order by seq desc limit 1`
    );
    expect(Array.isArray(worklist?.after.patientIds)).toBe(true);
  });

  it('keeps patient search terms out of the request log', async () => {
    let log = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const app = await buildApp({ db: t.db, config: testConfig(), today: () => t.today, logger: { stream } });
    try {
      const s = await signIn(app, 'coordinator');
      expect((await as(app, s).get('/api/v1/patients?q=Zebedee%20MRN-777&limit=5')).statusCode).toBe(200);
      expect(log).toMatch(/\/api\/v1\/patients\?q=\[redacted\]&limit=\[redacted\]/);
      expect(log).not.toMatch(/Zebedee|MRN-777/);
    } finally {
      await app.close();
    }
  });
});
