import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Who holds the embedded data directory: the server, or a CLI command (its name, e.g. "engraft backup"). */
export type LockHolder = string;

interface LockContent {
  pid: number;
  host: string;
  holder: LockHolder;
  since: string;
  /** An unparseable lock file younger than 2 s: another process is writing it. */
  writing?: boolean;
}

export const LOCK_FILE = 'engraft.lock';

/** Raised when another live process holds the data directory; the files were not touched. */
export class DataDirLockedError extends Error {
  constructor(
    readonly holderPid: number,
    readonly holder: LockHolder,
    readonly host: string
  ) {
    const where = host === os.hostname() ? `pid ${holderPid}` : `pid ${holderPid} on host ${host}`;
    super(
      holder === 'server'
        ? `the Engraft server (${where}) is using this data directory; stop it or use the API (--server URL)`
        : `${holder} (${where}) is using this data directory; wait for it to finish`
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

const isAlive = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false; // kill(0 or -1, …) would signal a whole group
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readLock = (file: string): LockContent | null => {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ''),
      holder: String(parsed.holder ?? 'server'),
      since: String(parsed.since ?? ''),
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // A lock file that cannot be parsed: a crash mid-write (stale, pid 0), unless it is seconds old (being written).
    const mtime = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return {
      pid: 0,
      host: os.hostname(),
      holder: 'a starting engraft process',
      since: '',
      writing: Date.now() - mtime < 2000,
    };
  }
};

/**
 * Takes the exclusive lock on an embedded data directory: `<dataDir>/engraft.lock`, created atomically
 * (O_CREAT|O_EXCL) and holding the pid. A lock left by a process that no longer runs on this host is stale and
 * is replaced; a live holder (or one on another host, whose pid cannot be checked) makes this throw
 * DataDirLockedError before any file of the database is opened (ADR 0009).
 */
export function acquireDataDirLock(dataDir: string, holder: LockHolder): DataDirLock {
  mkdirSync(path.resolve(dataDir), { recursive: true });
  const file = path.join(path.resolve(dataDir), LOCK_FILE);
  const content: LockContent = { pid: process.pid, host: os.hostname(), holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, `${JSON.stringify(content)}\n`);
      } finally {
        closeSync(fd);
      }
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        // Only our own lock is removed (a stale-lock recovery by another process may have replaced it).
        if (readLock(file)?.pid === process.pid) {
          try {
            unlinkSync(file);
          } catch {
            /* already gone */
          }
        }
      };
      process.on('exit', release);
      return { file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = readLock(file);
    if (!current) continue; // removed between our attempt and the read: try again
    if (current.writing) throw new DataDirLockedError(0, current.holder, current.host);
    const sameHost = current.host === os.hostname();
    if (current.pid === process.pid && sameHost) {
      throw new DataDirLockedError(
        current.pid,
        current.holder === 'server' ? 'server' : `this process (${current.holder})`,
        current.host
      );
    }
    if (!sameHost || isAlive(current.pid)) throw new DataDirLockedError(current.pid, current.holder, current.host);
    // Stale: its process is gone. Re-read just before removing, so a lock another process took meanwhile stays.
    const again = readLock(file);
    if (again && (again.pid !== current.pid || again.since !== current.since)) {
      throw new DataDirLockedError(again.pid, again.holder, again.host);
    }
    try {
      unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const holderNow = readLock(file);
  throw new DataDirLockedError(holderNow?.pid ?? -1, holderNow?.holder ?? 'unknown', holderNow?.host ?? os.hostname());
}
