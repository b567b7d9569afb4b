import type {
  BedsideCheck,
  BedsideFinding,
  BedsideNormalized,
  Infusion,
  InfusionDose,
  InfusionReaction,
} from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso } from './rows';

// Bedside checks and infusions (migration 0009). A check's product is shown only when the bag is this
// patient's: a refused bag of another patient stays in the table for the record, never in the answer.

interface CheckRow {
  id: string;
  episode_id: string;
  product_id: string | null;
  own_product: boolean;
  p_din: string | null;
  p_product_code: string | null;
  p_division: string | null;
  p_description: string | null;
  p_kind: string | null;
  scanned_mrn: string;
  scanned_din: string;
  scanned_product_code: string | null;
  scanned_division: string | null;
  scanned_coi: string | null;
  result: 'pass' | 'stop';
  stops: BedsideFinding[];
  warnings: BedsideFinding[];
  rule_id: string;
  performed_by: string;
  performed_by_name: string;
  performed_at: Date | string;
  confirmed_by: string | null;
  confirmed_by_name: string | null;
  confirmed_at: Date | string | null;
  infusion_id: string | null;
  patient_id: string;
}

export type StoredCheck = BedsideCheck & {
  performedById: string;
  confirmedById: string | null;
  patientId: string;
  rawProductId: string | null;
};

const toCheck = (r: CheckRow): StoredCheck => ({
  id: r.id,
  episodeId: r.episode_id,
  productId: r.own_product ? r.product_id : null,
  product:
    r.own_product && r.p_din
      ? {
          din: r.p_din,
          productCode: r.p_product_code!,
          division: r.p_division!,
          description: r.p_description!,
          kind: r.p_kind!,
        }
      : null,
  scanned: {
    mrn: r.scanned_mrn,
    din: r.scanned_din,
    productCode: r.scanned_product_code,
    division: r.scanned_division,
    coi: r.scanned_coi,
  },
  result: r.result,
  stops: r.stops,
  warnings: r.warnings,
  ruleId: r.rule_id,
  performedBy: r.performed_by_name,
  performedAt: iso(r.performed_at),
  confirmedBy: r.confirmed_by_name,
  confirmedAt: r.confirmed_at == null ? null : iso(r.confirmed_at),
  infusionId: r.infusion_id,
  performedById: r.performed_by,
  confirmedById: r.confirmed_by,
  patientId: r.patient_id,
  rawProductId: r.product_id,
});

/**
 * The API shape (no internal ids). A wristband that was not this patient's is another person's identifier: it
 * stays in the table for the record but is not shown on this patient's pages.
 */
export const publicCheck = (c: StoredCheck): BedsideCheck => {
  const { performedById: _a, confirmedById: _b, patientId: _c, rawProductId: _d, ...rest } = c;
  return c.stops.some((s) => s.code === 'wrong-patient')
    ? { ...rest, scanned: { ...rest.scanned, mrn: '(another wristband)' } }
    : rest;
};

const CHECK_SELECT = `select c.*, (p.patient_id = c.patient_id) as own_product, p.din as p_din, p.product_code as p_product_code,
    p.division as p_division, p.description as p_description, p.kind as p_kind,
    u1.display_name as performed_by_name, u2.display_name as confirmed_by_name,
    (select i.id from infusions i where i.bedside_check_id = c.id) as infusion_id
  from bedside_checks c left join products p on p.id = c.product_id
  join users u1 on u1.id = c.performed_by left join users u2 on u2.id = c.confirmed_by`;

export async function insertBedsideCheck(
  db: Queryable,
  centreId: string,
  c: {
    episodeId: string;
    patientId: string;
    productId: string | null;
    scanned: {
      mrn: string;
      din: string;
      productCode?: string | undefined;
      division?: string | undefined;
      coi?: string | undefined;
    };
    normalized: BedsideNormalized;
    result: 'pass' | 'stop';
    stops: BedsideFinding[];
    warnings: BedsideFinding[];
    ruleId: string;
    performedBy: string;
  }
): Promise<StoredCheck> {
  const rows = await db.query<{ id: string }>(
    `insert into bedside_checks (centre_id, episode_id, patient_id, product_id, scanned_mrn, scanned_din, scanned_product_code, scanned_division,
       scanned_coi, normalized, result, stops, warnings, rule_id, performed_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) returning id`,
    [
      centreId,
      c.episodeId,
      c.patientId,
      c.productId,
      c.scanned.mrn,
      c.scanned.din,
      c.scanned.productCode || null,
      c.scanned.division || null,
      c.scanned.coi || null,
      JSON.stringify(c.normalized),
      c.result,
      JSON.stringify(c.stops),
      JSON.stringify(c.warnings),
      c.ruleId,
      c.performedBy,
    ]
  );
  return (await getBedsideCheck(db, centreId, rows[0]!.id))!;
}

