import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScientific, parseTypedNumber } from './typedNumber';

const value = (t: string) => {
  const p = parseTypedNumber(t);
  return p.kind === 'number' ? p.value : p.kind;
};

describe('parseTypedNumber (H-INPUT-1: a field sends exactly what was typed or shows an error)', () => {
  it('reads the notations the count fields advertise, exactly', () => {
    expect(value('4e10')).toBe(4e10);
    expect(value('3.5e8')).toBe(3.5e8);
    expect(value('2e9')).toBe(2e9);
    expect(value('4.0×10^10')).toBe(4e10);
    expect(value('4.0 x 10^10')).toBe(4e10);
    expect(value('4.0 X 10^10')).toBe(4e10);
    expect(value('4*10^10')).toBe(4e10);
    expect(value('4.1 × 10¹⁰')).toBe(4.1e10);
    expect(value('2.5×10⁻³')).toBe(0.0025);
    expect(value('41000000000')).toBe(41_000_000_000);
    expect(value(' 12.5 ')).toBe(12.5);
    expect(value('.5')).toBe(0.5);
    expect(value('7.')).toBe(7);
  });
  it('keeps the sign: -5 is -5 (the schema refuses it, naming the field), never 0', () => {
    expect(value('-5')).toBe(-5);
    expect(value('−5')).toBe(-5);
    expect(value('-0')).toBe(0);
  });
  it('empty is empty, not zero', () => {
    expect(value('')).toBe('empty');
    expect(value('   ')).toBe('empty');
  });
  it.each([
    '0x10',
    '0b11',
    '1,000',
    '1,5',
    'Infinity',
    'NaN',
    '4e10 cells',
    '12kg',
    'e10',
    '4e',
    '4..2',
    '1e999',
    '--5',
    '4 e10',
    '10^9',
  ])('refuses %s with a message', (t) => {
    const p = parseTypedNumber(t);
    expect(p.kind).toBe('error');
    if (p.kind === 'error') expect(p.message.length).toBeGreaterThan(5);
  });
  it('explains the common mistakes', () => {
    expect(parseTypedNumber('0x10')).toMatchObject({ message: expect.stringMatching(/hexadecimal/) });
    expect(parseTypedNumber('1,5')).toMatchObject({ message: expect.stringMatching(/1\.5/) });
    expect(parseTypedNumber('12,000')).toMatchObject({ message: expect.stringMatching(/thousands/) });
  });
  it('property: any finite number written as JavaScript writes it reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(value(String(n))).toBe(Object.is(n, -0) ? 0 : n);
        expect(value(n.toExponential())).toBe(Object.is(n, -0) ? 0 : n);
      }),
      { numRuns: 2000 }
    );
  });
  it('property: any typed string gives the number it denotes or an error, never something else', () => {
    const typed = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[-+]?[0-9]{0,4}[.,]?[0-9]{0,3}([eE][-+]?[0-9]{1,2})?$/),
      fc.stringMatching(/^[0-9]\.?[0-9]? ?[x×*] ?10\^-?[0-9]{1,2}$/)
    );
    fc.assert(
      fc.property(typed, (t) => {
        const p = parseTypedNumber(t);
        if (p.kind === 'empty') expect(t.trim()).toBe('');
        if (p.kind === 'number') {
          expect(Number.isFinite(p.value)).toBe(true);
          // The value is the one JavaScript reads from the same text once the notation is normalised.
          const normalised = t
            .trim()
            .replace(/\s*[x×X*·]\s*10\s*\^\s*/, 'e')
            .replace('−', '-');
          expect(p.value).toBe(Number(normalised) === 0 ? 0 : Number(normalised));
        }
        if (p.kind === 'error') expect(p.message).not.toBe('');
      }),
      { numRuns: 5000 }
    );
  });
  it('formats large numbers for people', () => {
    expect(formatScientific(4.1e10)).toBe('4.1 × 10¹⁰');
    expect(formatScientific(410)).toBe('410');
    expect(formatScientific(3.58e8)).toBe('3.58 × 10⁸');
  });
});
