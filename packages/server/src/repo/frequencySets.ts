import type { Queryable } from '../db/database';
import { iso } from './rows';

// SQL of the stored haplotype frequency sets (migration 0018, ADR 0411). Sets are only inserted.

export interface FrequencySetRow {
  id: string;
  name: string;
  population: string | null;
  populations: string[];
  loci: string[];
  resolution: 'G' | 'P' | 'lgx' | '2-field';
  haplotypeCount: number;
  originalSum: number;
  sha256: string;
  importedBy: string;
  importedAt: string;
}

interface Row {
  id: string;
  name: string;
  population: string | null;
  populations: string[];
  loci: string[];
  resolution: FrequencySetRow['resolution'];
  haplotype_count: number;
  original_sum: number;
  sha256: string;
  imported_by_name: string;
  imported_at: Date | string;
}

const COLUMNS = `id, name, population, populations, loci, resolution, haplotype_count, original_sum, sha256,
  imported_by_name, imported_at`;

const toSet = (r: Row): FrequencySetRow => ({
  id: r.id,
  name: r.name,
  population: r.population,
  populations: r.populations,
  loci: r.loci,
  resolution: r.resolution,
  haplotypeCount: Number(r.haplotype_count),
  originalSum: Number(r.original_sum),
  sha256: r.sha256,
  importedBy: r.imported_by_name,
  importedAt: iso(r.imported_at),
});

export type FrequencySetInsert = Omit<FrequencySetRow, 'id' | 'importedBy' | 'importedAt'> & { contentGz: Buffer };

/** Inserts a set; undefined when the name is taken (the caller reports it). */
export async function insertFrequencySet(
  db: Queryable,
  by: { userId: string | null; username: string },
  s: FrequencySetInsert
): Promise<FrequencySetRow | undefined> {
  const rows = await db.query<Row>(
    `insert into frequency_sets (name, population, populations, loci, resolution, haplotype_count, original_sum,
       sha256, content_gz, imported_by, imported_by_name)
     values ($1, $2, $3::text[], $4::text[], $5, $6, $7, $8, $9, $10, $11)
     on conflict (name) do nothing
     returning ${COLUMNS}`,
    [
      s.name,
      s.population,
      s.populations,
      s.loci,
      s.resolution,
      s.haplotypeCount,
      s.originalSum,
      s.sha256,
      s.contentGz,
      by.userId,
      by.username,
    ]
  );
  return rows[0] ? toSet(rows[0]) : undefined;
}

export async function listFrequencySets(db: Queryable): Promise<FrequencySetRow[]> {
  return (await db.query<Row>(`select ${COLUMNS} from frequency_sets order by name`)).map(toSet);
}

/** The set's description and its file (gzip), by name. */
export async function findFrequencySet(
  db: Queryable,
  name: string
): Promise<(FrequencySetRow & { contentGz: Uint8Array }) | undefined> {
  const rows = await db.query<Row & { content_gz: Uint8Array }>(
    `select ${COLUMNS}, content_gz from frequency_sets where name = $1`,
    [name]
  );
  const r = rows[0];
  return r ? { ...toSet(r), contentGz: r.content_gz } : undefined;
}

/** Name of the centre's default set, if any. */
export async function centreDefaultSet(db: Queryable, centreId: string): Promise<string | null> {
  const rows = await db.query<{ name: string }>(
    `select s.name from centre_frequency_set_defaults d join frequency_sets s on s.id = d.frequency_set_id
     where d.centre_id = $1`,
    [centreId]
  );
  return rows[0]?.name ?? null;
}

export async function setCentreDefault(
  db: Queryable,
  centreId: string,
  setId: string,
  by: { username: string }
): Promise<void> {
  await db.query(
    `insert into centre_frequency_set_defaults (centre_id, frequency_set_id, set_by_name) values ($1, $2, $3)
     on conflict (centre_id) do update set frequency_set_id = excluded.frequency_set_id,
       set_by_name = excluded.set_by_name, set_at = now()`,
    [centreId, setId, by.username]
  );
}
