/**
 * The running Engraft server's HTTP API, for commands that must not open an embedded data directory the
 * server holds (ADR 0009): sign in as an administrator, call /api/v1, sign out.
 */
export interface ServerSession {
  centre: { id: string; name: string };
  request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** POSTs and returns the binary response (e.g. a backup). */
  download(path: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD_ENV = 'ENGRAFT_ADMIN_PASSWORD';

/** The administrator to sign in as when a command goes through a running server. */
export const requireAdmin = (admin: string | undefined): string => {
  if (!admin) throw new Error('--server needs --admin <username> (an administrator of the centre)');
  return admin;
};

const problemMessage = async (res: Response): Promise<string> => {
  const text = await res.text();
  try {
    const p = JSON.parse(text) as { detail?: string; title?: string; errors?: { path?: string; message?: string }[] };
    const fields = (p.errors ?? []).map((e) => `${e.path ?? ''}: ${e.message ?? ''}`);
    return [p.detail ?? p.title ?? `HTTP ${res.status}`, ...fields].join('\n  ');
  } catch {
    return `HTTP ${res.status}`;
  }
};

export async function signIn(
  serverUrl: string,
  username: string,
  password: string | undefined
): Promise<ServerSession> {
  if (!password) {
    throw new Error(`--server needs the administrator's password in the environment variable ${ADMIN_PASSWORD_ENV}`);
  }
  const base = new URL('/api/v1/', serverUrl);
  let res: Response;
  try {
    res = await fetch(new URL('session', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch (err) {
    throw new Error(`cannot reach the Engraft server at ${serverUrl}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new Error(`sign-in to ${serverUrl} as ${username} failed: ${await problemMessage(res)}`);
  const info = (await res.json()) as { csrfToken: string; centre: { id: string; name: string } };
  const cookie = (res.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .filter(Boolean)
    .join('; ');
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = { cookie };
    if (method !== 'GET') headers['x-csrf-token'] = info.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(new URL(path.replace(/^\//, ''), base), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!r.ok) {
      throw new Error(`${method} /api/v1/${path.replace(/^\//, '')} refused by the server: ${await problemMessage(r)}`);
    }
    return r;
  };
  return {
    centre: info.centre,
    request: async <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
      (await (await call(method, path, body)).json()) as T,
    download: async (path: string) => new Uint8Array(await (await call('POST', path, {})).arrayBuffer()),
    close: async () => {
      await call('DELETE', 'session').catch(() => undefined);
    },
  };
}
