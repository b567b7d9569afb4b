import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FrequencySetList, FrequencySetSummary } from '@engraft/domain';
import { type FrequencySet, FrequencySetError, parseFrequencySet } from '@engraft/donors';
import type { Database, Queryable } from '../db/database';
import { EngraftError, conflict, invalid, notFound } from '../errors';
import type { Actor } from '../repo/auditLog';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/frequencySets';

// Haplotype frequency sets stored on the server (issue 16, ADR 0411). The file is parsed by @engraft/donors
// `parseFrequencySet` (ADR 0410) before anything is written; a refusal names the line. The file is stored
// gzip-compressed as given (one row per set), and parsed again, once per process, when a search uses it.

export interface FrequencySetFileInput {
  readonly name: string;
  /** The population searches use: required when the file holds several; the label of a Haplo,Count,Freq file. */
  readonly population?: string | undefined;
  /** The file as given, gzip or plain. */
  readonly fileBytes: Uint8Array;
  /** Make it the default of the actor's centre (the first set a centre imports is its default anyway). */
  readonly makeDefault?: boolean | undefined;
}

/** A stored set parsed for use, with the population searches impute under. */
export interface LoadedFrequencySet {
  readonly name: string;
  readonly sha256: string;
  readonly population: string;
  readonly set: FrequencySet;
}

const isGzip = (b: Uint8Array): boolean => b[0] === 0x1f && b[1] === 0x8b;

function textOf(bytes: Uint8Array): string {
  try {
    return (isGzip(bytes) ? gunzipSync(bytes) : Buffer.from(bytes)).toString('utf8');
  } catch {
    throw invalid('content', 'the file starts like gzip but does not decompress');
  }
}

function parsed(text: string, population: string | undefined): { set: FrequencySet; population: string } {
  let set: FrequencySet;
  try {
    set = parseFrequencySet(text, population ? { population } : {});
  } catch (err) {
    if (err instanceof FrequencySetError) {
      throw new EngraftError(
        'invalid',
        err.message,
        err.issues.slice(0, 20).map((i) => ({ path: 'content', message: `line ${i.line}: ${i.message}` }))
      );
    }
    throw err;
  }
  const labels = set.populations.map((p) => p.label);
  if (population && set.format === 'hap-pop-freq' && !labels.includes(population)) {
    throw invalid('population', `population '${population}' is not in the file (it holds ${labels.join(', ')})`);
  }
  if (!population && labels.length > 1) {
    throw invalid('population', `the file holds several populations (${labels.join(', ')}): name the one to use`);
  }
  return { set, population: population ?? labels[0] ?? '1' };
}

/** Parses, stores and audits a set; the actor's centre gets it as its default if it has none. */
export async function importFrequencySet(
  db: Database,
  actor: Actor,
  input: FrequencySetFileInput
): Promise<FrequencySetSummary> {
  const { set, population } = parsed(textOf(input.fileBytes), input.population);
  const sha256 = createHash('sha256').update(input.fileBytes).digest('hex');
  const pop = set.populations.find((p) => p.label === population);
  const contentGz = isGzip(input.fileBytes) ? Buffer.from(input.fileBytes) : gzipSync(input.fileBytes);
  return db.transaction(async (tx) => {
    const row = await repo.insertFrequencySet(tx, actor, {
      name: input.name,
      population: input.population ?? null,
      populations: set.populations.map((p) => p.label),
      loci: [...set.loci],
      resolution: set.resolution,
      haplotypeCount: pop?.count ?? set.haplotypes.length,
      originalSum: pop?.originalSum ?? 1,
      sha256,
      contentGz,
    });
    if (!row) throw conflict(`a frequency set named '${input.name}' exists already`, 'name');
    let isCentreDefault = false;
    if (actor.centreId && (input.makeDefault || (await repo.centreDefaultSet(tx, actor.centreId)) === null)) {
      await repo.setCentreDefault(tx, actor.centreId, row.id, actor);
      isCentreDefault = true;
    }
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'frequency-set',
      entityId: row.id,
      after: { name: row.name, population: row.population, sha256, haplotypes: row.haplotypeCount, isCentreDefault },
    });
    return { ...row, isCentreDefault };
  });
}

/** Every stored set, with the centre's default marked. */
export async function listFrequencySets(db: Queryable, centreId: string | null): Promise<FrequencySetList> {
  const [sets, centreDefault] = await Promise.all([
    repo.listFrequencySets(db),
    centreId ? repo.centreDefaultSet(db, centreId) : Promise.resolve(null),
  ]);
  return { sets: sets.map((s) => ({ ...s, isCentreDefault: s.name === centreDefault })), centreDefault };
}

/** The centre's default set name, if any. */
export const centreDefaultFrequencySet = (db: Queryable, centreId: string): Promise<string | null> =>
  repo.centreDefaultSet(db, centreId);

const cache = new Map<string, LoadedFrequencySet>();

/** The stored set, parsed (cached per process by name and SHA-256; sets are never changed in place). */
export async function loadFrequencySet(db: Queryable, name: string): Promise<LoadedFrequencySet> {
  const row = await repo.findFrequencySet(db, name);
  if (!row) throw notFound(`frequency set '${name}'`);
  const key = `${row.name}\u0000${row.sha256}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { set, population } = parsed(gunzipSync(row.contentGz).toString('utf8'), row.population ?? undefined);
  const loaded = { name: row.name, sha256: row.sha256, population, set };
  cache.set(key, loaded);
  return loaded;
}

/** The generator's loci, in the order its haplotype lines are written (`@engraft/donors` RegistryGenerator). */
const GENERATOR_LOCI = ['A', 'C', 'B', 'DRB1', 'DQB1'] as const;

/**
 * The stored set a synthetic demo registry is sampled from (issue 16, ADR 0412): `preferred` (the demo centre's
 * default) when it types A, C, B, DRB1 and DQB1, else the most recently imported set that does, written as the
 * generator reads it (`A~C~B~DRB1~DQB1,population,frequency` lines of its population); undefined when none fits.
 */
export async function demoFrequencySet(
  db: Queryable,
  preferred?: string
): Promise<{ name: string; sha256: string; text: string } | undefined> {
  const rows = await repo.listFrequencySets(db);
  const fitting = rows.filter((r) => GENERATOR_LOCI.every((l) => r.loci.includes(l)));
  const newest =
    fitting.find((r) => r.name === preferred) ??
    [...fitting].sort((a, b) => b.importedAt.localeCompare(a.importedAt))[0];
  if (!newest) return undefined;
  const loaded = await loadFrequencySet(db, newest.name);
  const order = GENERATOR_LOCI.map((l) => loaded.set.loci.indexOf(l));
  const population = loaded.set.populations.find((p) => p.label === loaded.population);
  if (!population) return undefined;
  const lines: string[] = [];
  loaded.set.haplotypes.forEach((h, i) => {
    const f = population.frequencies[i] ?? 0;
    if (f > 0) lines.push(`${order.map((k) => h[k]).join('~')},${population.label},${f}`);
  });
  return { name: loaded.name, sha256: loaded.sha256, text: lines.join('\n') };
}
