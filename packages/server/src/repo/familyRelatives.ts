import { assessKir, type KirGene } from '@engraft/donors';
import type { Crossmatch, CrossmatchCreate, Relative, RelativeCreate, RelativeTyping } from '@engraft/domain';
import type { Queryable } from '../db/database';
import {
  insertTyping,
  listTypingVersions,
  type StoredTyping,
  toStoredTyping,
  typingColumns,
  type TypingInsert,
  type TypingRow,
} from './hlaTypings';
import { numOrNull } from './rows';

// SQL of a patient's relatives, their versioned typings (through the one typing repository, hlaTypings.ts)
// and crossmatches (migration 0021, ADR 0421).

interface RelativeRow {
  id: string;
  patient_id: string;
  relationship: Relative['relationship'];
  relationship_text: string | null;
  name: string;
  sex: Relative['sex'];
  date_of_birth: string | null;
  weight_kg: number | string | null;
  abo_rh: Relative['aboRh'];
  cmv: Relative['cmv'];
  availability: Relative['availability'];
  contact: Relative['contact'];
  kir_haplotype: 'AA' | 'Bx' | null;
  kir_genes: string[] | null;
  kir_typed_on: string | null;
  kir_lab: string | null;
}

interface CrossmatchRow {
  id: string;
  relative_id: string;
  kind: Crossmatch['kind'];
  result: Crossmatch['result'];
  tested_on: string;
  note: string | null;
}

const REL_COLUMNS = `id, patient_id, relationship, relationship_text, name, sex,
  to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, weight_kg, abo_rh, cmv, availability, contact,
  kir_haplotype, kir_genes, to_char(kir_typed_on, 'YYYY-MM-DD') as kir_typed_on, kir_lab`;

const toTyping = ({ ownerId, ...t }: StoredTyping): RelativeTyping => ({ ...t, relativeId: ownerId });

const toCrossmatch = (r: CrossmatchRow): Crossmatch => ({
  id: r.id,
  relativeId: r.relative_id,
  kind: r.kind,
  result: r.result,
  testedOn: r.tested_on,
  note: r.note,
});

const toRelative = (r: RelativeRow, typing: RelativeTyping | null, crossmatches: Crossmatch[]): Relative => ({
  id: r.id,
  patientId: r.patient_id,
  relationship: r.relationship,
  relationshipText: r.relationship_text,
  name: r.name,
  sex: r.sex,
  dateOfBirth: r.date_of_birth,
  weightKg: numOrNull(r.weight_kg),
  aboRh: r.abo_rh,
  cmv: r.cmv,
  availability: r.availability,
  contact: r.contact,
  typing,
  crossmatches,
  kir: r.kir_haplotype
    ? {
        haplotype: r.kir_haplotype,
        genes: r.kir_genes,
        typedOn: r.kir_typed_on,
        lab: r.kir_lab,
        reading: assessKir({ haplotype: r.kir_haplotype, genes: r.kir_genes as KirGene[] | null })!.reason,
      }
    : null,
});

