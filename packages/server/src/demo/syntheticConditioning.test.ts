import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedDemo } from './seed';

describe('demo conditioning plans', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    await seedDemo(db, '2026-03-15');
  }, 240_000);
  afterAll(() => db.close());

  it('seeds verified Mel200, Flu/Bu4 and CAR-T Flu/Cy plans and one awaiting verification, by two physicians', async () => {
    const rows = await db.query<{ template_id: string; status: string; type: string; pu: string; vu: string | null }>(
      `select c.template_id, c.status, e.type, pu.username as pu, vu.username as vu from conditioning_plans c
       join episodes e on e.id = c.episode_id join users pu on pu.id = c.prescribed_by left join users vu on vu.id = c.verified_by order by c.template_id`
    );
    expect(rows.map((r) => [r.template_id, r.status, r.type])).toEqual([
      ['cart-flu30-cy500@1', 'active', 'car-t'],
      ['flu-bu4@1', 'active', 'allogeneic-hct'],
      ['flu-mel140@1', 'draft', 'allogeneic-hct'],
      ['mel200@1', 'active', 'autologous-hct'],
    ]);
    for (const r of rows) expect(r.pu).toBe('physician');
    expect(rows.filter((r) => r.status === 'active').every((r) => r.vu === 'physician2')).toBe(true);
    const events = await db.query<{ label: string }>(`select label from episode_events where kind = 'conditioning'`);
    expect(events).toHaveLength(7);
  });
});
