// ABO compatibility between a cell product (the donor's red-cell antigens and plasma antibodies) and its
// recipient. In HCT an ABO mismatch is not a contraindication: it changes product processing (red-cell or
// plasma depletion) and what to watch for (haemolysis at infusion or later, pure red-cell aplasia, passenger
// lymphocyte syndrome). Sources: Booth GS, Gehrie EA, Bolan CD, Savani BN. Clinical guide to ABO-incompatible
// allogeneic stem cell transplantation. Biol Blood Marrow Transplant 2013;19:1152-1158; Worel N.
// ABO-mismatched allogeneic hematopoietic stem cell transplantation. Transfus Med Hemother 2016;43:3-12.
// Autologous products carry no mismatch. Used as a note by the bedside check.

export const ABO_MISMATCH_RULE_ID = 'abo-hct-mismatch-booth-2013@1';

export type AboGroup = 'O' | 'A' | 'B' | 'AB';
export type AboMismatch = 'none' | 'major' | 'minor' | 'bidirectional' | 'unknown';

export interface AboMismatchResult {
  mismatch: AboMismatch;
  /** What the team watches for, one sentence; null when compatible. */
  note: string | null;
  ruleId: string;
  explanation: string;
}

/** The ABO group of "A+", "ab-", "O", "AB pos"…; null when it cannot be read (unknown, empty). */
export function aboGroupOf(aboRh: string | null | undefined): AboGroup | null {
  const m = /^\s*(AB|A|B|O)(?![A-Z])/i.exec(aboRh ?? '');
  return m ? (m[1]!.toUpperCase() as AboGroup) : null;
}

const antigens = (g: AboGroup): Set<'A' | 'B'> => new Set(g === 'O' ? [] : g === 'AB' ? ['A', 'B'] : [g]);

/**
 * Major: the recipient has isoagglutinins against the donor's red-cell antigens (e.g. O recipient, A donor).
 * Minor: the donor's plasma has isoagglutinins against the recipient's red cells (e.g. A recipient, O donor).
 * Bidirectional: both (A ↔ B).
 */
export function aboMismatch(input: {
  recipientAboRh: string | null | undefined;
  productAboRh: string | null | undefined;
  autologous: boolean;
}): AboMismatchResult {
  const base = { ruleId: ABO_MISMATCH_RULE_ID };
  if (input.autologous) {
    return { ...base, mismatch: 'none', note: null, explanation: 'autologous product: no ABO mismatch' };
  }
  const r = aboGroupOf(input.recipientAboRh);
  const d = aboGroupOf(input.productAboRh);
  if (!r || !d) {
    const missing = [!r && 'recipient', !d && 'product'].filter(Boolean).join(' and ');
    return {
      ...base,
      mismatch: 'unknown',
      note: `ABO group of the ${missing} not recorded: compatibility cannot be checked`,
      explanation: `ABO unknown (${missing})`,
    };
  }
  const ra = antigens(r);
  const da = antigens(d);
  const major = [...da].some((a) => !ra.has(a));
  const minor = [...ra].some((a) => !da.has(a));
  const pair = `product ${d} → recipient ${r}`;
  if (major && minor) {
    return {
      ...base,
      mismatch: 'bidirectional',
      note: `Bidirectional ABO mismatch (${pair}): red-cell and plasma depletion as processed; watch for immediate and delayed haemolysis`,
      explanation: `bidirectional: recipient antibodies against donor ${[...da].join('')} and donor antibodies against recipient ${[...ra].join('')}`,
    };
  }
  if (major) {
    return {
      ...base,
      mismatch: 'major',
      note: `Major ABO mismatch (${pair}): check the product was red-cell depleted; watch for acute haemolysis, later delayed red-cell engraftment or pure red-cell aplasia`,
      explanation: `major: recipient ${r} has antibodies against donor ${[...da].join('')} antigens`,
    };
  }
  if (minor) {
    return {
      ...base,
      mismatch: 'minor',
      note: `Minor ABO mismatch (${pair}): check plasma depletion; watch for haemolysis from passenger lymphocytes days 5-15 after infusion`,
      explanation: `minor: donor ${d} plasma has antibodies against recipient ${[...ra].join('')} antigens`,
    };
  }
  return { ...base, mismatch: 'none', note: null, explanation: `ABO identical or compatible (${pair})` };
}
