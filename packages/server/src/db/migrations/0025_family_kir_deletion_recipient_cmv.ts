// Family work-up, second part (issue 19, ADR 0422):
// - patients.cmv: the recipient's CMV IgG serostatus on the patient record, read by the related-donor ranking
//   (and by donor search when its request gives none).
// - family_relatives.deleted_*: a relative entered in error is withdrawn with a reason, never erased: a donor
//   decision may point at it and the audit trail names it. Readers list only rows with deleted_at null.
// - family_relative_typings.withdrawn_*: a typing version entered in error is withdrawn with a reason; the
//   relative's current typing is then the highest version not withdrawn.
// - family_relatives.kir_*: the relative's KIR genotype where typed: a haplotype (A/A or B/x) and/or the genes
//   present (gene content), with the date and lab.
export default /* sql */ `
alter table patients add column cmv text not null default 'unknown'
  check (cmv in ('positive', 'negative', 'unknown'));

alter table family_relatives
  add column deleted_at timestamptz,
  add column deleted_by uuid references users(id),
  add column deletion_reason text check (deletion_reason is null or length(deletion_reason) between 3 and 500),
  add column kir_haplotype text check (kir_haplotype in ('AA', 'Bx')),
  add column kir_genes text[],
  add column kir_typed_on date,
  add column kir_lab text check (kir_lab is null or length(kir_lab) between 1 and 200),
  add check ((deleted_at is null) = (deletion_reason is null));

alter table family_relative_typings
  add column withdrawn_at timestamptz,
  add column withdrawn_by uuid references users(id),
  add column withdrawal_reason text check (withdrawal_reason is null or length(withdrawal_reason) between 3 and 500),
  add check ((withdrawn_at is null) = (withdrawal_reason is null));
`;
