import { Hl7Message, type Hl7Segment } from '@medplum/core';
import { unescapeHl7 } from './escape';

/**
 * A received HL7 v2 message, parsed with @medplum/core (segments, fields, components, repetitions split by the
 * encoding characters the message declares in MSH-1/MSH-2: HL7 v2.5.1 Chapter 2, section 2.5.4), with every value
 * read through `value()` unescaped (section 2.7.4).
 */
export interface Hl7Header {
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  messageType: string;
  triggerEvent: string;
  controlId: string;
  processingId: string;
  version: string;
}

export interface ParsedHl7 {
  message: Hl7Message;
  header: Hl7Header;
}

/** MSH fields (HL7 v2.5.1 Chapter 2, section 2.14.9 MSH): a message without them cannot be acknowledged usefully. */
export function parseHl7(text: string): ParsedHl7 | { error: string } {
  // Segments end with CR (section 2.5.4); CR LF and LF from file-based senders are read as CR.
  const normalised = text.replace(/\r\n|\n/g, '\r').replace(/\r+$/, '');
  if (!normalised.startsWith('MSH')) return { error: 'the message does not start with an MSH segment' };
  if (normalised.length < 8 || normalised[3] === '\r') return { error: 'MSH-1 and MSH-2 (separators) are missing' };
  let message: Hl7Message;
  try {
    message = Hl7Message.parse(normalised);
  } catch (err) {
    return { error: `not readable as HL7 v2: ${err instanceof Error ? err.message : String(err)}` };
  }
  const msh = message.header;
  const v = (field: number, comp = 1) => value(message, msh, field, comp);
  const header: Hl7Header = {
    sendingApplication: v(3),
    sendingFacility: v(4),
    receivingApplication: v(5),
    receivingFacility: v(6),
    messageType: v(9, 1),
    triggerEvent: v(9, 2),
    controlId: v(10),
    processingId: v(11),
    version: v(12),
  };
  return { message, header };
}

/** One value (field, component and subcomponent 1-based; repetition 0-based), unescaped and trimmed. */
export function value(
  message: Hl7Message,
  segment: Hl7Segment | undefined,
  field: number,
  component = 1,
  repetition = 0,
  subcomponent?: number
): string {
  if (!segment) return '';
  const raw =
    segment.getComponent(field, component, subcomponent === undefined ? undefined : subcomponent - 1, repetition) ?? '';
  return unescapeHl7(raw, message.context).trim();
}

/** The number of repetitions of a field (0 when empty). */
export function repetitions(segment: Hl7Segment | undefined, field: number): number {
  if (!segment) return 0;
  const f = segment.getField(field);
  if (!f) return 0;
  return f.toString() === '' ? 0 : f.components.length;
}

/**
 * The calendar date of an HL7 TS/DTM value as written (YYYY[MM[DD[HH…]]][+/-ZZZZ]; HL7 v2.5.1 Chapter 2A, DTM):
 * YYYY-MM-DD, or null when the value has no full date.
 */
export function dateOfTimestamp(ts: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(ts);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
