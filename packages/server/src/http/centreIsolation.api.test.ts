import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCentre } from '../repo/centres';
import { createUser } from '../services/auth';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

describe.each(DRIVERS)('centres see only their own patients (%s)', (driver) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp(driver);
    const other = await findOrCreateCentre(t.db, 'Other Centre');
    await createUser(t.db, { userId: null, username: 'setup' }, other.id, {
      username: 'other-coord',
      displayName: 'Other',
      password: 'other-centre-password',
      roles: ['coordinator'],
    });
  });
  afterAll(() => t.close());

  it('hides another centre’s patient and allows the same MRN there', async () => {
    const mine = as(t.app, await signIn(t.app, 'coordinator'));
    const theirs = as(t.app, await signIn(t.app, 'other-coord', 'other-centre-password'));
    const p = { mrn: 'SHARED-1', familyName: 'Alpha', givenName: 'Ann', dateOfBirth: '1970-01-01', sex: 'female' };
    const created = await mine.post('/api/v1/patients', p);
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await theirs.get(`/api/v1/patients/${id}`)).statusCode).toBe(404);
    expect((await theirs.get('/api/v1/patients?q=alpha')).json<{ total: number }>().total).toBe(0);
    expect((await theirs.post('/api/v1/patients', p)).statusCode).toBe(201);
    expect(
      (
        await theirs.post(`/api/v1/patients/${id}/diagnoses`, {
          disease: 'AML',
          diagnosisDate: '2025-01-01',
          status: 'CR1',
        })
      ).statusCode
    ).toBe(404);
  });
});
