// ISBT 128 bar-code data content for a product label. Source: ICCBBA ST-001 v6.2.2 §2.4.1 (DS001 DIN with flags),
// §2.4.3 (DS003 product code), DS005 (expiry date and time), DS023 (compound message for 2-D symbols);.
// Pure string builders: the label renderer encodes exactly these strings.
import { mod37_2, mod37CheckCharacter } from './mod37';

const DIN = /^[A-NP-Z1-9][A-NP-Z0-9]{2}[0-9]{2}[0-9]{2}[0-9]{6}$/;

function din13(din: string): string {
  if (!DIN.test(din)) throw new RangeError(`not a 13-character DIN: ${din}`);
  return din;
}

/** DS001 "=" + DIN + flags, with the Type 3 flag (60 + MOD 37-2 checksum), e.g. "=A99992112345663". */
export function dinBarcodeData(din: string): string {
  const checksum = mod37_2(din13(din))!;
  return `=${din}${60 + checksum}`;
}

/** Eye-readable DIN "A9999 21 123456" and the keyboard check character printed boxed beside it (ST-001 §7.5). */
export function dinEyeReadable(din: string): { text: string; checkCharacter: string } {
  const d = din13(din);
  return { text: `${d.slice(0, 5)} ${d.slice(5, 7)} ${d.slice(7)}`, checkCharacter: mod37CheckCharacter(mod37_2(d)!) };
}

/** DS003 "=<" + product description code + collection type + division, e.g. "=<S12951A0"; "00" when not divided. */
export function productCodeBarcodeData(
  productDescriptionCode: string,
  collectionType: string,
  division: string
): string {
  if (!/^[A-Z][0-9A-Z]{4}$/.test(productDescriptionCode)) {
    throw new RangeError(`not a product description code: ${productDescriptionCode}`);
  }
  if (!/^[0-9A-Za-z]$/.test(collectionType)) throw new RangeError(`not a collection type: ${collectionType}`);
  if (!/^(00|[A-Z][a-z0])$/.test(division)) throw new RangeError(`not a division code: ${division}`);
  return `=<${productDescriptionCode}${collectionType}${division}`;
}

/**
 * DS005 "&>" + c yy jjj hhmm: century digit (0 for 2000-2099), year, Julian day of the year, hour and minute,
 * of the expiry in the facility's time (here the UTC clock of the instant given).
 */
export function expiryBarcodeData(expiresAt: Date): string {
  const y = expiresAt.getUTCFullYear();
  if (y < 2000 || y > 2999) throw new RangeError(`expiry year out of range: ${y}`);
  const startOfYear = Date.UTC(y, 0, 1);
  const julian =
    Math.floor((Date.UTC(y, expiresAt.getUTCMonth(), expiresAt.getUTCDate()) - startOfYear) / 86_400_000) + 1;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `&>${Math.floor(y / 100) - 20}${pad(y % 100, 2)}${pad(julian, 3)}${pad(expiresAt.getUTCHours(), 2)}${pad(expiresAt.getUTCMinutes(), 2)}`;
}

/** DS023 compound message "=+" + count (2 digits) + "000" (no predefined sequence) + the data structures in order. */
export function compoundMessage(structures: readonly string[]): string {
  if (structures.length < 2 || structures.length > 99) {
    throw new RangeError('a compound message holds 2 to 99 data structures');
  }
  return `=+${String(structures.length).padStart(2, '0')}000${structures.join('')}`;
}

export interface LabelBarcodes {
  din: string;
  productCode: string;
  expiry: string | null;
  compound: string;
}

/** All bar-code strings of a product label: DIN, product code, expiry if any, and the DataMatrix compound message. */
export function labelBarcodes(p: {
  din: string;
  productCode: string;
  collectionType: string;
  division: string;
  expiresAt: Date | null;
}): LabelBarcodes {
  const din = dinBarcodeData(p.din);
  const productCode = productCodeBarcodeData(p.productCode, p.collectionType, p.division);
  const expiry = p.expiresAt ? expiryBarcodeData(p.expiresAt) : null;
  return {
    din,
    productCode,
    expiry,
    compound: compoundMessage(expiry ? [din, productCode, expiry] : [din, productCode]),
  };
}
