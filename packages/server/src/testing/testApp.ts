import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@engraft/domain';
import pg from 'pg';
import { inject } from 'vitest';
import type { Config } from '../config';
import { type Database, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { type App, buildApp } from '../http/app';
import { findOrCreateCentre } from '../repo/centres';
import { createUser } from '../services/auth';
import type { DonorRegistrySource } from '../services/donorRegistry';

export type Driver = 'pglite' | 'postgres';
export const DRIVERS: Driver[] = ['pglite', 'postgres'];

export const testConfig = (over: Partial<Config> = {}): Config => ({
  port: 0,
  host: '127.0.0.1',
  databaseUrl: undefined,
  dataDir: 'memory://',
  session: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, secureCookies: false },
  lockout: { threshold: 5, durationMs: 15 * 60_000 },
  loginRatePerMinute: 1000,
  passwordRatePerAccountPerMinute: 1000,
  webDir: undefined,
  strictResponses: true,
  ...over,
});

/** A fresh empty database: in-memory PGlite, or a new database on the run's PostgreSQL server. */
export async function freshDatabase(driver: Driver): Promise<Database> {
  if (driver === 'pglite') return openDatabase({ dataDir: 'memory://' });
  return openDatabase({ databaseUrl: await freshPostgresUrl(), dataDir: 'unused' });
}

/** The URL of a new, empty database on the test PostgreSQL server. */
export async function freshPostgresUrl(): Promise<string> {
  const adminUrl = inject('pgUrl');
  const name = `engraft_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/** The password of a test user: one per role from createTestApp, and those addTestUser adds. */
export const passwordOf = (username: string): string => `test-${username}-password`;

export interface TestContext {
  app: App;
  db: Database;
  centreId: string;
  today: string;
  close(): Promise<void>;
}

/** App over a fresh database with one user per role (username = role) in one centre. */
export async function createTestApp(
  driver: Driver,
  opts: { config?: Partial<Config>; today?: string; donors?: DonorRegistrySource } = {}
): Promise<TestContext> {
  const db = await freshDatabase(driver);
  await migrate(db);
  const centre = await findOrCreateCentre(db, 'Test Centre');
  await Promise.all(
    ROLES.map((role) =>
      createUser(db, { userId: null, username: 'test-setup' }, centre.id, {
        username: role,
        displayName: `Test ${role}`,
        password: passwordOf(role),
        roles: [role],
      })
    )
  );
  const today = opts.today ?? '2026-03-15';
  const app = await buildApp({
    db,
    config: testConfig(opts.config),
    today: () => today,
    ...(opts.donors ? { donors: opts.donors } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    centreId: centre.id,
    today,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in through the API and returns the cookie and CSRF token to send back. */
export async function signIn(app: App, username: string, password = passwordOf(username)): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('engraft_session='));
  if (!setCookie) throw new Error('no session cookie');
  return { cookie: setCookie.split(';')[0]!, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** Request helper that sends the session cookie and, for writes, the CSRF header. */
export function as(app: App, s: Session) {
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, body?: unknown) => send('POST', url, body ?? {}),
    delete: (url: string) => send('DELETE', url),
    send,
  };
}

/** Signs in through the API (password `passwordOf(username)` unless given); the request helper of that session. */
export async function signedIn(t: TestContext, username: string, password?: string): Promise<ReturnType<typeof as>> {
  return as(t.app, await signIn(t.app, username, password));
}

/** Adds a user with the password `passwordOf(username)` to a centre (the test centre unless given); the user's id. */
export async function addTestUser(
  t: TestContext,
  user: { username: string; displayName: string; roles: Role[]; centreId?: string }
): Promise<string> {
  const { centreId = t.centreId, ...rest } = user;
  const created = await createUser(t.db, { userId: null, username: 'test-setup' }, centreId, {
    ...rest,
    password: passwordOf(user.username),
  });
  return created.id;
}
