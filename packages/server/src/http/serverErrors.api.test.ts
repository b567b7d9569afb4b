import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { createTestApp, DRIVERS, signIn, testConfig } from '../testing/testApp';
import { buildApp } from './app';
import { databaseError } from './databaseErrors';
import { serverErrorSink } from './problem';

const original = serverErrorSink.write;
afterEach(() => {
  serverErrorSink.write = original;
});
const capture = (): string[] => {
  const lines: string[] = [];
  serverErrorSink.write = (line) => void lines.push(line);
  return lines;
};

describe('server errors (issue 14)', () => {
  it('logs a 500 even with the request log off (engraft serve --quiet), with the request id the user is shown', async () => {
    const t = await createTestApp('pglite');
    const s = await signIn(t.app, 'physician');
    const lines = capture();
    // A database that fails one statement the way an unexpected bug would.
    const failing: Database = {
      ...t.db,
      query: (sql, params, opts) =>
        /from patients/i.test(sql) ? Promise.reject(new TypeError('boom')) : t.db.query(sql, params, opts),
    };
    const app = await buildApp({ db: failing, config: testConfig(), today: () => t.today, logger: false });
    const res = await app.inject({ method: 'GET', url: '/api/v1/patients', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(500);
    const detail = res.json<{ detail: string }>().detail;
    const id = /request id (\S+?)\./.exec(detail)?.[1];
    expect(id).toBeTruthy();
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0]!) as { level: string; reqId: string; err: { message: string } };
    expect(logged).toMatchObject({ level: 'error', reqId: id, err: { message: 'boom' } });
    // Never the request: no query, body or cookie in the line.
    expect(lines[0]).not.toContain(s.cookie.split('=')[1]!);
    await app.close();
    await t.close();
  });

  it.each(DRIVERS)('answers 503 with Retry-After when the database is gone (%s), and logs it', async (driver) => {
    const t = await createTestApp(driver);
    const s = await signIn(t.app, 'physician');
    const lines = capture();
    await t.db.close();
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/patients', headers: { cookie: s.cookie } });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json<{ detail: string }>().detail).toMatch(/database is unreachable/);
    expect(lines.join('')).toMatch(/database unreachable/);
    await t.app.close();
  });

  it('maps driver errors: connection classes to 503, encoding to 400, unique violations to 409, anything else to none', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '08006', '08001', '57P01', '57P03', '53300']) {
      expect(databaseError({ code, message: 'x' })?.kind, code).toBe('unavailable');
    }
    expect(databaseError(new Error('PGlite is closed'))?.kind).toBe('unavailable');
    expect(databaseError({ code: '22021', message: 'invalid byte sequence' })?.kind).toBe('invalid');
    expect(
      databaseError({ code: '23505', message: 'duplicate key value violates unique constraint "x" Key (mrn)=(MRN-1)' })
    ).toMatchObject({ kind: 'conflict', message: expect.not.stringContaining('MRN-1') });
    for (const other of [{ code: '42P01', message: 'relation does not exist' }, new TypeError('x'), null, 'text']) {
      expect(databaseError(other)).toBeUndefined();
    }
  });
});
