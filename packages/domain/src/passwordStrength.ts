import { COMMON_PASSWORD_STEMS } from './commonPasswords';

/** NIST SP 800-63B §5.1.1.2 (2017): at least 8 characters, we ask 12; no composition rules; refuse known-bad. */
export const MIN_PASSWORD_LENGTH = 12;

// Look-alike characters read as the letters they stand for (`p@ssw0rd` is `password`).
const LOOK_ALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** Lower case, look-alikes as letters, only letters and digits kept, leading and trailing digits removed. */
export function passwordStem(text: string): string {
  const lower = text.toLowerCase().normalize('NFKC');
  const alnum = lower.replace(/[^\p{L}\p{N}@$!]/gu, '');
  const trimmed = alnum.replace(/^[\d!@$]+|[\d!@$]+$/g, '');
  return [...trimmed].map((c) => LOOK_ALIKES[c] ?? c).join('');
}

/** A word repeated (`passwordpassword`, `abcabcabcabc`) counts as the word. */
function unitOf(stem: string): string {
  const m = /^(.+?)\1+$/.exec(stem);
  return m ? m[1]! : stem;
}

function isSequence(text: string): boolean {
  if (text.length < 4) return false;
  let up = true;
  let down = true;
  for (let i = 1; i < text.length; i++) {
    const d = text.charCodeAt(i) - text.charCodeAt(i - 1);
    if (d !== 1) up = false;
    if (d !== -1) down = false;
  }
  return up || down;
}

/**
 * Why a password is too weak, or null when it is acceptable. Refused: shorter than 12 characters; a common
 * password or stem (`password1234`, `P@ssw0rd2026!`, `qwertyqwerty`); only digits, one repeated character or a
 * run (`abcdefghijkl`); the username or "engraft" with digits or symbols around them (`engraft2026!`,
 * `alice.smith99`), or either with only a common word added.
 */
export function passwordWeakness(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  const stem = passwordStem(password);
  const unit = unitOf(stem);
  if (/^\d+$/.test(password) || /^(.)\1+$/.test(lower) || isSequence(lower) || isSequence(unit)) {
    return 'too easy to guess: digits only, one repeated character or a run; use a few unrelated words';
  }
  if (
    COMMON_PASSWORD_STEMS.has(stem) ||
    COMMON_PASSWORD_STEMS.has(unit) ||
    COMMON_PASSWORD_STEMS.has(lower) ||
    unit.length < 3
  ) {
    return 'this is one of the most common passwords (found in breach lists); choose another';
  }
  const names = ['engraft', ...(username ? [passwordStem(username)] : [])].filter((n) => n.length >= 3);
  let rest = unit;
  for (const n of names) rest = rest.split(n).join('');
  if (rest !== unit && (rest.length < 4 || COMMON_PASSWORD_STEMS.has(rest))) {
    return 'too close to the username or the name of the application; choose something else';
  }
  return null;
}