export async function getBedsideCheck(
  db: Queryable,
  centreId: string,
  id: string,
  opts: { forUpdate?: boolean } = {}
): Promise<StoredCheck | undefined> {
  if (opts.forUpdate) {
    await db.query('select id from bedside_checks where centre_id = $1 and id = $2 for update', [centreId, id]);
  }
  const rows = await db.query<CheckRow>(`${CHECK_SELECT} where c.centre_id = $1 and c.id = $2`, [centreId, id]);
  return rows[0] && toCheck(rows[0]);
}

export async function listBedsideChecks(db: Queryable, centreId: string, episodeId: string): Promise<StoredCheck[]> {
  const rows = await db.query<CheckRow>(
    `${CHECK_SELECT} where c.centre_id = $1 and c.episode_id = $2 order by c.performed_at desc, c.id`,
    [centreId, episodeId]
  );
  return rows.map(toCheck);
}

export async function confirmBedsideCheck(db: Queryable, id: string, userId: string): Promise<void> {
  await db.query('update bedside_checks set confirmed_by = $2, confirmed_at = now() where id = $1', [id, userId]);
}

/** The re-run at confirmation found a stop: the check becomes a refused one (and shows on the worklist). */
export async function refuseAtConfirmation(
  db: Queryable,
  id: string,
  stops: BedsideFinding[],
  warnings: BedsideFinding[]
): Promise<void> {
  await db.query(
    `update bedside_checks set result = 'stop', stops = $2, warnings = $3, refused_at_confirmation = true where id = $1`,
    [id, JSON.stringify(stops), JSON.stringify(warnings)]
  );
}

export interface RecentStopRow {
  id: string;
  episode_id: string;
  patient_id: string;
  mrn: string;
  family_name: string;
  given_name: string;
  day_zero: string;
  performed_at: Date | string;
  performed_by_name: string;
  stops: BedsideFinding[];
}

/** Refused checks of the centre since a moment, newest first, with the episode's patient (for the worklist). */
export async function recentBedsideStops(db: Queryable, centreId: string, since: string): Promise<RecentStopRow[]> {
  return db.query<RecentStopRow>(
    `select c.id, c.episode_id, p.id as patient_id, p.mrn, p.family_name, p.given_name,
            coalesce(e.actual_day_zero, e.planned_day_zero)::text as day_zero, c.performed_at, u.display_name as performed_by_name, c.stops
     from bedside_checks c join episodes e on e.id = c.episode_id join patients p on p.id = c.patient_id join users u on u.id = c.performed_by
     where c.centre_id = $1 and c.result = 'stop' and c.performed_at >= $2::timestamptz
     order by c.performed_at desc`,
    [centreId, since]
  );
}

/** Chain of Identity identifiers of the episode's manufacturing orders, and their product names. */
export async function ordersOfEpisode(
  db: Queryable,
  centreId: string,
  episodeId: string
): Promise<{ id: string; coi: string; product_name: string }[]> {
  return db.query(
    'select id, coi, product_name from manufacturing_orders where centre_id = $1 and episode_id = $2 order by created_at',
    [centreId, episodeId]
  );
}

export async function donorAboOf(db: Queryable, centreId: string, donorId: string): Promise<string | null> {
  const rows = await db.query<{ abo_rh: string | null }>(
    'select abo_rh from episode_donors where centre_id = $1 and id = $2',
    [centreId, donorId]
  );
  return rows[0]?.abo_rh ?? null;
}

// ---- infusions ----

interface InfusionRow {
  id: string;
  episode_id: string;
  product_id: string;
  bedside_check_id: string;
  p_din: string;
  p_product_code: string;
  p_division: string;
  p_description: string;
  p_kind: string;
  started_at: Date | string;
  ended_at: Date | string | null;
  volume_ml: string | null;
  reactions: InfusionReaction[];
  reaction_note: string | null;
  weight_kg: string | null;
  dose: InfusionDose | null;
  checked_by_name: string;
  confirmed_by_name: string;
  started_by_name: string;
  completed_by_name: string | null;
  patient_id: string;
}

