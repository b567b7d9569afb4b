import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config';
import { as, createTestApp, DRIVERS, passwordOf, signIn, testConfig, type TestContext } from '../testing/testApp';
import { type App, buildApp } from './app';

describe.each(DRIVERS)('sessions, lockout and headers (%s)', (driver) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp(driver, {
      config: {
        session: { idleMs: 1500, absoluteMs: 60_000, secureCookies: false },
        lockout: { threshold: 3, durationMs: 60_000 },
      },
    });
  });
  afterAll(() => t.close());

  it('sets an httpOnly SameSite=Strict cookie and answers who is signed in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'nurse', password: passwordOf('nurse') },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const s = await signIn(t.app, 'nurse');
    const me = await as(t.app, s).get('/api/v1/session');
    expect(me.json()).toMatchObject({ user: { username: 'nurse', roles: ['nurse'] }, centre: { name: 'Test Centre' } });
  });

  it('does not say whether a username exists', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'nobody', password: 'x' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'physician', password: 'wrong' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json<{ detail: string }>().detail).toBe(wrong.json<{ detail: string }>().detail);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 2; i++) {
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'lab', password: 'nope' } }))
          .statusCode
      ).toBe(401);
    }
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'lab', password: 'nope' },
    });
    expect(third.statusCode).toBe(401);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'lab', password: passwordOf('lab') },
    });
    // locked: the right password is refused, with the same answer as an unknown username (issue 14)
    expect(right.statusCode).toBe(401);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'no-such-user', password: passwordOf('lab') },
    });
    expect(right.json<{ detail: string }>().detail).toBe(unknown.json<{ detail: string }>().detail);
    expect(right.headers['content-length']).toBe(unknown.headers['content-length']);
  });

  it('ends a session after the idle timeout and on sign-out', async () => {
    const s = await signIn(t.app, 'hla');
    expect((await as(t.app, s).get('/api/v1/session')).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    const idle = await as(t.app, s).get('/api/v1/session');
    expect(idle.statusCode).toBe(401);
    expect(idle.json<{ detail: string }>().detail).toMatch(/session has ended/);

    const s2 = await signIn(t.app, 'hla');
    expect((await as(t.app, s2).delete('/api/v1/session')).statusCode).toBe(204);
    expect((await as(t.app, s2).get('/api/v1/session')).statusCode).toBe(401);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('serves the OpenAPI document with every API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/patients', '/api/v1/patients/{patientId}', '/api/v1/session'])
    );
    // The catch-all 404 route is not an operation (issue 18: it was listed as 8 undocumented ones).
    expect(Object.keys(doc.paths).filter((p) => p.includes('*'))).toEqual([]);
  });

  it('serves the docs page under the same policy as the app, which allows the inline styles swagger-ui sets', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('validator.swagger.io');
  });
});

describe('password checks are rate-limited per address and per account (issue 14)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  /** A fresh app (fresh counters) over the same database. */
  const appWith = async (over: Partial<Config>) => {
    const app = await buildApp({ db: t.db, config: testConfig(over), today: () => t.today });
    await app.ready();
    return app;
  };
  const attempt = (app: App, username: string, password: string, xff?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username, password },
      headers: xff ? { 'x-forwarded-for': xff } : {},
    });

  it('sign-in: a rotating X-Forwarded-For does not reset the per-address limit (proxy headers not trusted by default)', async () => {
    const app = await appWith({ loginRatePerMinute: 5 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) {
        codes.push((await attempt(app, `nobody${i}`, 'wrong-password', `203.0.113.${i + 1}`)).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const last = await attempt(app, 'nobody9', 'wrong-password', '198.51.100.1');
      expect(last.headers['retry-after']).toMatch(/^\d+$/);
      expect(last.json<{ detail: string }>().detail).toMatch(/too many password attempts/);
    } finally {
      await app.close();
    }
  });

  it('sign-in: behind a configured proxy each forwarded address has its own budget', async () => {
    const app = await appWith({ loginRatePerMinute: 2, trustProxy: true });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await attempt(app, `nobody${i}`, 'wrong-password', `203.0.113.${i + 1}`)).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 401]);
      expect((await attempt(app, 'nobody8', 'wrong-password', '203.0.113.1')).statusCode).toBe(401);
      expect((await attempt(app, 'nobody9', 'wrong-password', '203.0.113.1')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('sign-in: one account is limited whatever the addresses the attempts come from', async () => {
    const app = await appWith({ loginRatePerMinute: 100, passwordRatePerAccountPerMinute: 3, trustProxy: true });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await attempt(app, 'hla', 'wrong-password', `198.51.100.${i + 1}`)).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      expect((await attempt(app, 'HLA ', passwordOf('hla'), '198.51.100.9')).statusCode).toBe(429);
      // another account from the same addresses is not held up
      expect((await attempt(app, 'coordinator', passwordOf('coordinator'), '198.51.100.1')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('the bedside second-person password check is limited like a sign-in', async () => {
    const app = await appWith({ loginRatePerMinute: 3 });
    try {
      const s = as(app, await signIn(app, 'nurse')); // 1st password check from this address
      const url = '/api/v1/bedside-checks/00000000-0000-4000-8000-000000000000/confirm';
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push((await s.post(url, { username: 'physician', password: 'guess-number-' + i })).statusCode);
      }
      expect(codes).toEqual([400, 400, 429]);
    } finally {
      await app.close();
    }
  });

  it('the password change (current password) is limited per account', async () => {
    const app = await appWith({ loginRatePerMinute: 100, passwordRatePerAccountPerMinute: 3 });
    try {
      const s = as(app, await signIn(app, 'data-manager')); // 1st check of this account
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push(
          (
            await s.post('/api/v1/session/password', {
              currentPassword: `guess-${i}-xxxxxxxx`,
              newPassword: 'saffron-glacier-otter',
            })
          ).statusCode
        );
      }
      expect(codes).toEqual([400, 400, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('absolute session timeout', () => {
  it('ends a busy session at its absolute limit', async () => {
    const t = await createTestApp('pglite', {
      config: { session: { idleMs: 60_000, absoluteMs: 1500, secureCookies: false } },
    });
    try {
      const s = await signIn(t.app, 'physician');
      for (let i = 0; i < 3; i++) {
        expect((await as(t.app, s).get('/api/v1/session')).statusCode).toBe(200);
        await new Promise((r) => setTimeout(r, 300));
      }
      await new Promise((r) => setTimeout(r, 800));
      expect((await as(t.app, s).get('/api/v1/session')).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});