export async function insertRelative(
  db: Queryable,
  centreId: string,
  patientId: string,
  userId: string | null,
  r: RelativeCreate
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into family_relatives (centre_id, patient_id, relationship, relationship_text, name, sex, date_of_birth,
       weight_kg, abo_rh, cmv, availability, contact, created_by)
     values ($1,$2,$3,$4,$5,$6,$7::date,$8,$9,$10,$11,$12,$13) returning id`,
    [
      centreId,
      patientId,
      r.relationship,
      r.relationshipText ?? null,
      r.name,
      r.sex ?? null,
      r.dateOfBirth ?? null,
      r.weightKg ?? null,
      r.aboRh,
      r.cmv,
      r.availability,
      r.contact,
      userId,
    ]
  );
  return rows[0]!.id;
}

const UPDATABLE = {
  name: 'name',
  sex: 'sex',
  dateOfBirth: 'date_of_birth',
  weightKg: 'weight_kg',
  aboRh: 'abo_rh',
  cmv: 'cmv',
  availability: 'availability',
  contact: 'contact',
} as const;

/** Sets the given fields (others unchanged). */
export async function updateRelative(
  db: Queryable,
  id: string,
  fields: Partial<Record<keyof typeof UPDATABLE, string | number>>
): Promise<void> {
  const entries = Object.entries(fields).filter(([k, v]) => k in UPDATABLE && v !== undefined);
  if (!entries.length) return;
  const sets = entries.map(([k], i) => `${UPDATABLE[k as keyof typeof UPDATABLE]} = $${i + 2}`);
  await db.query(`update family_relatives set ${sets.join(', ')}, updated_at = now() where id = $1`, [
    id,
    ...entries.map(([, v]) => v),
  ]);
}

/** The relatives of a patient with their current typing and crossmatches, in the order they were added. */
export async function listRelatives(db: Queryable, centreId: string, patientId: string): Promise<Relative[]> {
  const rels = await db.query<RelativeRow>(
    `select ${REL_COLUMNS} from family_relatives
     where centre_id = $1 and patient_id = $2 and deleted_at is null order by created_at, id`,
    [centreId, patientId]
  );
  if (!rels.length) return [];
  const ids = rels.map((r) => r.id);
  const typings = await db.query<TypingRow>(
    `select distinct on (relative_id) ${typingColumns('relative')} from family_relative_typings
     where relative_id = any($1::uuid[]) and withdrawn_at is null order by relative_id, version desc`,
    [ids]
  );
  const xm = await db.query<CrossmatchRow>(
    `select id, relative_id, kind, result, to_char(tested_on, 'YYYY-MM-DD') as tested_on, note
     from family_crossmatches where relative_id = any($1::uuid[]) order by tested_on desc, recorded_at desc`,
    [ids]
  );
  return rels.map((r) =>
    toRelative(
      r,
      typings.filter((t) => t.owner_id === r.id).map((t) => toTyping(toStoredTyping(t)))[0] ?? null,
      xm.filter((x) => x.relative_id === r.id).map(toCrossmatch)
    )
  );
}

/** Locks a relative of the patient for the rest of the transaction; null when absent (or another patient's). */
export async function lockRelative(
  db: Queryable,
  centreId: string,
  patientId: string,
  relativeId: string
): Promise<Relative | null> {
  const rows = await db.query<{ id: string }>(
    `select id from family_relatives where centre_id = $1 and patient_id = $2 and id = $3 and deleted_at is null
     for update`,
    [centreId, patientId, relativeId]
  );
  if (!rows.length) return null;
  return (await listRelatives(db, centreId, patientId)).find((r) => r.id === relativeId) ?? null;
}

export async function insertRelativeTyping(
  db: Queryable,
  centreId: string,
  relativeId: string,
  recordedBy: { userId: string | null; username: string },
  t: TypingInsert
): Promise<RelativeTyping> {
  return toTyping(await insertTyping(db, 'relative', centreId, relativeId, recordedBy, t));
}

/** Every typing version of a relative, newest first, withdrawn ones included (marked). */
export async function listRelativeTypings(
  db: Queryable,
  centreId: string,
  relativeId: string
): Promise<RelativeTyping[]> {
  return (await listTypingVersions(db, 'relative', centreId, relativeId)).map(toTyping);
}

export async function insertCrossmatch(
  db: Queryable,
  centreId: string,
  userId: string | null,
  x: CrossmatchCreate
): Promise<Crossmatch> {
  const rows = await db.query<CrossmatchRow>(
    `insert into family_crossmatches (centre_id, relative_id, kind, result, tested_on, note, recorded_by)
     values ($1,$2,$3,$4,$5::date,$6,$7)
     returning id, relative_id, kind, result, to_char(tested_on, 'YYYY-MM-DD') as tested_on, note`,
    [centreId, x.relativeId, x.kind, x.result, x.testedOn, x.note ?? null, userId]
  );
  return toCrossmatch(rows[0]!);
}
