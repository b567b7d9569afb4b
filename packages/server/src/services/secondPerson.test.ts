import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { EngraftError } from '../errors';
import { findOrCreateCentre } from '../repo/centres';
import { freshDatabase } from '../testing/testApp';
import { createUser } from './auth';
import { confirmSecondPerson, refuseSecondRequest } from './secondPerson';

const refusal = async (p: Promise<unknown> | (() => unknown)): Promise<EngraftError> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof EngraftError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('the product lab two-person helper', () => {
  let db: Database;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    db = await freshDatabase('pglite');
    await migrate(db);
    const centre = await findOrCreateCentre(db, 'Helper Centre');
    const make = async (username: string, by: string | null) => {
      const creator = by ? { userId: ids[by]!, username: by } : { userId: null, username: 'setup' };
      const u = await createUser(db, creator, centre.id, {
        username,
        displayName: `User ${username}`,
        password: 'violet-harbour-lantern',
        roles: ['lab'],
      });
      ids[username] = u.id;
    };
    await make('admin-a', null);
    await make('lab-1', null);
    await make('lab-2', null);
    await make('lab-alt', 'admin-a');
  });
  afterAll(async () => db.close());

  it('refuses a second request while one is pending, naming who asked and the reason', async () => {
    const first = { requestedById: ids['lab-1']!, requestedBy: 'User lab-1', reason: 'bag leak' };
    const err = await refusal(() => refuseSecondRequest('discard', 'stored', first));
    expect(err.kind).toBe('conflict');
    expect(err.message).toMatch(/already requested by User lab-1 \(bag leak\)/);
    expect(err.errors[0]?.path).toBe('discard');
    expect(() => refuseSecondRequest('discard', 'stored', null)).not.toThrow();
    expect(() => refuseSecondRequest('release', 'processing', null)).not.toThrow();
  });

  it('refuses the move before anything else: a product that cannot be released or discarded', async () => {
    const err = await refusal(() => refuseSecondRequest('release', 'infused', null));
    expect(err.message).toMatch(/^cannot request release/);
    expect(err.errors[0]?.path).toBe('status');
    const again = await refusal(confirmSecondPerson(db, 'discard', 'discarded', null, ids['lab-2']!));
    expect(again.message).toMatch(/^cannot discard the product/);
  });

  it('refuses a confirmation with no pending request', async () => {
    const err = await refusal(confirmSecondPerson(db, 'release', 'processing', null, ids['lab-2']!));
    expect(err.message).toMatch(/release has not been requested/);
    expect(err.errors[0]?.path).toBe('release');
  });

  it('refuses the same account, and an account the requester created for the second person', async () => {
    const byOne = { requestedById: ids['lab-1']!, requestedBy: 'User lab-1' };
    const same = await refusal(confirmSecondPerson(db, 'release', 'processing', byOne, ids['lab-1']!));
    expect(same.message).toMatch(/second release signature .* same account/);
    const byAdmin = { requestedById: ids['admin-a']!, requestedBy: 'User admin-a', reason: 'expired' };
    const created = await refusal(confirmSecondPerson(db, 'discard', 'stored', byAdmin, ids['lab-alt']!));
    expect(created.message).toMatch(/confirmation of the discard .* created by the other/);
    const anonymous = await refusal(confirmSecondPerson(db, 'discard', 'stored', byOne, null));
    expect(anonymous.message).toMatch(/identified user/);
  });

  it('returns the pending request when a distinct person confirms', async () => {
    const byOne = { requestedById: ids['lab-1']!, requestedBy: 'User lab-1', reason: 'bag leak' };
    await expect(confirmSecondPerson(db, 'discard', 'stored', byOne, ids['lab-2']!)).resolves.toBe(byOne);
  });
});
