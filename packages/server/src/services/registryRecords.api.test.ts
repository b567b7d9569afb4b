import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedDemo } from '../demo/seed';
import { countingDatabase } from '../testing/countingDatabase';
import { loadEpisodeRecord, loadEpisodeRecords } from './registryRecord';

const TODAY = '2026-05-10';

// The registries list reads every listed episode's record in one statement per source (ADR 0703). On the synthetic
// demo, each record must be exactly the one the per-episode path (the report preview's) gives.
describe('registry records of many episodes at once', { timeout: 600_000 }, () => {
  let db: Database;
  let centreId = '';
  let episodeIds: string[] = [];
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    await seedDemo(db, TODAY);
    centreId = (await db.query<{ id: string }>('select id from centres order by name limit 1'))[0]!.id;
    episodeIds = (
      await db.query<{ id: string }>('select id::text as id from episodes where centre_id = $1 order by id', [centreId])
    ).map((r) => r.id);
  }, 600_000);
  afterAll(() => db?.close());

  it('gives, for every demo episode, the record the per-episode path gives', async () => {
    const batch = await loadEpisodeRecords(db, centreId, episodeIds, TODAY);
    let perEpisode = 0;
    for (const id of episodeIds) {
      const c = countingDatabase(db);
      const one = await loadEpisodeRecord(c.db, centreId, id, TODAY);
      perEpisode += c.count();
      expect(batch.get(id), id).toEqual(one);
    }
    expect(batch.size).toBe(episodeIds.length);
    // Not a comparison of empty records: the demo has infusions, products, grades, recoveries and events.
    const records = [...batch.values()];
    expect(records.filter((r) => r.neutrophil?.date).length).toBeGreaterThan(3);
    for (const has of [
      (r: (typeof records)[number]) => r.products.length > 0,
      (r: (typeof records)[number]) => r.infusions.length > 0,
      (r: (typeof records)[number]) => r.grades.length > 0,
      (r: (typeof records)[number]) => r.donor !== null,
      (r: (typeof records)[number]) => r.conditioning !== null,
      (r: (typeof records)[number]) => r.events.length > 0,
    ]) {
      expect(records.filter(has).length, String(has)).toBeGreaterThan(0);
    }
    expect(perEpisode / episodeIds.length).toBeGreaterThan(11);
  });

  it('takes 16 statements for all the episodes, as for a few', async () => {
    const all = countingDatabase(db);
    await loadEpisodeRecords(all.db, centreId, episodeIds, TODAY);
    expect(all.count()).toBe(16);
    const few = countingDatabase(db);
    await loadEpisodeRecords(few.db, centreId, episodeIds.slice(0, 3), TODAY);
    expect(few.count()).toBe(16);
  });

  it('leaves out episodes that are not the centre’s, and reads nothing for none', async () => {
    const other = '00000000-0000-4000-8000-000000000000';
    const got = await loadEpisodeRecords(db, other, episodeIds.slice(0, 2), TODAY);
    expect(got.size).toBe(0);
    const none = countingDatabase(db);
    expect((await loadEpisodeRecords(none.db, centreId, [], TODAY)).size).toBe(0);
    expect(none.count()).toBe(0);
  });
});
