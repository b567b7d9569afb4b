import { describe, expect, it } from 'vitest';
import { DRIVERS, freshDatabase } from '../testing/testApp';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';

describe.each(DRIVERS)('migrations (%s)', (driver) => {
  it('applies every migration once and is idempotent', async () => {
    const db = await freshDatabase(driver);
    try {
      expect((await migrate(db)).applied).toEqual(MIGRATIONS.map((m) => m.version));
      expect((await migrate(db)).applied).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('migrations on a shared PostgreSQL server', () => {
  it('applies once when several instances start together', async () => {
    const db = await freshDatabase('postgres');
    try {
      const results = await Promise.all([migrate(db), migrate(db), migrate(db)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
    } finally {
      await db.close();
    }
  });
});
