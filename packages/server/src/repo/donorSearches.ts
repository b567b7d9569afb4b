import type { Queryable } from '../db/database';
import { iso } from './rows';

export interface DonorSearchRow {
  id: string;
  episode_id: string;
  criteria: unknown;
  patient_typing: string;
  release: string;
  total: number;
  created_by_name: string | null;
  created_at: Date | string;
}

export interface StoredDonorSearch {
  id: string;
  episodeId: string;
  criteria: unknown;
  patientTyping: string;
  release: string;
  total: number;
  createdBy: string | null;
  createdAt: string;
}

const parseJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

const toSearch = (r: DonorSearchRow): StoredDonorSearch => ({
  id: r.id,
  episodeId: r.episode_id,
  criteria: parseJson(r.criteria),
  patientTyping: r.patient_typing,
  release: r.release,
  total: Number(r.total),
  createdBy: r.created_by_name,
  createdAt: iso(r.created_at),
});

export async function insertDonorSearch(
  db: Queryable,
  s: {
    centreId: string;
    episodeId: string;
    criteria: unknown;
    patientTyping: string;
    release: string;
    total: number;
    userId: string | null;
  }
): Promise<StoredDonorSearch> {
  const rows = await db.query<DonorSearchRow>(
    `with ins as (
       insert into donor_searches (centre_id, episode_id, criteria, patient_typing, release, total, created_by)
       values ($1,$2,$3::jsonb,$4,$5,$6,$7) returning *)
     select ins.*, u.display_name as created_by_name from ins left join users u on u.id = ins.created_by`,
    [s.centreId, s.episodeId, JSON.stringify(s.criteria), s.patientTyping, s.release, s.total, s.userId]
  );
  return toSearch(rows[0]!);
}

/** Stores the ranked hits (rank, donor id, summary) of a search in one statement. */
export async function insertDonorSearchResults(
  db: Queryable,
  searchId: string,
  hits: readonly { rank: number; donorId: string; summary: unknown }[]
): Promise<void> {
  if (hits.length === 0) return;
  await db.query(
    `insert into donor_search_results (search_id, rank, donor_id, summary)
     select $1, r.rank, r.donor_id, r.summary from jsonb_to_recordset($2::jsonb) as r(rank integer, donor_id text, summary jsonb)`,
    [searchId, JSON.stringify(hits.map((h) => ({ rank: h.rank, donor_id: h.donorId, summary: h.summary })))]
  );
}

export async function donorSearchesOfEpisode(
  db: Queryable,
  centreId: string,
  episodeId: string
): Promise<StoredDonorSearch[]> {
  const rows = await db.query<DonorSearchRow>(
    `select s.*, u.display_name as created_by_name from donor_searches s left join users u on u.id = s.created_by
     where s.centre_id = $1 and s.episode_id = $2 order by s.created_at desc, s.id`,
    [centreId, episodeId]
  );
  return rows.map(toSearch);
}

export async function getDonorSearch(
  db: Queryable,
  centreId: string,
  searchId: string
): Promise<StoredDonorSearch | undefined> {
  const rows = await db.query<DonorSearchRow>(
    `select s.*, u.display_name as created_by_name from donor_searches s left join users u on u.id = s.created_by
     where s.centre_id = $1 and s.id = $2`,
    [centreId, searchId]
  );
  return rows[0] && toSearch(rows[0]);
}

export async function donorSearchResults(
  db: Queryable,
  searchId: string,
  offset: number,
  limit: number
): Promise<{ stored: number; hits: unknown[] }> {
  const count = await db.query<{ n: number | string }>(
    'select count(*) as n from donor_search_results where search_id = $1',
    [searchId]
  );
  const rows = await db.query<{ summary: unknown }>(
    'select summary from donor_search_results where search_id = $1 order by rank offset $2 limit $3',
    [searchId, offset, limit]
  );
  return { stored: Number(count[0]?.n ?? 0), hits: rows.map((r) => parseJson(r.summary)) };
}

export async function isStoredHit(db: Queryable, searchId: string, donorId: string): Promise<boolean> {
  const rows = await db.query('select 1 from donor_search_results where search_id = $1 and donor_id = $2 limit 1', [
    searchId,
    donorId,
  ]);
  return rows.length > 0;
}
