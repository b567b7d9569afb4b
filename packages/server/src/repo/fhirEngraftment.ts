import type { Episode } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { EPISODE_SELECT, toEpisode } from './episodes';

type EpisodeRow = Parameters<typeof toEpisode>[0];

/**
 * The centre's infused episodes (a day 0 that happened), the only ones with engraftment dates to serve as FHIR
 * Observations (ADR 0704); narrowed to one patient and/or some episode ids when given (compared as text, so a
 * malformed id matches nothing instead of failing the cast).
 */
export async function infusedEpisodes(
  db: Queryable,
  centreId: string,
  scope: { patientId?: string; episodeIds?: readonly string[] }
): Promise<Episode[]> {
  const rows = await db.query<EpisodeRow>(
    `${EPISODE_SELECT} where e.centre_id = $1 and e.actual_day_zero is not null
        and ($2::text is null or e.patient_id::text = $2) and ($3::text[] is null or e.id::text = any($3::text[]))
      order by e.actual_day_zero, e.id`,
    [centreId, scope.patientId ?? null, scope.episodeIds ? [...scope.episodeIds] : null]
  );
  return rows.map(toEpisode);
}
