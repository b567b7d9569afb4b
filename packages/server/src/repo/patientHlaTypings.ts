import type { PatientHlaTyping } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso } from './rows';

// SQL of the patient's versioned HLA typing (migration 0015, ADR 0108). Rows are only inserted.

interface TypingRow {
  id: string;
  patient_id: string;
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
}

const toTyping = (r: TypingRow): PatientHlaTyping => ({
  id: r.id,
  patientId: r.patient_id,
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
});

const COLUMNS = `id, patient_id, version, gl_string, source, hml_file_name, hml_sample_id, lab,
  to_char(typing_date, 'YYYY-MM-DD') as typing_date, imgt_release, methods, recorded_by_name, recorded_at`;

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

/** Inserts the next version; the caller holds the patient row lock so versions do not race. */
export async function insertTyping(
  db: Queryable,
  centreId: string,
  patientId: string,
  recordedBy: { userId: string | null; username: string },
  t: TypingInsert
): Promise<PatientHlaTyping> {
  const rows = await db.query<TypingRow>(
    `insert into patient_hla_typings (centre_id, patient_id, version, gl_string, source, hml_file_name, hml_sample_id,
       lab, typing_date, imgt_release, methods, recorded_by, recorded_by_name)
     values ($1, $2, (select coalesce(max(version), 0) + 1 from patient_hla_typings where patient_id = $2),
       $3, $4, $5, $6, $7, $8::date, $9, $10, $11, $12)
     returning ${COLUMNS}`,
    [
      centreId,
      patientId,
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
  return toTyping(rows[0]!);
}

/** Every version of a patient's typing, newest first. */
export async function listTypings(db: Queryable, centreId: string, patientId: string): Promise<PatientHlaTyping[]> {
  const rows = await db.query<TypingRow>(
    `select ${COLUMNS} from patient_hla_typings where centre_id = $1 and patient_id = $2 order by version desc`,
    [centreId, patientId]
  );
  return rows.map(toTyping);
}

/** Locks the patient row for the rest of the transaction (serialises version numbers); false if absent. */
export async function lockPatient(db: Queryable, centreId: string, patientId: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(`select id from patients where centre_id = $1 and id = $2 for update`, [
    centreId,
    patientId,
  ]);
  return rows.length > 0;
}
