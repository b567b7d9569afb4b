// "Acknowledged means stored" (issue 17 §2): the server is killed with SIGKILL while an interface engine is
// sending results; after a restart, every message that had received AA is stored, exactly once, and the engine's
// resending of everything (acknowledged or not) stores nothing twice.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { findOrCreateCentre } from '../repo/centres';
import { adt, AUTHORITY, oru } from '../testing/hl7Messages';

const BIN = fileURLToPath(new URL('../../../cli/bin/engraft.js', import.meta.url));
const CENTRE = 'Kill Test Centre';
const N = 60;
const patient = { mrn: 'KILL-1', family: 'Crash', given: 'Casey', dob: '1970-01-01', sex: 'U' };
const message = (i: number) =>
  oru(`KILL-ORU-${i}`, patient, `FIL-K${i}`, [
    { loinc: '777-3', value: String(100 + i), unit: '10*9/L', date: '2026-03-01' },
  ]);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('HL7 feed under kill -9 (embedded database)', { timeout: 600_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'engraft-hl7-kill-'));
  const dataDir = path.join(root, 'data');
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  async function serve(port: number): Promise<ChildProcess> {
    const c = spawn(process.execPath, [BIN, 'serve', '--quiet'], {
      env: {
        ...process.env,
        ENGRAFT_DATA_DIR: dataDir,
        PORT: '0',
        TZ: 'UTC',
        ENGRAFT_FROM_SOURCE: '1',
        ENGRAFT_AUDIT_CHECKPOINT_MINUTES: '0',
        ENGRAFT_MLLP_PORT: String(port),
        ENGRAFT_MLLP_CENTRE: CENTRE,
        ENGRAFT_MLLP_MRN_AUTHORITY: AUTHORITY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      let err = '';
      c.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Engraft is running')) resolve();
      });
      c.stderr.on('data', (d: Buffer) => (err += d.toString()));
      c.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    });
    return c;
  }

  const stored = async (): Promise<Map<number, number>> => {
    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.query<{ value: string | number; n: string | number }>(
        "select value, count(*) as n from observations where analyte = 'platelets' group by value"
      );
      return new Map(rows.map((r) => [Number(r.value) - 100, Number(r.n)]));
    } finally {
      await db.close();
    }
  };

  it('keeps every acknowledged message, exactly once, across a SIGKILL and a full resend', async () => {
    const seed = await openDatabase({ dataDir });
    await migrate(seed);
    await findOrCreateCentre(seed, CENTRE);
    await seed.close();

    const port = await freePort();
    child = await serve(port);
    const client = new Hl7Client({ host: '127.0.0.1', port });
    const reg = await client.sendAndWait(Hl7Message.parse(adt('A04', 'KILL-ADT-1', patient)));
    expect(reg.getSegment('MSA')!.getField(1).toString()).toBe('AA');

    // Pipelined, as a busy engine does; killed once half of them are acknowledged.
    const acked = new Set<number>();
    const running = child;
    const sends = Array.from({ length: N }, (_, i) =>
      client.sendAndWait(Hl7Message.parse(message(i)), { timeoutMs: 60_000 }).then(
        (ack) => {
          if (ack.getSegment('MSA')!.getField(1).toString() === 'AA') acked.add(i);
          if (acked.size === N / 2) running.kill('SIGKILL');
        },
        () => undefined
      )
    );
    await Promise.all(sends);
    await new Promise((r) => (running.exitCode !== null || running.signalCode ? r(null) : running.once('exit', r)));
    await client.close().catch(() => undefined);
    expect(acked.size).toBeGreaterThanOrEqual(N / 2);
    expect(acked.size).toBeLessThan(N);

    const afterKill = await stored();
    for (const i of acked) expect(afterKill.get(i), `message ${i} was acknowledged`).toBe(1);
    for (const n of afterKill.values()) expect(n).toBe(1);

    child = await serve(port);
    const again = new Hl7Client({ host: '127.0.0.1', port });
    for (let i = 0; i < N; i++) {
      const ack = await again.sendAndWait(Hl7Message.parse(message(i)));
      expect(ack.getSegment('MSA')!.getField(1).toString()).toBe('AA');
    }
    await again.close();
    const stopped = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await stopped;
    child = undefined;

    const final = await stored();
    expect([...final.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
    for (const n of final.values()) expect(n).toBe(1);
  });
});
