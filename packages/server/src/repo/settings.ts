import type { Queryable } from '../db/database';
import { iso } from './rows';

// Per-centre settings documents (migration 0010), one per area; the service merges them over the defaults.

export interface SettingsRow {
  settings: unknown;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function getSettings(db: Queryable, centreId: string, area: string): Promise<SettingsRow | null> {
  const rows = await db.query<{ settings: unknown; updated_at: Date | string; updated_by_name: string | null }>(
    `select s.settings, s.updated_at, u.display_name as updated_by_name
     from centre_settings s left join users u on u.id = s.updated_by where s.centre_id = $1 and s.area = $2`,
    [centreId, area]
  );
  const r = rows[0];
  return r ? { settings: r.settings, updatedAt: iso(r.updated_at), updatedBy: r.updated_by_name } : null;
}

export async function putSettings(
  db: Queryable,
  centreId: string,
  area: string,
  settings: unknown,
  userId: string | null
): Promise<void> {
  await db.query(
    `insert into centre_settings (centre_id, area, settings, updated_by) values ($1,$2,$3::jsonb,$4)
     on conflict (centre_id, area) do update set settings = excluded.settings, updated_by = excluded.updated_by, updated_at = now()`,
    [centreId, area, JSON.stringify(settings), userId]
  );
}
