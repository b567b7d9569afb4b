import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from './dataDirLock';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'engraft-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A process that runs until killed, and one that has already exited (its pid is free). */
const sleeper = () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const deadPid = async (): Promise<number> => {
  const child = sleeper();
  const pid = child.pid ?? 0;
  await new Promise((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGKILL');
  });
  return pid;
};
const writeLock = (dir: string, pid: number, holder = 'server') =>
  writeFileSync(
    path.join(dir, LOCK_FILE),
    JSON.stringify({ pid, host: os.hostname(), holder, since: new Date().toISOString() })
  );

describe('data-directory lock', () => {
  it('is exclusive: a second opener is refused, naming the server and its pid, until the first releases', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, 'server');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      holder: 'server',
    });
    expect(() => acquireDataDirLock(dir, 'engraft users create')).toThrow(
      `the Engraft server (pid ${process.pid}) is using this data directory; stop it or use the API (--server URL)`
    );
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    acquireDataDirLock(dir, 'engraft backup').release();
  });

  it('refuses while another live process holds it, and names a CLI holder as such', async () => {
    const dir = tempDir();
    const child = sleeper();
    try {
      writeLock(dir, child.pid ?? 0, 'engraft backup');
      let err: unknown;
      try {
        acquireDataDirLock(dir, 'server');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect((err as Error).message).toBe(
        `engraft backup (pid ${child.pid}) is using this data directory; wait for it to finish`
      );
      // The holder's lock file is left as it was.
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(child.pid);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('recovers a stale lock left by a killed process', async () => {
    const dir = tempDir();
    writeLock(dir, await deadPid());
    const lock = acquireDataDirLock(dir, 'server');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('recovers an unreadable lock file (a crash while it was written)', () => {
    const dir = tempDir();
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, '{"pid":');
    // Seconds old: another process may be writing it right now.
    expect(() => acquireDataDirLock(dir, 'server')).toThrow(/a starting engraft process/);
    const old = new Date(Date.now() - 10_000);
    utimesSync(file, old, old);
    acquireDataDirLock(dir, 'server').release();
  });

  it('never trusts a pid from another host: refused, naming the host', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, host: 'elsewhere.example', holder: 'server', since: '' })
    );
    expect(() => acquireDataDirLock(dir, 'engraft backup')).toThrow(/pid 1 on host elsewhere\.example/);
  });

  it('is taken by every embedded database handle, before PGlite opens the files, and released on close', async () => {
    const dir = tempDir();
    const db = await openDatabase({ dataDir: dir, holder: 'server' });
    try {
      await expect(openDatabase({ dataDir: dir, holder: 'engraft audit verify' })).rejects.toThrow(
        /the Engraft server \(pid \d+\) is using this data directory/
      );
    } finally {
      await db.close();
    }
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });
});
