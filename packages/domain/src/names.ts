import { z } from 'zod';

/**
 * Characters that change nothing visible in a person's name but make two names differ: zero-width space, joiner
 * and non-joiner, word joiner, byte-order mark, soft hyphen, Mongolian vowel separator, and the bidirectional
 * controls (LRM, RLM, ALM, LRE…RLO, LRI…PDI). Unicode TR #9 and TR #36 (security considerations) name them as
 * the means of look-alike identifiers.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * A name as stored and searched (issue 14): Unicode NFKC (compatibility forms such as full-width letters and
 * ligatures folded to their plain letters), invisible and bidirectional control characters removed, runs of
 * white space as one space, trimmed. "Ro\u200Bwan" and "\u202ERowan" become "Rowan", so a duplicate cannot look
 * identical yet escape a search.
 */
export function normaliseName(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** A person's family or given name: normalised (normaliseName), 1 to 100 characters. */
export const PersonNameSchema = z.string().overwrite(normaliseName).min(1, 'required').max(100, 'at most 100 characters');
