import type { Donor, DonorSource, DonorStatus } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso, numOrNull } from './rows';

// Episode donors and their work-up history (migrations 0004, 0005). Every query filters by centre.

interface DonorRow {
  id: string;
  episode_id: string;
  source: DonorSource;
  relationship: string | null;
  match_grade: string | null;
  registry_donor_id: string | null;
  donor_search_id: string | null;
  display_name: string;
  hla_typing: string | null;
  sex: string | null;
  birth_date: string | null;
  birth_year: number | string | null;
  abo_rh: string | null;
  cmv: Donor['cmv'];
  weight_kg: string | number | null;
  cord_bank: string | null;
  cord_tnc: string | number | null;
  cord_cd34: string | number | null;
  status: DonorStatus;
  status_on: string;
  created_at: Date | string;
}

interface HistoryRow {
  donor_id: string;
  status: DonorStatus;
  status_on: string;
  note: string | null;
  recorded_by_name: string | null;
}

const toDonor = (r: DonorRow, history: HistoryRow[]): Donor => ({
  id: r.id,
  episodeId: r.episode_id,
  source: r.source,
  relationship: r.relationship,
  matchGrade: r.match_grade,
  registryDonorId: r.registry_donor_id,
  donorSearchId: r.donor_search_id,
  displayName: r.display_name,
  hlaTyping: r.hla_typing,
  sex: r.sex,
  birthDate: r.birth_date,
  birthYear: r.birth_year == null ? null : Number(r.birth_year),
  aboRh: r.abo_rh,
  cmv: r.cmv,
  weightKg: numOrNull(r.weight_kg),
  cordBank: r.cord_bank,
  cordTnc: numOrNull(r.cord_tnc),
  cordCd34: numOrNull(r.cord_cd34),
  status: r.status,
  statusOn: r.status_on,
  history: history
    .filter((h) => h.donor_id === r.id)
    .map((h) => ({ status: h.status, on: h.status_on, note: h.note, recordedBy: h.recorded_by_name })),
  createdAt: iso(r.created_at),
});

export interface DonorInsert {
  source: DonorSource;
  relationship?: string | null;
  matchGrade?: string | null;
  registryDonorId?: string | null;
  donorSearchId?: string | null;
  displayName: string;
  hlaTyping?: string | null;
  sex?: string | null;
  birthDate?: string | null;
  birthYear?: number | null;
  aboRh?: string | null;
  cmv: Donor['cmv'];
  weightKg?: number | null;
  cordBank?: string | null;
  cordTnc?: number | null;
  cordCd34?: number | null;
}

/** Inserts a donor at 'identified' on `on`, with its first history row. */
export async function insertDonor(
  db: Queryable,
  centreId: string,
  episodeId: string,
  d: DonorInsert,
  on: string,
  userId: string | null
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into episode_donors (centre_id, episode_id, source, relationship, match_grade, registry_donor_id, donor_search_id, display_name, hla_typing,
       sex, birth_date, birth_year, abo_rh, cmv, weight_kg, cord_bank, cord_tnc, cord_cd34, status, status_on, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,'identified',$19,$20) returning id`,
    [
      centreId,
      episodeId,
      d.source,
      d.relationship ?? null,
      d.matchGrade ?? null,
      d.registryDonorId ?? null,
      d.donorSearchId ?? null,
      d.displayName,
      d.hlaTyping ?? null,
      d.sex ?? null,
      d.birthDate ?? null,
      d.birthYear ?? null,
      d.aboRh ?? null,
      d.cmv,
      d.weightKg ?? null,
      d.cordBank ?? null,
      d.cordTnc ?? null,
      d.cordCd34 ?? null,
      on,
      userId,
    ]
  );
  const id = rows[0]!.id;
  await insertDonorStatusEvent(db, id, 'identified', on, null, userId);
  return id;
}

export async function insertDonorStatusEvent(
  db: Queryable,
  donorId: string,
  status: DonorStatus,
  on: string,
  note: string | null,
  userId: string | null
): Promise<void> {
  await db.query(
    'insert into donor_status_events (donor_id, status, status_on, note, recorded_by) values ($1,$2,$3,$4,$5)',
    [donorId, status, on, note, userId]
  );
}

export async function setDonorStatus(db: Queryable, donorId: string, status: DonorStatus, on: string): Promise<void> {
  await db.query('update episode_donors set status = $2, status_on = $3, updated_at = now() where id = $1', [
    donorId,
    status,
    on,
  ]);
}

const HISTORY = `select e.donor_id, e.status, e.status_on, e.note, u.display_name as recorded_by_name
  from donor_status_events e join episode_donors d on d.id = e.donor_id left join users u on u.id = e.recorded_by`;

export async function getDonor(db: Queryable, centreId: string, id: string): Promise<Donor | undefined> {
  const rows = await db.query<DonorRow>('select * from episode_donors where centre_id = $1 and id = $2', [
    centreId,
    id,
  ]);
  if (!rows[0]) return undefined;
  const history = await db.query<HistoryRow>(
    `${HISTORY} where d.centre_id = $1 and d.id = $2 order by e.status_on, e.created_at`,
    [centreId, id]
  );
  return toDonor(rows[0], history);
}

export async function listEpisodeDonors(db: Queryable, centreId: string, episodeId: string): Promise<Donor[]> {
  const rows = await db.query<DonorRow>(
    'select * from episode_donors where centre_id = $1 and episode_id = $2 order by created_at, id',
    [centreId, episodeId]
  );
  const history = await db.query<HistoryRow>(
    `${HISTORY} where d.centre_id = $1 and d.episode_id = $2 order by e.status_on, e.created_at`,
    [centreId, episodeId]
  );
  return rows.map((r) => toDonor(r, history));
}

/** The stored summary of one donor of a saved search of this centre (or undefined). */
export async function storedSearchHit(
  db: Queryable,
  centreId: string,
  searchId: string,
  donorId: string
): Promise<{ episodeId: string; summary: unknown; criteria: unknown } | undefined> {
  const rows = await db.query<{ episode_id: string; summary: unknown; criteria: unknown }>(
    `select s.episode_id, r.summary, s.criteria from donor_search_results r join donor_searches s on s.id = r.search_id
     where s.centre_id = $1 and s.id = $2 and r.donor_id = $3 limit 1`,
    [centreId, searchId, donorId]
  );
  const r = rows[0];
  if (!r) return undefined;
  const parse = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
  return { episodeId: r.episode_id, summary: parse(r.summary), criteria: parse(r.criteria) };
}

/** Completes a donor's details: given values replace the stored ones, null keeps them. */
export async function updateDonorDetails(
  db: Queryable,
  centreId: string,
  donorId: string,
  d: {
    hlaTyping: string | null;
    sex: string | null;
    birthDate: string | null;
    birthYear: number | null;
    aboRh: string | null;
    cmv: string | null;
    weightKg: number | null;
  }
): Promise<void> {
  await db.query(
    `update episode_donors set hla_typing = coalesce($3, hla_typing), sex = coalesce($4, sex), birth_date = coalesce($5::date, birth_date),
       birth_year = coalesce($6, birth_year), abo_rh = coalesce($7, abo_rh), cmv = coalesce($8, cmv), weight_kg = coalesce($9, weight_kg), updated_at = now()
     where centre_id = $1 and id = $2`,
    [centreId, donorId, d.hlaTyping, d.sex, d.birthDate, d.birthYear, d.aboRh, d.cmv, d.weightKg]
  );
}
