import type { Hl7Header } from './message';

/** MSA-1 acknowledgment codes (HL7 v2.5.1 Chapter 2, table 0008, original mode). */
export type AckCode = 'AA' | 'AE' | 'AR';

/**
 * One problem in a message, sent back as an ERR segment (HL7 v2.5.1 Chapter 2, section 2.15.5 ERR): ERR-2 the
 * location (segment^sequence^field^repetition^component), ERR-3 the code from table 0357, ERR-4 the severity
 * (table 0516: E error, W warning, I information), ERR-8 the message for a person.
 */
export interface Hl7Problem {
  segment: string;
  /** The segment's occurrence in the message (1-based). */
  sequence: number;
  field?: number;
  component?: number;
  code: Hl7ErrorCode;
  severity: 'E' | 'W' | 'I';
  message: string;
}

/** Table 0357 (message error condition codes), the ones Engraft sends. */
export const HL7_ERROR_CODES = {
  101: 'Required field missing',
  102: 'Data type error',
  103: 'Table value not found',
  200: 'Unsupported message type',
  201: 'Unsupported event code',
  202: 'Unsupported processing id',
  203: 'Unsupported version id',
  204: 'Unknown key identifier',
  205: 'Duplicate key identifier',
  207: 'Application internal error',
} as const;
export type Hl7ErrorCode = keyof typeof HL7_ERROR_CODES;

/** Escapes text written into an ACK (section 2.7.4), for the standard encoding characters ^~\&. */
export function escapeHl7(text: string): string {
  return text
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\')
    .replace(/\r\n|\r|\n/g, '\\.br\\');
}

const ts = (d: Date): string => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/**
 * The ACK of a message (HL7 v2.5.1 Chapter 2, section 2.9.2 original acknowledgment rules): MSH with sender and
 * receiver swapped, MSA (code, the message's control id, a summary), then one ERR per problem.
 */
export function buildAck(
  header: Partial<Hl7Header>,
  code: AckCode,
  problems: readonly Hl7Problem[],
  ackControlId: string,
  now: Date = new Date()
): string {
  const summary =
    code === 'AA'
      ? 'stored'
      : problems
          .filter((p) => p.severity === 'E')
          .map((p) => p.message)
          .slice(0, 3)
          .join('; ')
          .slice(0, 200);
  const msh = [
    'MSH',
    '^~\\&',
    'ENGRAFT',
    escapeHl7(header.receivingFacility ?? ''),
    escapeHl7(header.sendingApplication ?? ''),
    escapeHl7(header.sendingFacility ?? ''),
    ts(now),
    '',
    `ACK^${escapeHl7(header.triggerEvent ?? '')}^ACK`,
    escapeHl7(ackControlId),
    'P',
    '2.5.1',
  ].join('|');
  const msa = ['MSA', code, escapeHl7(header.controlId ?? ''), escapeHl7(summary)].join('|');
  const errs = problems.map((p) =>
    [
      'ERR',
      '',
      [p.segment, p.sequence, p.field ?? '', '', p.component ?? ''].join('^').replace(/\^+$/, ''),
      `${p.code}^${HL7_ERROR_CODES[p.code]}^HL70357`,
      p.severity,
      '',
      '',
      '',
      escapeHl7(p.message),
    ].join('|')
  );
  return [msh, msa, ...errs].join('\r');
}
