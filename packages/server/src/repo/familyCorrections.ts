import type { Queryable } from '../db/database';

// SQL of what corrects a family work-up (migration 0025, ADR 0422): withdrawing a relative or a typing version
// entered in error (the row stays, with who, when and why), and a relative's KIR genotype.

export async function markRelativeDeleted(
  db: Queryable,
  relativeId: string,
  userId: string | null,
  reason: string
): Promise<void> {
  await db.query(
    `update family_relatives set deleted_at = now(), deleted_by = $2, deletion_reason = $3, updated_at = now()
     where id = $1 and deleted_at is null`,
    [relativeId, userId, reason]
  );
}

/** Withdraws one typing version of the relative; false when there is no such live version. */
export async function withdrawRelativeTyping(
  db: Queryable,
  relativeId: string,
  typingId: string,
  userId: string | null,
  reason: string
): Promise<{ version: number } | null> {
  const rows = await db.query<{ version: number }>(
    `update family_relative_typings set withdrawn_at = now(), withdrawn_by = $3, withdrawal_reason = $4
     where relative_id = $1 and id = $2 and withdrawn_at is null returning version`,
    [relativeId, typingId, userId, reason]
  );
  return rows[0] ? { version: Number(rows[0].version) } : null;
}

export interface KirRow {
  haplotype: 'AA' | 'Bx';
  genes: string[] | null;
  typedOn: string | null;
  lab: string | null;
}

export async function setRelativeKir(db: Queryable, relativeId: string, k: KirRow): Promise<void> {
  await db.query(
    `update family_relatives set kir_haplotype = $2, kir_genes = $3::text[], kir_typed_on = $4::date, kir_lab = $5,
       updated_at = now() where id = $1`,
    [relativeId, k.haplotype, k.genes, k.typedOn, k.lab]
  );
}
