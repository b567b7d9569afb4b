// Who is signed in, shared through context. Handles the session ending underneath the app: any 401 from the
// API, the idle timeout (the server slides it on every request; the app mirrors that locally and warns before it
// runs out) and the absolute timeout.
import { EVENT_WRITERS, PHASE_CHANGERS, type Role, type SessionInfo, SessionInfoSchema } from '@engraft/domain';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, apiGet, apiSend, setActivityHandler, setCsrfToken, setUnauthenticatedHandler } from './api';

type SessionState =
  | { status: 'loading' }
  | {
      status: 'signed-out';
      notice: string | null;
      /** true when the person chose to sign out (do not return them to the page) */ byChoice: boolean;
    }
  | { status: 'signed-in'; info: SessionInfo };

interface SessionApi {
  state: SessionState;
  signIn: (username: string, password: string) => Promise<SessionInfo>;
  signOut: () => Promise<void>;
  /** Changes the signed-in user's own password (required after an administrator's reset). */
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  /** Keeps the session alive (GET /session slides the idle timeout). */
  keepAlive: () => Promise<void>;
  /** Milliseconds until the idle timeout, when it is near; null otherwise. */
  idleWarningMs: number | null;
}

const SessionContext = createContext<SessionApi | null>(null);

const WARN_BEFORE_MS = 2 * 60_000;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [idleWarningMs, setIdleWarningMs] = useState<number | null>(null);
  // Deadlines are kept as local times; the durations come from the server's answer (a client clock a few
  // seconds off only shifts the warning by as much).
  const idleMsRef = useRef(0);
  const idleDeadlineRef = useRef(0);
  const absoluteDeadlineRef = useRef(0);

  const adopt = useCallback((info: SessionInfo) => {
    const now = Date.now();
    idleMsRef.current = Math.max(0, Date.parse(info.idleExpiresAt) - now);
    idleDeadlineRef.current = now + idleMsRef.current;
    absoluteDeadlineRef.current = Date.parse(info.absoluteExpiresAt);
    setCsrfToken(info.csrfToken);
    setIdleWarningMs(null);
    setState({ status: 'signed-in', info });
  }, []);

  // Answers cached for one user are never shown to the next one on a shared ward computer: ending the session
  // (sign-out, 401, idle or absolute timeout) drops the data layer's cache (ADR 0021).
  const queryClient = useQueryClient();
  const end = useCallback(
    (notice: string | null, byChoice = false) => {
      queryClient.clear();
      setCsrfToken(null);
      setIdleWarningMs(null);
      setState({ status: 'signed-out', notice, byChoice });
    },
    [queryClient]
  );

  useEffect(() => {
    setUnauthenticatedHandler(() =>
      end('Your session has ended. Sign in again to continue; unsaved changes on the page were not kept.')
    );
    setActivityHandler(() => {
      if (idleMsRef.current > 0) idleDeadlineRef.current = Date.now() + idleMsRef.current;
    });
    const ctrl = new AbortController();
    apiGet('/session', SessionInfoSchema, { signal: ctrl.signal }).then(adopt, (e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      end(
        e instanceof ApiError && e.status === 401
          ? null
          : 'Could not check your session; the server may be unreachable.'
      );
    });
    return () => {
      ctrl.abort();
      setUnauthenticatedHandler(null);
      setActivityHandler(null);
    };
  }, [adopt, end]);

  // Idle and absolute expiry: check every 5 s while signed in.
  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    const tick = () => {
      const now = Date.now();
      if (now >= absoluteDeadlineRef.current) {
        end('Your session reached its maximum length. Please sign in again.');
        return;
      }
      const left = idleDeadlineRef.current - now;
      if (left <= 0) {
        const minutes = Math.max(1, Math.round(idleMsRef.current / 60_000));
        end(
          `You were signed out after ${minutes} minute${minutes === 1 ? '' : 's'} without activity. Please sign in again.`
        );
        return;
      }
      setIdleWarningMs(left <= WARN_BEFORE_MS ? left : null);
    };
    const id = window.setInterval(tick, 5_000);
    return () => window.clearInterval(id);
  }, [signedIn, end]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const info = await apiSend('POST', '/session', { username, password }, SessionInfoSchema);
      adopt(info);
      return info;
    },
    [adopt]
  );

  const signOut = useCallback(async () => {
    try {
      await api('DELETE', '/session');
    } catch {
      // already gone server-side; sign out locally anyway
    }
    end('You have signed out.', true);
  }, [end]);

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      adopt(await apiSend('POST', '/session/password', { currentPassword, newPassword }, SessionInfoSchema));
    },
    [adopt]
  );

  const keepAlive = useCallback(async () => {
    adopt(await apiGet('/session', SessionInfoSchema));
  }, [adopt]);

  const value = useMemo(
    () => ({ state, signIn, signOut, changePassword, keepAlive, idleWarningMs }),
    [state, signIn, signOut, changePassword, keepAlive, idleWarningMs]
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user's info; only call inside routes that require a session. */
export function useSignedIn(): SessionInfo {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn without a session');
  return state.info;
}

// Who may do what: the same role lists the server's routes declare (@engraft/domain roles.ts). The server still
// decides; the UI only hides buttons.

export function hasAnyRole(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return roles.some((r) => allowed.includes(r));
}
export function canChangePhase(roles: readonly Role[]): boolean {
  return hasAnyRole(roles, PHASE_CHANGERS);
}
export function canAddEvent(roles: readonly Role[]): boolean {
  return hasAnyRole(roles, EVENT_WRITERS);
}
