import {
  type CrossmatchCreate,
  type Crossmatch,
  type HmlUpload,
  type Pedigree,
  type PatientHlaTypingCreate,
  plausibility,
  type Relative,
  type RelativeCreate,
  type RelativeTyping,
  RELATIVE_WEIGHT,
  type RelativeUpdate,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { notFound, requireConfirmations } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/familyRelatives';
import { listTypings, lockPatient } from '../repo/patientHlaTypings';
import type { DonorRegistrySource } from './donorRegistry';
import { recordTyping, type TypingOwner } from './hlaTypings';
import type { CentreActor } from './patients';

// A patient's relatives for the family work-up (issue 19, ADR 0421): details, versioned typings through the one
// typing path the patient's take (hlaTypings.ts: GL string, HML), crossmatches. Each write is one transaction
// with its audit event; the audit names what changed, not the relative's name or typing.

const ENTITY = 'family-relative';

async function requirePatient(tx: Queryable, actor: CentreActor, patientId: string): Promise<void> {
  if (!(await lockPatient(tx, actor.centreId, patientId))) throw notFound('patient');
}

export async function requireRelative(
  tx: Queryable,
  actor: CentreActor,
  patientId: string,
  relativeId: string
): Promise<Relative> {
  const r = await repo.lockRelative(tx, actor.centreId, patientId, relativeId);
  if (!r) throw notFound('relative');
  return r;
}

/** The patient's current typing and relatives (each with its current typing); an audited read. */
export async function getPedigree(db: Database, actor: CentreActor, patientId: string): Promise<Pedigree> {
  return db.transaction(async (tx) => {
    await requirePatient(tx, actor, patientId);
    const patientTyping = (await listTypings(tx, actor.centreId, patientId))[0] ?? null;
    const relatives = await repo.listRelatives(tx, actor.centreId, patientId);
    await appendAudit(tx, actor, { action: 'read', entityType: 'family', entityId: patientId, patientId });
    return { patientTyping, relatives };
  });
}

const auditable = (r: Partial<RelativeCreate>) => ({ ...r, name: r.name ? '(recorded)' : undefined });

export async function addRelative(
  db: Database,
  actor: CentreActor,
  patientId: string,
  input: RelativeCreate
): Promise<Relative> {
  const confirmed = requireConfirmations(
    [plausibility('weightKg', input.weightKg, RELATIVE_WEIGHT)].filter((f) => f !== null),
    input.confirmations
  );
  return db.transaction(async (tx) => {
    await requirePatient(tx, actor, patientId);
    const id = await repo.insertRelative(tx, actor.centreId, patientId, actor.userId, input);
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: ENTITY,
      entityId: id,
      patientId,
      after: { ...auditable(input), confirmations: confirmed.length ? confirmed : undefined },
    });
    return requireRelative(tx, actor, patientId, id);
  });
}

export async function updateRelative(
  db: Database,
  actor: CentreActor,
  patientId: string,
  relativeId: string,
  input: RelativeUpdate
): Promise<Relative> {
  const confirmed = requireConfirmations(
    [plausibility('weightKg', input.weightKg, RELATIVE_WEIGHT)].filter((f) => f !== null),
    input.confirmations
  );
  const { confirmations: _c, ...fields } = input;
  return db.transaction(async (tx) => {
    const before = await requireRelative(tx, actor, patientId, relativeId);
    await repo.updateRelative(tx, relativeId, fields);
    const changed = Object.keys(fields) as (keyof typeof fields)[];
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: ENTITY,
      entityId: relativeId,
      patientId,
      before: auditable(Object.fromEntries(changed.map((k) => [k, before[k]]))),
      after: {
        ...auditable(fields),
        confirmations: confirmed.length ? confirmed : undefined,
      },
    });
    return requireRelative(tx, actor, patientId, relativeId);
  });
}

const relativeOwner = (actor: CentreActor, patientId: string, relativeId: string): TypingOwner<RelativeTyping> => ({
  entityType: 'family-relative-typing',
  lock: async (tx) => {
    await requireRelative(tx, actor, patientId, relativeId);
  },
  insert: (tx, t) => repo.insertRelativeTyping(tx, actor.centreId, relativeId, actor, t),
  audit: { relativeId },
});

/** A relative's typing entered as a GL string (typed in per locus or pasted), as the next version. */
export async function recordRelativeTyping(
  db: Database,
  actor: CentreActor,
  patientId: string,
  relativeId: string,
  input: PatientHlaTypingCreate,
  registry?: DonorRegistrySource
): Promise<RelativeTyping> {
  const owner = relativeOwner(actor, patientId, relativeId);
  return recordTyping(db, actor, patientId, owner, { kind: 'gl', body: input }, registry);
}

/** A relative's typing from one sample of an HML file, as the next version. */
export async function importRelativeHml(
  db: Database,
  actor: CentreActor,
  patientId: string,
  relativeId: string,
  upload: HmlUpload,
  registry?: DonorRegistrySource
): Promise<RelativeTyping> {
  const owner = relativeOwner(actor, patientId, relativeId);
  return recordTyping(db, actor, patientId, owner, { kind: 'hml', upload }, registry);
}

export async function listRelativeTypings(
  db: Database,
  actor: CentreActor,
  patientId: string,
  relativeId: string
): Promise<{ versions: RelativeTyping[] }> {
  return db.transaction(async (tx) => {
    await requireRelative(tx, actor, patientId, relativeId);
    const versions = await repo.listRelativeTypings(tx, actor.centreId, relativeId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'family-relative-typing',
      entityId: relativeId,
      patientId,
    });
    return { versions };
  });
}

/** A C1q or crossmatch result of the patient's serum against one relative. */
export async function addCrossmatch(
  db: Database,
  actor: CentreActor,
  patientId: string,
  input: CrossmatchCreate
): Promise<Crossmatch> {
  return db.transaction(async (tx) => {
    await requireRelative(tx, actor, patientId, input.relativeId);
    const x = await repo.insertCrossmatch(tx, actor.centreId, actor.userId, input);
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'family-crossmatch',
      entityId: x.id,
      patientId,
      after: { ...input, note: input.note ? '(recorded)' : undefined },
    });
    return x;
  });
}
