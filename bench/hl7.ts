// HL7 v2 feed throughput (issue 17 §2): ORU^R01 messages (a CBC with differential: WBC, ANC, platelets,
// haemoglobin) sent over MLLP by @medplum/hl7 clients, as a hospital interface engine sends them, into the
// embedded database; each ACK is awaited before the connection's next message (HL7 original mode). Prints
// messages per second sustained, ACK latency, and checks that every message was stored once.
// Usage: npm run bench -- hl7 [messages] [connections]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { dateOfDay } from '../packages/clinical/src/index';
import { startHl7Feed } from '../packages/server/src/hl7/feed';
import { findOrCreateCentre } from '../packages/server/src/repo/centres';
import { openEngraftDatabase, todayUtc } from '../packages/server/src/runtime';
import { countingDatabase } from '../packages/server/src/testing/countingDatabase';
import { adt, AUTHORITY, oru } from '../packages/server/src/testing/hl7Messages';
import { machineLine } from './_machine';

const MESSAGES = Number(process.argv[2] ?? 3000);
const CONNECTIONS = Number(process.argv[3] ?? 4);
const PATIENTS = 50;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-bench-hl7-'));
const db = await openEngraftDatabase({ dataDir, databaseUrl: undefined }, 'bench');
await findOrCreateCentre(db, 'Bench Centre');
const feedConfig = {
  port: 0,
  host: '127.0.0.1',
  defaultCentre: 'Bench Centre',
  facilityCentres: {},
  mrnAuthority: AUTHORITY,
  maxMessageBytes: 1024 * 1024,
  idleTimeoutMs: 300_000,
};
const feed = await startHl7Feed(db, feedConfig, todayUtc);
const person = (i: number) => ({ mrn: `B-${i}`, family: `Bench${i}`, given: 'Pat', dob: '1970-01-01', sex: 'F' });
const today = todayUtc();
const message = (i: number): string =>
  oru(`BENCH-${i}`, person(i % PATIENTS), `FIL-B${i}`, [
    {
      loinc: '6690-2',
      value: (1 + (i % 97) / 10).toFixed(2),
      unit: '10*9/L',
      date: dateOfDay(today, -Math.floor(i / PATIENTS) - 1),
    },
    {
      loinc: '751-8',
      value: (0.5 + (i % 89) / 10).toFixed(2),
      unit: '10*9/L',
      date: dateOfDay(today, -Math.floor(i / PATIENTS) - 1),
    },
    {
      loinc: '777-3',
      value: String(20 + (i % 300)),
      unit: '10*9/L',
      date: dateOfDay(today, -Math.floor(i / PATIENTS) - 1),
    },
    {
      loinc: '718-7',
      value: String(70 + (i % 60)),
      unit: 'g/L',
      date: dateOfDay(today, -Math.floor(i / PATIENTS) - 1),
    },
  ]);

const setup = new Hl7Client({ host: '127.0.0.1', port: feed.port });
for (let p = 0; p < PATIENTS; p++) await setup.sendAndWait(Hl7Message.parse(adt('A04', `BENCH-ADT-${p}`, person(p))));
await setup.close();

// Statements per message (load-independent): every query of the ORU phase, in or out of a transaction, counted
// through a wrapper of the database the feed was given (BEGIN/COMMIT of db.transaction are not counted).
const counting = countingDatabase(db);
const oruFeed = await startHl7Feed(counting.db, feedConfig, todayUtc);

const latencies: number[] = [];
const codes = new Map<string, number>();
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CONNECTIONS }, async () => {
    const client = new Hl7Client({ host: '127.0.0.1', port: oruFeed.port });
    for (let i = next++; i < MESSAGES; i = next++) {
      const t0 = performance.now();
      const ack = await client.sendAndWait(Hl7Message.parse(message(i)), { timeoutMs: 60_000 });
      latencies.push(performance.now() - t0);
      const code = ack.getSegment('MSA')!.getField(1).toString();
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    await client.close();
  })
);
const seconds = (performance.now() - started) / 1000;
const statementsPerMessage = counting.count() / MESSAGES;
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
const n =
  (await db.query<{ n: number }>("select count(*)::int as n from observations where source = 'hl7'"))[0]?.n ?? 0;
console.log(machineLine());
console.log(`ORU^R01 over MLLP, embedded database: ${MESSAGES} messages (4 OBX each) on ${CONNECTIONS} connections`);
console.log(
  `  ${(MESSAGES / seconds).toFixed(0)} messages/s sustained (${seconds.toFixed(1)} s); ACK latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`
);
console.log(`  ${statementsPerMessage.toFixed(1)} SQL statements per message (counted at the database seam)`);
console.log(
  `  ACKs: ${[...codes].map(([c, k]) => `${c} ${k}`).join(', ')}; observations stored: ${n} (expected ${MESSAGES * 4})`
);
await feed.close();
await oruFeed.close();
await db.close();
rmSync(dataDir, { recursive: true, force: true });
if (n !== MESSAGES * 4 || codes.get('AA') !== MESSAGES) process.exitCode = 1;
