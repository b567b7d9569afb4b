import type { AuthContext } from '../../services/auth';
import type { CentreActor } from '../../services/patients';

export const actorOf = (a: AuthContext): CentreActor => ({
  userId: a.userId,
  username: a.username,
  centreId: a.centreId,
});
