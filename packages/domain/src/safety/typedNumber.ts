/**
 * Exact parsing of a number as a person types it in a form (issue 13: "a field sends exactly what was typed or
 * shows an error"). Accepted: plain decimals (`12`, `-5`, `0.25`, `.5`), E notation (`4e10`, `3.5E-2`) and
 * written powers of ten (`4.0×10^10`, `4.0 x 10^10`, `4*10^10`, `4 × 10¹⁰`). Refused, with a message: thousands
 * separators and decimal commas (`1,5` is ambiguous), hexadecimal or other bases (`0x10`), `Infinity`, `NaN`,
 * units or any other trailing text. Nothing is rounded, clamped or dropped: the value is the one the text denotes.
 */
export type TypedNumber = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'error'; message: string };

const SUPERSCRIPTS: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁻': '-',
  '⁺': '+',
};

const MANTISSA = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)`;
const E_NOTATION = new RegExp(String.raw`^(${MANTISSA})(?:[eE]([+-]?\d{1,3}))?$`);
// "4×10^10", "4 x 10^10", "4*10^10", "4·10^10", "4×10⁻³" (superscripts are mapped to ^digits first).
const POWER_OF_TEN = new RegExp(String.raw`^(${MANTISSA})\s*[x×X*·]\s*10\s*\^\s*([+-]?\d{1,3})$`);

export function parseTypedNumber(text: string): TypedNumber {
  let t = text.trim();
  if (t === '') return { kind: 'empty' };
  t = t.replace(/\u2212/g, '-'); // the typographic minus sign
  const sup = /([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)$/.exec(t);
  if (sup) t = `${t.slice(0, sup.index).trimEnd()}^${[...sup[1]!].map((c) => SUPERSCRIPTS[c]).join('')}`;
  let m = E_NOTATION.exec(t);
  let canonical: string | null = null;
  if (m) canonical = m[2] === undefined ? m[1]! : `${m[1]}e${m[2]}`;
  else if ((m = POWER_OF_TEN.exec(t))) canonical = `${m[1]}e${m[2]}`;
  if (canonical === null) return { kind: 'error', message: explain(t) };
  const value = Number(canonical);
  if (!Number.isFinite(value)) return { kind: 'error', message: `${text.trim()} is too large to be a measurement` };
  return { kind: 'number', value: Object.is(value, -0) ? 0 : value };
}

function explain(t: string): string {
  if (/^[+-]?0[xXbBoO]/.test(t)) return `${t} is not a decimal number (hexadecimal and other bases are not accepted)`;
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return `${t}: type the number without thousands separators`;
  if (/^[+-]?\d*,\d+$/.test(t)) return `${t}: use a point for decimals (e.g. ${t.replace(',', '.')})`;
  if (/^[+-]?(?:infinity|nan)$/i.test(t)) return `${t} is not a number`;
  return `${t} is not a number; type digits, e.g. 12.5, 4e10 or 4.0×10^10`;
}

/** A number as scientific notation for people: 4.1 × 10¹⁰ (plain below 10,000). */
export function formatScientific(value: number, significant = 3): string {
  if (value === 0 || Math.abs(value) < 1e4) return String(Number(value.toPrecision(Math.max(significant, 6))));
  const [mantissa, exponent] = value.toExponential(significant - 1).split('e') as [string, string];
  const sup = [...String(Number(exponent))]
    .map((c) => Object.keys(SUPERSCRIPTS).find((k) => SUPERSCRIPTS[k] === c) ?? c)
    .join('');
  return `${Number(mantissa)} × 10${sup}`;
}
