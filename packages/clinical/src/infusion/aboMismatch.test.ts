import { describe, expect, it } from 'vitest';
import { aboGroupOf, aboMismatch } from './aboMismatch';

describe('ABO mismatch of an HCT product (Booth 2013)', () => {
  it.each([
    ['O+', 'O-', 'none'],
    ['A+', 'A+', 'none'],
    ['AB+', 'O+', 'minor'],
    ['AB-', 'A+', 'minor'],
    ['A+', 'O+', 'minor'],
    ['O+', 'A+', 'major'],
    ['O-', 'AB+', 'major'],
    ['A+', 'AB+', 'major'],
    ['B+', 'AB-', 'major'],
    ['A+', 'B+', 'bidirectional'],
    ['B-', 'A-', 'bidirectional'],
  ])('recipient %s, product %s -> %s', (recipient, product, expected) => {
    const r = aboMismatch({ recipientAboRh: recipient, productAboRh: product, autologous: false });
    expect(r.mismatch).toBe(expected);
    expect(r.note === null).toBe(expected === 'none');
    expect(r.ruleId).toBe('abo-hct-mismatch-booth-2013@1');
  });
  it('autologous products have no mismatch, whatever is recorded', () => {
    expect(aboMismatch({ recipientAboRh: 'O+', productAboRh: 'A+', autologous: true }).mismatch).toBe('none');
    expect(aboMismatch({ recipientAboRh: null, productAboRh: null, autologous: true }).mismatch).toBe('none');
  });
  it('unknown groups are named, not guessed', () => {
    expect(aboMismatch({ recipientAboRh: 'unknown', productAboRh: 'A+', autologous: false })).toMatchObject({
      mismatch: 'unknown',
    });
    expect(aboMismatch({ recipientAboRh: 'A+', productAboRh: null, autologous: false }).note).toMatch(/product/);
  });
  it('reads groups in the usual spellings', () => {
    expect(aboGroupOf('ab+')).toBe('AB');
    expect(aboGroupOf(' O neg')).toBe('O');
    expect(aboGroupOf('unknown')).toBeNull();
    expect(aboGroupOf('')).toBeNull();
    expect(aboGroupOf('Apos')).toBeNull();
  });
});
