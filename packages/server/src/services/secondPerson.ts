import { conflict } from '../errors';
import type { CentreActor } from './patients';

// The four-eyes rule of the processing lab (FACT-JACIE: release by the processing facility; issue 13 for
// discard): the second signature of a two-person action comes from a different person than the first. Release
// and discard both call this one function, so strengthening it (issue 14: two distinct natural persons, not only
// two accounts) is done in one place.

/** Refuses (409) when the actor giving the second signature is the one who gave the first. */
export function requireSecondPerson(firstUserId: string | null, actor: CentreActor, action: string, path: string): void {
  if (firstUserId != null && firstUserId === actor.userId) {
    throw conflict(`the second signature to ${action} must come from a different person than the first (you made the request); ask another lab user`, path);
  }
}
