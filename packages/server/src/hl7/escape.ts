import type { Hl7Context } from '@medplum/core';

/**
 * Decodes HL7 v2 escape sequences in one already split value (HL7 v2.5.1 Chapter 2, section 2.7.4 "Special
 * characters" and 2.7.5 hexadecimal data): \F\ field separator, \S\ component, \T\ subcomponent, \R\ repetition,
 * \E\ escape character, \Xhh..\ hexadecimal bytes (UTF-8), \.br\ line break. Formatting commands other than .br
 * (\H\ \N\ highlighting, \.sp\ …) carry no data and are removed. An unterminated sequence is kept as written.
 */
export function unescapeHl7(
  text: string,
  ctx: Pick<
    Hl7Context,
    'fieldSeparator' | 'componentSeparator' | 'subcomponentSeparator' | 'repetitionSeparator' | 'escapeCharacter'
  >
): string {
  const esc = ctx.escapeCharacter;
  if (!esc || !text.includes(esc)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch !== esc) {
      out += ch;
      i++;
      continue;
    }
    const end = text.indexOf(esc, i + 1);
    if (end < 0) {
      out += text.slice(i);
      break;
    }
    const seq = text.slice(i + 1, end);
    out += decodeSequence(seq, ctx) ?? `${esc}${seq}${esc}`;
    i = end + 1;
  }
  return out;
}

function decodeSequence(
  seq: string,
  ctx: Pick<
    Hl7Context,
    'fieldSeparator' | 'componentSeparator' | 'subcomponentSeparator' | 'repetitionSeparator' | 'escapeCharacter'
  >
): string | undefined {
  switch (seq) {
    case 'F':
      return ctx.fieldSeparator;
    case 'S':
      return ctx.componentSeparator;
    case 'T':
      return ctx.subcomponentSeparator;
    case 'R':
      return ctx.repetitionSeparator;
    case 'E':
      return ctx.escapeCharacter;
    case '.br':
      return '\n';
    case 'H':
    case 'N':
      return '';
  }
  if (/^X([0-9A-Fa-f]{2})+$/.test(seq)) return Buffer.from(seq.slice(1), 'hex').toString('utf8');
  if (/^\.(sp|in|ti|sk|ce|fi|nf)/.test(seq)) return '';
  return undefined;
}
