import { createHash, randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { type AckCode, buildAck, type Hl7Problem } from '../hl7/ack';
import { centreNameOf, type Hl7FeedConfig } from '../hl7/feedConfig';
import { type Hl7Header, parseHl7, type ParsedHl7 } from '../hl7/message';
import { mrnOf } from '../hl7/pid';
import * as repo from '../repo/hl7Inbound';
import { receiveAdt, receiveMerge } from './hl7Adt';
import { oruResultKeys, receiveOru } from './hl7Oru';
import type { CentreActor } from './patients';

/** What a handler did with a message, inside the message's transaction. */
export interface Handled {
  code: AckCode;
  problems: Hl7Problem[];
  reviews: repo.ReviewInsert[];
  /** Result keys (ORU) to record with the message, in the same statement as its row. */
  resultKeys?: repo.ResultKey[];
  patientId: string | null;
  /** Counts for the audit event (no patient data). */
  counts: Record<string, number>;
}

export interface HandlerContext {
  tx: Queryable;
  db: Database;
  actor: CentreActor;
  parsed: ParsedHl7;
  mrnAuthority: string | undefined;
  today: string;
  /** The id the message will be stored under (its row is written after the handler, in the same transaction). */
  messageId: string;
  /** Read in the message's first statement: the patient of PID-3's MRN and the stored result keys it names. */
  lookup: Pick<repo.MessageLookup, 'patient' | 'resultKeys'>;
}

export interface Hl7Outcome {
  ack: string;
  code: AckCode;
  /** The message had been received before: its stored ACK was sent again and nothing was stored. */
  replay: boolean;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function refuse(header: Partial<Hl7Header>, problem: Hl7Problem): Hl7Outcome {
  return { ack: buildAck(header, 'AR', [problem], `ENG-${randomUUID().slice(0, 8)}`), code: 'AR', replay: false };
}

const HANDLERS: Record<string, (c: HandlerContext) => Promise<Handled>> = {
  'ADT^A04': receiveAdt,
  'ADT^A08': receiveAdt,
  'ADT^A40': receiveMerge,
  'ORU^R01': receiveOru,
};

/**
 * Receives one HL7 v2 message and returns the ACK to send (HL7 v2.5.1 Chapter 2, section 2.9 acknowledgment):
 * AA when everything in it was stored; AE when it was stored but part or all of it waits in the review queue
 * (ERR per segment); AR when it was not accepted (not HL7, unknown sender, unsupported type, processing id or
 * version). Idempotent on (centre, MSH-3, MSH-4, MSH-10): a replay gets the stored ACK and stores nothing. The
 * message, what it wrote, its review items and audit event commit together before the ACK is returned.
 */
export async function receiveHl7(
  db: Database,
  feed: Pick<Hl7FeedConfig, 'defaultCentre' | 'facilityCentres' | 'mrnAuthority'>,
  raw: string,
  today: string
): Promise<Hl7Outcome> {
  const parsed = parseHl7(raw);
  if ('error' in parsed) {
    return refuse({}, { segment: 'MSH', sequence: 1, code: 102, severity: 'E', message: parsed.error });
  }
  const { header } = parsed;
  if (!header.controlId) {
    return refuse(header, {
      segment: 'MSH',
      sequence: 1,
      field: 10,
      code: 101,
      severity: 'E',
      message: 'MSH-10 message control id is required',
    });
  }
  const centreName = centreNameOf(feed, header.sendingFacility);
  const unknownFacility = () =>
    refuse(header, {
      segment: 'MSH',
      sequence: 1,
      field: 4,
      code: 207,
      severity: 'E',
      message: `no centre receives messages from sending facility ${header.sendingFacility || '(empty)'}`,
    });
  if (!centreName) return unknownFacility();
  const key = {
    sendingApplication: header.sendingApplication,
    sendingFacility: header.sendingFacility,
    controlId: header.controlId,
  };
  const type = `${header.messageType}^${header.triggerEvent}`;
  const pid = parsed.message.getSegment('PID');
  const payloadSha256 = sha256(raw);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const found = await repo.lookupMessage(tx, {
          centreName,
          ...key,
          mrn: pid ? mrnOf(parsed.message, pid, feed.mrnAuthority) : null,
          resultKeys: type === 'ORU^R01' ? oruResultKeys(parsed.message) : [],
        });
        if (!found) return unknownFacility();
        const { seen } = found;
        if (seen) {
          if (seen.payloadSha256 !== payloadSha256) {
            return refuse(header, {
              segment: 'MSH',
              sequence: 1,
              field: 10,
              code: 205,
              severity: 'E',
              message: `message control id ${header.controlId} was already used for a different message`,
            });
          }
          return { ack: seen.ack, code: seen.ack.split('\r')[1]?.split('|')[1] as AckCode, replay: true };
        }
        const actor: CentreActor = {
          userId: null,
          username: `hl7:${header.sendingApplication}@${header.sendingFacility}`.slice(0, 100),
          centreId: found.centreId,
        };
        const id = randomUUID();
        const handled = await handle({
          tx,
          db,
          actor,
          parsed,
          mrnAuthority: feed.mrnAuthority,
          today,
          messageId: id,
          lookup: found,
        });
        if (handled.code === 'AR') return refuse(header, handled.problems[0]!);
        const ack = buildAck(header, handled.code, handled.problems, `ENG-${id.slice(0, 8)}`);
        const stored = await repo.storeMessage(
          tx,
          { id, centreId: found.centreId, ...key, messageType: type, payloadSha256, raw, ackCode: handled.code, ack },
          { resultKeys: handled.resultKeys ?? [], reviews: handled.reviews },
          {
            actor,
            input: {
              action: 'receive',
              entityType: 'hl7-message',
              entityId: id,
              patientId: handled.patientId,
              after: {
                type,
                controlId: header.controlId,
                ack: handled.code,
                held: handled.reviews.length,
                ...handled.counts,
              },
            },
          }
        );
        // Another connection committed the same control id meanwhile: undo what this one wrote, send its ACK.
        if (!stored) throw new ReceivedMeanwhile();
        return { ack, code: handled.code, replay: false };
      });
    } catch (err) {
      // The same message on two connections at once: the second meets the first's row; read its ACK.
      const raced = err instanceof ReceivedMeanwhile || (err as { code?: unknown }).code === '23505';
      if (attempt === 0 && raced) continue;
      throw err;
    }
  }
}

class ReceivedMeanwhile extends Error {}

async function handle(c: HandlerContext): Promise<Handled> {
  const { header } = c.parsed;
  const ar = (field: number, code: Hl7Problem['code'], message: string): Handled => ({
    code: 'AR',
    problems: [{ segment: 'MSH', sequence: 1, field, code, severity: 'E', message }],
    reviews: [],
    patientId: null,
    counts: {},
  });
  if (header.processingId && header.processingId !== 'P') {
    return ar(11, 202, `processing id ${header.processingId}: this listener takes production messages (P) only`);
  }
  if (!/^2\.[3-8](\.\d+)?$/.test(header.version)) {
    return ar(12, 203, `HL7 version ${header.version || '(empty)'} is not supported (2.3 to 2.8)`);
  }
  const handler = HANDLERS[`${header.messageType}^${header.triggerEvent}`];
  if (!handler) {
    const known = Object.keys(HANDLERS).some((k) => k.startsWith(`${header.messageType}^`));
    return ar(
      9,
      known ? 201 : 200,
      `${header.messageType}^${header.triggerEvent} is not taken (ADT^A04, ADT^A08, ADT^A40, ORU^R01)`
    );
  }
  return handler(c);
}
