import { type HmlUpload, type PatientHlaTyping, type PatientHlaTypingCreate, pastDateProblem } from '@engraft/domain';
import { TypingError } from '@engraft/donors';
import { isHlaError, parseGl } from '@engraft/hla';
import type { Database } from '../db/database';
import { invalid, notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/patientHlaTypings';
import type { TypingInsert } from '../repo/patientHlaTypings';
import type { DonorRegistrySource } from './donorRegistry';
import { type TypingCheck, typingCheckOf } from './donors';
import { typingFromHml } from './hmlTyping';
import type { CentreActor } from './patients';

// The recipient's own HLA typing (issue 15, ADR 0108): versioned, each version with its source, validated by the
// same path as donor typings (typingCheckOf), written in one transaction with its audit event.

/** Records a typing entered as a GL string as the patient's next version. */
export async function recordPatientTyping(
  db: Database,
  actor: CentreActor,
  patientId: string,
  input: PatientHlaTypingCreate,
  registry?: DonorRegistrySource
): Promise<PatientHlaTyping> {
  checked(input.glString, 'glString', await typingCheckOf(registry));
  return store(db, actor, patientId, {
    glString: input.glString,
    source: 'entered',
    hmlFileName: null,
    hmlSampleId: null,
    lab: input.lab ?? null,
    typingDate: input.typingDate ?? null,
    release: input.release ?? null,
    methods: null,
  });
}

/** Records the typing of one sample of an uploaded HML file as the patient's next version. */
export async function importPatientHml(
  db: Database,
  actor: CentreActor,
  patientId: string,
  upload: HmlUpload,
  registry?: DonorRegistrySource
): Promise<PatientHlaTyping> {
  const hml = typingFromHml(upload);
  checked(hml.glString, 'content', await typingCheckOf(registry), `${upload.fileName}, sample ${hml.sampleId}: `);
  const dateProblem = hml.typingDate ? pastDateProblem(hml.typingDate, 'typing date') : null;
  if (dateProblem) throw invalid('content', `${upload.fileName}, sample ${hml.sampleId}: ${dateProblem}`);
  return store(db, actor, patientId, {
    glString: hml.glString,
    source: 'hml',
    hmlFileName: upload.fileName,
    hmlSampleId: hml.sampleId,
    lab: upload.lab ?? null,
    typingDate: hml.typingDate,
    release: hml.release,
    methods: hml.methods,
  });
}

/** Every version of the patient's typing, newest first; an audited read. */
export async function listPatientTypings(db: Database, actor: CentreActor, patientId: string) {
  return db.transaction(async (tx) => {
    if (!(await repo.lockPatient(tx, actor.centreId, patientId))) throw notFound('patient');
    const versions = await repo.listTypings(tx, actor.centreId, patientId);
    await appendAudit(tx, actor, { action: 'read', entityType: 'patient-hla-typing', entityId: patientId, patientId });
    return { current: versions[0] ?? null, versions };
  });
}

async function store(db: Database, actor: CentreActor, patientId: string, t: TypingInsert): Promise<PatientHlaTyping> {
  return db.transaction(async (tx) => {
    if (!(await repo.lockPatient(tx, actor.centreId, patientId))) throw notFound('patient');
    const typing = await repo.insertTyping(tx, actor.centreId, patientId, actor, t);
    // The audit names the version and its source; the typing itself stays in its table.
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'patient-hla-typing',
      entityId: typing.id,
      patientId,
      after: {
        version: typing.version,
        source: t.source,
        hmlFileName: t.hmlFileName ?? undefined,
        hmlSampleId: t.hmlSampleId ?? undefined,
        lab: t.lab ?? undefined,
        typingDate: t.typingDate ?? undefined,
        release: t.release ?? undefined,
        glString: '(recorded)',
      },
    });
    return typing;
  });
}

/** Parses and checks a GL typing, refusing it with the field path named (shared with relatives' typings). */
export function checked(gl: string, path: string, check: TypingCheck, where = ''): void {
  try {
    parseGl(gl);
    check(gl);
  } catch (err) {
    if (isHlaError(err)) throw invalid(path, `${where}the typing is not a valid GL string: ${err.message}`);
    if (err instanceof TypingError) {
      throw invalid(path, `${where}the typing is not valid HLA nomenclature: ${err.message}`);
    }
    throw err;
  }
}
