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
export const PersonNameSchema = z
  .string()
  .overwrite(normaliseName)
  .min(1, 'required')
  .max(100, 'at most 100 characters');

/** A name folded for comparison: normalised, accents removed (NFD without combining marks), lower case. */
export function foldName(raw: string): string {
  return normaliseName(raw).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether two people's names and dates of birth make them look like one person (issue 14: a duplicate that
 * looks identical): the same date of birth, the same folded family name, and the same folded given name or the
 * same initial ("Rowan"/"rowan", "Zoë"/"Zoe", "R."/"Rowan").
 */
export function looksLikeSamePerson(
  a: { familyName: string; givenName: string; dateOfBirth: string },
  b: { familyName: string; givenName: string; dateOfBirth: string }
): boolean {
  if (a.dateOfBirth !== b.dateOfBirth || foldName(a.familyName) !== foldName(b.familyName)) return false;
  const ga = foldName(a.givenName).replace(/\.$/, '');
  const gb = foldName(b.givenName).replace(/\.$/, '');
  return ga === gb || (ga.length > 0 && gb.length > 0 && (ga.length === 1 || gb.length === 1) && ga[0] === gb[0]);
}

/**
 * A patient's name as people read it, on every page, list, label, report and message (issue 18): "FAMILY, Given",
 * the family name in capitals as on a wristband (so the family name is never taken for the given name), each part
 * normalised (normaliseName: no invisible or bidirectional controls from an old record). A record with no given
 * name shows the family name alone. Capitals are locale-independent (String.prototype.toUpperCase: "ß" → "SS").
 */
export function formatPatientName(p: { familyName: string; givenName: string }): string {
  const family = normaliseName(p.familyName).toUpperCase();
  const given = normaliseName(p.givenName);
  return given ? `${family}, ${given}` : family;
}
