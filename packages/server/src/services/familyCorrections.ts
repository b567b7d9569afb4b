import { type FamilyWithdrawal, type Relative, type RelativeKirInput, type RelativeTyping } from '@engraft/domain';
import { haplotypeOfGenes } from '@engraft/donors';
import type { Database, Queryable } from '../db/database';
import { conflict, invalid, notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import { listEpisodeDonors } from '../repo/donors';
import { listDecisions } from '../repo/familyAntibodies';
import * as repo from '../repo/familyCorrections';
import { listRelativeTypings } from '../repo/familyRelatives';
import { requireRelative } from './familyRelatives';
import type { CentreActor } from './patients';

// Corrections of the family work-up (issue 19, ADR 0422): a relative or a typing version entered in error is
// withdrawn with a reason (kept on the row and in the audit event), never while the relative is an episode's
// active donor; the segregation, DSA and ranking are computed on read, so they follow at once. And the
// relative's KIR genotype where typed.

/** Refuses (409) when a decision made this relative a donor that is not cancelled in the donor work-up. */
async function refuseIfChosen(tx: Queryable, actor: CentreActor, patientId: string, r: Relative, what: string) {
  for (const d of (await listDecisions(tx, actor.centreId, patientId)).filter((x) => x.relativeId === r.id)) {
    const donor = (await listEpisodeDonors(tx, actor.centreId, d.episodeId)).find((x) => x.id === d.donorId);
    if (donor && donor.status !== 'cancelled') {
      throw conflict(
        `${r.name} is the chosen donor of an episode: cancel that donor in the donor work-up before ${what}`,
        'relativeId'
      );
    }
  }
}

export async function deleteRelative(
  db: Database,
  actor: CentreActor,
  patientId: string,
  relativeId: string,
  input: FamilyWithdrawal
): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await requireRelative(tx, actor, patientId, relativeId);
    await refuseIfChosen(tx, actor, patientId, r, 'deleting the relative');
    await repo.markRelativeDeleted(tx, relativeId, actor.userId, input.reason);
    await appendAudit(tx, actor, {
      action: 'delete',
      entityType: 'family-relative',
      entityId: relativeId,
      patientId,
      before: {
        relationship: r.relationship,
        typed: !!r.typing,
        typingVersion: r.typing?.version,
        crossmatches: r.crossmatches.length,
      },
      reason: input.reason,
    });
  });
}

/** Withdraws a typing version entered in error; the current typing becomes the newest version left. */
export async function withdrawRelativeTyping(
  db: Database,
  actor: CentreActor,
  patientId: string,
  relativeId: string,
  typingId: string,
  input: FamilyWithdrawal
): Promise<{ versions: RelativeTyping[] }> {
  return db.transaction(async (tx) => {
    const r = await requireRelative(tx, actor, patientId, relativeId);
    await refuseIfChosen(tx, actor, patientId, r, 'withdrawing a typing');
    const done = await repo.withdrawRelativeTyping(tx, relativeId, typingId, actor.userId, input.reason);
    if (!done) throw notFound('typing');
    await appendAudit(tx, actor, {
      action: 'delete',
      entityType: 'family-relative-typing',
      entityId: typingId,
      patientId,
      before: { relativeId, version: done.version },
      reason: input.reason,
    });
    return { versions: await listRelativeTypings(tx, actor.centreId, relativeId) };
  });
}

/** Records (or replaces) a relative's KIR genotype; the haplotype follows from the genes when they are given. */
export async function recordRelativeKir(
  db: Database,
  actor: CentreActor,
  patientId: string,
  relativeId: string,
  input: RelativeKirInput
): Promise<Relative> {
  const genes = input.genes?.length ? [...new Set(input.genes)].sort() : null;
  const fromGenes = genes ? haplotypeOfGenes(genes) : null;
  if (fromGenes && input.haplotype && fromGenes !== input.haplotype) {
    throw invalid(
      'haplotype',
      `haplotype ${input.haplotype === 'AA' ? 'A/A' : 'B/x'} disagrees with the genes, which make ${fromGenes === 'AA' ? 'A/A' : 'B/x'}`
    );
  }
  const haplotype = fromGenes ?? input.haplotype!;
  return db.transaction(async (tx) => {
    const before = await requireRelative(tx, actor, patientId, relativeId);
    await repo.setRelativeKir(tx, relativeId, {
      haplotype,
      genes,
      typedOn: input.typedOn ?? null,
      lab: input.lab ?? null,
    });
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'family-relative-kir',
      entityId: relativeId,
      patientId,
      before: before.kir ? { haplotype: before.kir.haplotype, genes: before.kir.genes } : undefined,
      after: { haplotype, genes: genes ?? undefined, typedOn: input.typedOn, lab: input.lab },
    });
    return requireRelative(tx, actor, patientId, relativeId);
  });
}
