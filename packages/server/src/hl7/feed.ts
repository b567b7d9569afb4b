import type { Database } from '../db/database';
import { receiveHl7 } from '../services/hl7Inbound';
import { buildAck } from './ack';
import type { Hl7FeedConfig } from './feedConfig';
import { type MllpListener, startMllpListener } from './mllpListener';

/** Starts the MLLP listener of the hospital feed, handing each message to `receiveHl7` (ADR 0701). */
export function startHl7Feed(db: Database, cfg: Hl7FeedConfig, today: () => string): Promise<MllpListener> {
  return startMllpListener({
    port: cfg.port,
    host: cfg.host,
    maxMessageBytes: cfg.maxMessageBytes,
    idleTimeoutMs: cfg.idleTimeoutMs,
    onMessage: async (text) => (await receiveHl7(db, cfg, text, today())).ack,
    tooLarge: (bytes) =>
      buildAck(
        {},
        'AR',
        [
          {
            segment: 'MSH',
            sequence: 1,
            code: 207,
            severity: 'E',
            message: `message of ${bytes} bytes or more is over the limit of ${cfg.maxMessageBytes} bytes; not read`,
          },
        ],
        `ENG-TOOLARGE`
      ),
    onError: (err) => {
      // The error's message only: never the HL7 text, which holds patient data.
      process.stderr.write(`engraft: hl7 feed: ${err instanceof Error ? err.message : String(err)}\n`);
    },
  });
}
