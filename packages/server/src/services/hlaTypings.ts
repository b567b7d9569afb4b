import { type HmlUpload, type PatientHlaTypingCreate, pastDateProblem } from '@engraft/domain';
import { TypingError } from '@engraft/donors';
import { isHlaError, parseGl } from '@engraft/hla';
import type { Database, Queryable } from '../db/database';
import { invalid } from '../errors';
import { appendAudit } from '../repo/auditLog';
import type { TypingInsert } from '../repo/hlaTypings';
import type { DonorRegistrySource } from './donorRegistry';
import { type TypingCheck, typingCheckOf } from './donors';
import { typingFromHml } from './hmlTyping';
import type { CentreActor } from './patients';

// The one path of every stored HLA typing version (issue 14 item 9; the patient's, ADR 0108, and each relative's,
// ADR 0421): a GL string or one HML sample is checked as donor typings are (typingCheckOf: GL grammar, names in
// the loaded release), then stored as the owner's next version in one transaction with its audit event. The
// owner (the patient, a relative) says how it is locked, where the row goes and what its audit is called.

export type TypingInput = { kind: 'gl'; body: PatientHlaTypingCreate } | { kind: 'hml'; upload: HmlUpload };

export interface TypingOwner<T extends { id: string; version: number }> {
  entityType: 'patient-hla-typing' | 'family-relative-typing';
  /** Locks the owner's row for the transaction (versions do not race); throws not found when absent. */
  lock: (tx: Queryable) => Promise<void>;
  insert: (tx: Queryable, t: TypingInsert) => Promise<T>;
  /** Extra audit fields naming the owner (e.g. the relative's id). */
  audit?: Record<string, unknown>;
}

/** Parses and checks a GL typing, refusing it with the field path named. */
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

/** The version to store from what was sent, checked; throws EngraftError 'invalid' naming the field. */
export async function validatedTyping(input: TypingInput, registry?: DonorRegistrySource): Promise<TypingInsert> {
  const check = await typingCheckOf(registry);
  if (input.kind === 'gl') {
    const b = input.body;
    checked(b.glString, 'glString', check);
    return {
      glString: b.glString,
      source: 'entered',
      hmlFileName: null,
      hmlSampleId: null,
      lab: b.lab ?? null,
      typingDate: b.typingDate ?? null,
      release: b.release ?? null,
      methods: null,
    };
  }
  const { upload } = input;
  const hml = typingFromHml(upload);
  const where = `${upload.fileName}, sample ${hml.sampleId}: `;
  checked(hml.glString, 'content', check, where);
  const dateProblem = hml.typingDate ? pastDateProblem(hml.typingDate, 'typing date') : null;
  if (dateProblem) throw invalid('content', `${where}${dateProblem}`);
  return {
    glString: hml.glString,
    source: 'hml',
    hmlFileName: upload.fileName,
    hmlSampleId: hml.sampleId,
    lab: upload.lab ?? null,
    typingDate: hml.typingDate,
    release: hml.release,
    methods: hml.methods,
  };
}

/** Checks and stores the owner's next typing version with its audit event (the GL string itself is not audited). */
export async function recordTyping<T extends { id: string; version: number }>(
  db: Database,
  actor: CentreActor,
  patientId: string,
  owner: TypingOwner<T>,
  input: TypingInput,
  registry?: DonorRegistrySource
): Promise<T> {
  const t = await validatedTyping(input, registry);
  return db.transaction(async (tx) => {
    await owner.lock(tx);
    const typing = await owner.insert(tx, t);
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: owner.entityType,
      entityId: typing.id,
      patientId,
      after: {
        ...owner.audit,
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
