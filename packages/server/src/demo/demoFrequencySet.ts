import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FrequencySetSummary } from '@engraft/domain';
import type { Database } from '../db/database';
import { findCentreByName } from '../repo/centres';
import { type Actor, appendAudit } from '../repo/auditLog';
import * as repo from '../repo/frequencySets';
import { centreDefaultFrequencySet, importFrequencySet } from '../services/frequencySets';
import { builtInDemoFrequencies, DEMO_FREQUENCY_SET_NAME } from './demoHaplotypes';
import { DEMO_CENTRE } from './demoCentre';

// The demo's haplotype frequency set (issue 16, ADR 0412): stored like an import, by the seed's system actor, as
// the demo centre's default, so the synthetic demo registry is sampled from the set searches rank with, and the
// registry snapshot records that set's name and SHA-256.

/** The seed's system actor in the demo centre (the one that writes every seeded record). */
const seeder = (centreId: string): Actor => ({ userId: null, username: 'demo-seeder', centreId });

/** Stores the built-in "DEMO-synthetic" set as the demo centre's default (audited as an import). */
export function seedDemoFrequencySet(db: Database, centreId: string): Promise<FrequencySetSummary> {
  return importFrequencySet(db, seeder(centreId), {
    name: DEMO_FREQUENCY_SET_NAME,
    fileBytes: Buffer.from(builtInDemoFrequencies(), 'utf8'),
    makeDefault: true,
  });
}

/**
 * ENGRAFT_DEMO_FREQS: stores the file as the demo centre's default (audited) and returns the name it is stored
 * under: the file's name without extension, or with the SHA-256's first 8 digits when a different set already has
 * that name. A file stored before (found by its SHA-256) is made the default again if it is no longer. A file the
 * parser refuses is an error naming the line.
 */
export async function storeDemoFrequencyFile(db: Database, path: string): Promise<string> {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const centre = await findCentreByName(db, DEMO_CENTRE);
  if (!centre) throw new Error('the demo centre is missing: the demo frequency file needs the seeded demo');
  const actor = seeder(centre.id);
  const stored = (await repo.listFrequencySets(db)).find((s) => s.sha256 === sha256);
  if (stored) {
    if ((await centreDefaultFrequencySet(db, centre.id)) !== stored.name) {
      await db.transaction(async (tx) => {
        await repo.setCentreDefault(tx, centre.id, stored.id, actor);
        await appendAudit(tx, actor, {
          action: 'update',
          entityType: 'frequency-set',
          entityId: stored.id,
          after: { name: stored.name, isCentreDefault: true, reason: 'ENGRAFT_DEMO_FREQS' },
        });
      });
    }
    return stored.name;
  }
  const base = path.replace(/^.*[\\/]/, '').replace(/\..*$/, '') || 'demo-freqs';
  const name = (await repo.findFrequencySet(db, base)) ? `${base}-${sha256.slice(0, 8)}` : base;
  await importFrequencySet(db, actor, { name, fileBytes: bytes, makeDefault: true });
  return name;
}

/**
 * The set the demo registry is sampled from when ENGRAFT_DEMO_FREQS is not set: the demo centre's default, or the
 * built-in set stored now for a demo database seeded before it was (undefined without a demo centre).
 */
export async function demoCentreFrequencySet(db: Database): Promise<string | undefined> {
  const centre = await findCentreByName(db, DEMO_CENTRE);
  if (!centre) return undefined;
  const current = await centreDefaultFrequencySet(db, centre.id);
  if (current) return current;
  if (!(await repo.findFrequencySet(db, DEMO_FREQUENCY_SET_NAME))) await seedDemoFrequencySet(db, centre.id);
  return DEMO_FREQUENCY_SET_NAME;
}
