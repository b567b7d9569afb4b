// Two-person controls (issue 14, ADR 0011; discard: issue 13, ADR 0511): release and discard of a product, verification of a conditioning plan, the
// bedside second check and the start of an infusion need two distinct natural persons, not two accounts of one.
import type { Queryable } from '../db/database';
import { conflict } from '../errors';
import { accountOrigins } from '../repo/users';

export type TwoPersonStep = 'release' | 'discard' | 'conditioning-verification' | 'bedside-confirmation' | 'infusion';

const STEP: Record<TwoPersonStep, { what: string; path: string }> = {
  release: { what: 'the second release signature', path: 'release' },
  discard: { what: 'the confirmation of the discard', path: 'discard' },
  'conditioning-verification': { what: 'the verification of the plan', path: 'verifiedBy' },
  'bedside-confirmation': { what: 'the second bedside check', path: 'confirmedBy' },
  infusion: { what: 'the infusion (checked and confirmed by two people)', path: 'confirmedBy' },
};

/** Days during which an account created by the first person, or by the same creator, cannot be the second. */
let newAccountDays = 7;

/** Set once at start from ENGRAFT_TWO_PERSON_NEW_ACCOUNT_DAYS (buildApp); 0 keeps only the same-account rule. */
export function setTwoPersonNewAccountDays(days: number): void {
  newAccountDays = days;
}
export const twoPersonNewAccountDays = (): number => newAccountDays;

/**
 * Refuses (409, naming the step) when `second` is not a distinct natural person from `first`: the same account;
 * an account one of them created for the other within the window; or two accounts created by the same
 * administrator within the window (one administrator could hold both). Accounts created by the command line or
 * the demo seeder have no creator and are judged by the account alone. Residual risks (colluding people, an
 * administrator with database access) are in docs/safety/hazards.md.
 */
export async function assertDistinctPersons(
  db: Queryable,
  first: string | null,
  second: string | null,
  step: TwoPersonStep
): Promise<void> {
  const s = STEP[step];
  const refuse = (why: string) =>
    conflict(`${s.what} must come from a different person than the first: ${why}`, s.path);
  if (!first || !second) throw refuse('both steps need an identified user');
  if (first === second) throw refuse('it is the same account');
  if (newAccountDays <= 0) return;
  const rows = await accountOrigins(db, [first, second], newAccountDays);
  const a = rows.find((r) => r.id === first);
  const b = rows.find((r) => r.id === second);
  if (!a || !b) return;
  const days = `${newAccountDays} day${newAccountDays === 1 ? '' : 's'}`;
  if ((b.recent && b.created_by === first) || (a.recent && a.created_by === second)) {
    throw refuse(`one of the two accounts was created by the other less than ${days} ago`);
  }
  if (a.created_by && a.created_by === b.created_by && (a.recent || b.recent)) {
    throw refuse(`both accounts were created by the same administrator, one of them less than ${days} ago`);
  }
}
