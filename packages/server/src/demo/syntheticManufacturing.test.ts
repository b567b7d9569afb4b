import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedDemo } from './seed';

// The demo seeds manufacturing orders through the services: one received, one in manufacturing.
describe('demo manufacturing orders', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    await seedDemo(db, '2026-03-15');
  }, 120_000);
  afterAll(() => db.close());

  it('has orders received (one waiting for infusion) and one in manufacturing, with custody', async () => {
    const orders = await db.query<{ status: string; coi: string; n: number; product_status: string | null }>(
      `select o.status, o.coi, (select count(*)::int from custody_events c where c.order_id = o.id) as n, p.status as product_status
       from manufacturing_orders o left join products p on p.id = o.received_product_id order by o.status`
    );
    expect(orders.map((o) => o.status)).toEqual(['in-manufacturing', 'received', 'received', 'received']);
    expect(orders[0]!.n).toBe(3);
    expect(orders[1]).toMatchObject({ n: 5, product_status: 'stored' });
    // The one waiting for infusion: its episode has no day 0 yet.
    const waiting = await db.query(`select 1 from manufacturing_orders o join episodes e on e.id = o.episode_id where o.status = 'received' and e.actual_day_zero is null`);
    expect(waiting).toHaveLength(1);
    expect(orders.every((o) => /^CHW999926[0-9A-Z]{6}$/.test(o.coi))).toBe(true);
  });
});