export type StoredInfusion = Infusion & { patientId: string };

const toInfusion = (r: InfusionRow): StoredInfusion => ({
  id: r.id,
  episodeId: r.episode_id,
  productId: r.product_id,
  bedsideCheckId: r.bedside_check_id,
  product: {
    din: r.p_din,
    productCode: r.p_product_code,
    division: r.p_division,
    description: r.p_description,
    kind: r.p_kind,
  },
  startedAt: iso(r.started_at),
  endedAt: r.ended_at == null ? null : iso(r.ended_at),
  volumeMl: r.volume_ml == null ? null : Number(r.volume_ml),
  reactions: r.reactions,
  reactionNote: r.reaction_note,
  weightKg: r.weight_kg == null ? null : Number(r.weight_kg),
  dose: r.dose,
  checkedBy: r.checked_by_name,
  confirmedBy: r.confirmed_by_name,
  startedBy: r.started_by_name,
  completedBy: r.completed_by_name,
  patientId: r.patient_id,
});

export const publicInfusion = (i: StoredInfusion): Infusion => {
  const { patientId: _p, ...rest } = i;
  return rest;
};

const INFUSION_SELECT = `select i.*, p.din as p_din, p.product_code as p_product_code, p.division as p_division, p.description as p_description, p.kind as p_kind,
    u1.display_name as checked_by_name, u2.display_name as confirmed_by_name, u3.display_name as started_by_name, u4.display_name as completed_by_name
  from infusions i join products p on p.id = i.product_id join users u1 on u1.id = i.checked_by join users u2 on u2.id = i.confirmed_by
  join users u3 on u3.id = i.started_by left join users u4 on u4.id = i.completed_by`;

export async function insertInfusion(
  db: Queryable,
  centreId: string,
  i: {
    episodeId: string;
    patientId: string;
    productId: string;
    bedsideCheckId: string;
    startedAt: string;
    weightKg: number | null;
    doseInputs: unknown;
    dose: InfusionDose | null;
    checkedBy: string;
    confirmedBy: string;
    startedBy: string;
  }
): Promise<StoredInfusion> {
  const rows = await db.query<{ id: string }>(
    `insert into infusions (centre_id, episode_id, patient_id, product_id, bedside_check_id, started_at, weight_kg, dose_inputs, dose, dose_rule_ids,
       checked_by, confirmed_by, started_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) returning id`,
    [
      centreId,
      i.episodeId,
      i.patientId,
      i.productId,
      i.bedsideCheckId,
      i.startedAt,
      i.weightKg,
      JSON.stringify(i.doseInputs),
      i.dose == null ? null : JSON.stringify(i.dose),
      i.dose?.ruleIds ?? [],
      i.checkedBy,
      i.confirmedBy,
      i.startedBy,
    ]
  );
  return (await getInfusion(db, centreId, rows[0]!.id))!;
}

export async function getInfusion(db: Queryable, centreId: string, id: string): Promise<StoredInfusion | undefined> {
  const rows = await db.query<InfusionRow>(`${INFUSION_SELECT} where i.centre_id = $1 and i.id = $2`, [centreId, id]);
  return rows[0] && toInfusion(rows[0]);
}

export async function listInfusions(db: Queryable, centreId: string, episodeId: string): Promise<StoredInfusion[]> {
  const rows = await db.query<InfusionRow>(
    `${INFUSION_SELECT} where i.centre_id = $1 and i.episode_id = $2 order by i.started_at, i.id`,
    [centreId, episodeId]
  );
  return rows.map(toInfusion);
}

export async function countInfusions(db: Queryable, episodeId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from infusions where episode_id = $1', [
    episodeId,
  ]);
  return rows[0]?.n ?? 0;
}

export async function completeInfusion(
  db: Queryable,
  id: string,
  c: {
    endedAt: string;
    volumeMl: number;
    reactions: InfusionReaction[];
    reactionNote: string | null;
    completedBy: string;
  }
): Promise<void> {
  await db.query(
    `update infusions set ended_at = $2, volume_ml = $3, reactions = $4, reaction_note = $5, completed_by = $6, updated_at = now() where id = $1`,
    [id, c.endedAt, c.volumeMl, JSON.stringify(c.reactions), c.reactionNote, c.completedBy]
  );
}
