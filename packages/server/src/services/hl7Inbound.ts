import { createHash, randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { type AckCode, buildAck, type Hl7Problem } from '../hl7/ack';
import { centreNameOf, type Hl7FeedConfig } from '../hl7/feedConfig';
import { type Hl7Header, parseHl7, type ParsedHl7 } from '../hl7/message';
import { appendAudit } from '../repo/auditLog';
import { findCentreByName } from '../repo/centres';
import * as repo from '../repo/hl7Inbound';
import { receiveAdt, receiveMerge } from './hl7Adt';
import { receiveOru } from './hl7Oru';
import type { CentreActor } from './patients';

/** What a handler did with a message, inside the message's transaction. */
export interface Handled {
  code: AckCode;
  problems: Hl7Problem[];
  reviews: Omit<repo.ReviewInsert, 'centreId' | 'messageId'>[];
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
  const centre = centreName ? await findCentreByName(db, centreName) : undefined;
  if (!centre) {
    return refuse(header, {
      segment: 'MSH',
      sequence: 1,
      field: 4,
      code: 207,
      severity: 'E',
      message: `no centre receives messages from sending facility ${header.sendingFacility || '(empty)'}`,
    });
  }
  const actor: CentreActor = {
    userId: null,
    username: `hl7:${header.sendingApplication}@${header.sendingFacility}`.slice(0, 100),
    centreId: centre.id,
  };
  const key = {
    sendingApplication: header.sendingApplication,
    sendingFacility: header.sendingFacility,
    controlId: header.controlId,
  };
  const payloadSha256 = sha256(raw);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const seen = await repo.findMessage(tx, centre.id, key);
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
        const id = randomUUID();
        const handled = await handle({ tx, db, actor, parsed, mrnAuthority: feed.mrnAuthority, today, messageId: id });
        if (handled.code === 'AR') return refuse(header, handled.problems[0]!);
        const ack = buildAck(header, handled.code, handled.problems, `ENG-${id.slice(0, 8)}`);
        await repo.insertMessage(tx, {
          id,
          centreId: centre.id,
          ...key,
          messageType: `${header.messageType}^${header.triggerEvent}`,
          payloadSha256,
          raw,
          ackCode: handled.code,
          ack,
        });
        await repo.insertReviewItems(
          tx,
          handled.reviews.map((r) => ({ ...r, centreId: centre.id, messageId: id }))
        );
        await appendAudit(tx, actor, {
          action: 'receive',
          entityType: 'hl7-message',
          entityId: id,
          patientId: handled.patientId,
          after: {
            type: `${header.messageType}^${header.triggerEvent}`,
            controlId: header.controlId,
            ack: handled.code,
            held: handled.reviews.length,
            ...handled.counts,
          },
        });
        return { ack, code: handled.code, replay: false };
      });
    } catch (err) {
      // The same message on two connections at once: the second commit meets the first's row; read its ACK.
      if (attempt === 0 && (err as { code?: unknown }).code === '23505') continue;
      throw err;
    }
  }
}

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
