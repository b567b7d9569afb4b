import type { PatientHlaTyping } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso } from './rows';

// SQL of every stored HLA typing (issue 14 item 9: one path for every typing): the patient's own versions
// (patient_hla_typings, migration 0015, ADR 0108) and each relative's (family_relative_typings, migration 0021,
// ADR 0421; withdrawn versions, migration 0025, ADR 0422). Both tables hold the same columns under their owner;
// rows are only inserted (a relative's version may be marked withdrawn). Versions are numbered per owner; the
// caller holds the owner's row lock so they do not race.

export type TypingOwnerKind = 'patient' | 'relative';

const TABLES: Record<TypingOwnerKind, { table: string; owner: string; withdrawn: string }> = {
  patient: { table: 'patient_hla_typings', owner: 'patient_id', withdrawn: 'null' },
  relative: { table: 'family_relative_typings', owner: 'relative_id', withdrawn: 'withdrawn_at' },
};

export interface TypingInsert {
  glString: string;
  source: PatientHlaTyping['source'];
  hmlFileName: string | null;
  hmlSampleId: string | null;
  lab: string | null;
  typingDate: string | null;
  release: string | null;
  methods: string | null;
}

/** A stored version as both owners read it: the typing, its owner's id, and the withdrawal where there is one. */
export type StoredTyping = Omit<PatientHlaTyping, 'patientId'> & {
  ownerId: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
};

export interface TypingRow {
  id: string;
  owner_id: string;
  version: number;
  gl_string: string;
  source: PatientHlaTyping['source'];
  hml_file_name: string | null;
  hml_sample_id: string | null;
  lab: string | null;
  typing_date: string | null;
  imgt_release: string | null;
  methods: string | null;
  recorded_by_name: string;
  recorded_at: Date | string;
  withdrawn_at: Date | string | null;
  withdrawal_reason: string | null;
}

/** The select list of a typing table, its owner column read as owner_id. */
export function typingColumns(kind: TypingOwnerKind): string {
  const t = TABLES[kind];
  return `id, ${t.owner} as owner_id, version, gl_string, source, hml_file_name, hml_sample_id, lab,
  to_char(typing_date, 'YYYY-MM-DD') as typing_date, imgt_release, methods, recorded_by_name, recorded_at,
  ${t.withdrawn} as withdrawn_at, ${kind === 'relative' ? 'withdrawal_reason' : 'null'} as withdrawal_reason`;
}

export const toStoredTyping = (r: TypingRow): StoredTyping => ({
  id: r.id,
  ownerId: r.owner_id,
  version: Number(r.version),
  glString: r.gl_string,
  source: r.source,
  hmlFileName: r.hml_file_name,
  hmlSampleId: r.hml_sample_id,
  lab: r.lab,
  typingDate: r.typing_date,
  release: r.imgt_release,
  methods: r.methods,
  recordedBy: r.recorded_by_name,
  recordedAt: iso(r.recorded_at),
  withdrawnAt: r.withdrawn_at ? iso(r.withdrawn_at) : null,
  withdrawalReason: r.withdrawal_reason,
});

/** Inserts the owner's next version. */
export async function insertTyping(
  db: Queryable,
  kind: TypingOwnerKind,
  centreId: string,
  ownerId: string,
  recordedBy: { userId: string | null; username: string },
  t: TypingInsert
): Promise<StoredTyping> {
  const { table, owner } = TABLES[kind];
  const rows = await db.query<TypingRow>(
    `insert into ${table} (centre_id, ${owner}, version, gl_string, source, hml_file_name, hml_sample_id,
       lab, typing_date, imgt_release, methods, recorded_by, recorded_by_name)
     values ($1, $2, (select coalesce(max(version), 0) + 1 from ${table} where ${owner} = $2),
       $3, $4, $5, $6, $7, $8::date, $9, $10, $11, $12)
     returning ${typingColumns(kind)}`,
    [
      centreId,
      ownerId,
      t.glString,
      t.source,
      t.hmlFileName,
      t.hmlSampleId,
      t.lab,
      t.typingDate,
      t.release,
      t.methods,
      recordedBy.userId,
      recordedBy.username,
    ]
  );
  return toStoredTyping(rows[0]!);
}

/** Every version of one owner's typing, newest first (withdrawn ones included, marked). */
export async function listTypingVersions(
  db: Queryable,
  kind: TypingOwnerKind,
  centreId: string,
  ownerId: string
): Promise<StoredTyping[]> {
  const { table, owner } = TABLES[kind];
  const rows = await db.query<TypingRow>(
    `select ${typingColumns(kind)} from ${table} where centre_id = $1 and ${owner} = $2 order by version desc`,
    [centreId, ownerId]
  );
  return rows.map(toStoredTyping);
}
