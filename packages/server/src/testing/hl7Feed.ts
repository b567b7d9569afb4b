import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import type { Database } from '../db/database';
import { startHl7Feed } from '../hl7/feed';
import { AUTHORITY } from './hl7Messages';

export interface TestHl7Feed {
  /** The port the MLLP listener took. */
  port: number;
  /** Sends one message over the connected client and waits for its acknowledgement. */
  send(text: string): Promise<Hl7Message>;
  /** Sends one message; the acknowledgement code of its MSA-1 (AA, AE, AR). */
  ackCode(text: string): Promise<string>;
  /** Closes the client, then the listener. */
  close(): Promise<void>;
}

/**
 * Starts the hospital's HL7 v2 feed (MLLP, ADR 0701) on a free loopback port over a test database, with one client
 * connected: messages of any facility go to "Test Centre" (createTestApp's), MRNs are read under `AUTHORITY`, 64 KiB
 * at most per message; `today` is the feed's date.
 */
export async function startTestHl7Feed(db: Database, today: string): Promise<TestHl7Feed> {
  const feed = await startHl7Feed(
    db,
    {
      port: 0,
      host: '127.0.0.1',
      defaultCentre: 'Test Centre',
      facilityCentres: {},
      mrnAuthority: AUTHORITY,
      maxMessageBytes: 64 * 1024,
      idleTimeoutMs: 30_000,
    },
    () => today
  );
  const client = new Hl7Client({ host: '127.0.0.1', port: feed.port });
  const send = (text: string) => client.sendAndWait(Hl7Message.parse(text));
  return {
    port: feed.port,
    send,
    ackCode: async (text) => (await send(text)).getSegment('MSA')!.getField(1).toString(),
    close: async () => {
      await client.close();
      await feed.close();
    },
  };
}
