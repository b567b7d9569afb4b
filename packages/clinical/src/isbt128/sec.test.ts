import { describe, expect, it } from 'vitest';
import { checkSec } from './sec';

// Synthetic SEC: BE + establishment 000123 + DIN A999921123456 + A (ISBT 128) + product S1295VA + split 000 + expiry.
const sec = 'SEC BE000123A999921123456 AS1295VA00020261231';

describe('EU Single European Code', () => {
  it('parses both sequences and checks the DIN for ISBT 128 coding', () => {
    expect(checkSec({ sec })).toMatchObject({
      valid: true,
      countryCode: 'BE',
      tissueEstablishment: '000123',
      donationNumber: 'A999921123456',
      codingSystem: 'ISBT 128',
      productNumber: 'S1295VA',
      splitNumber: '000',
      expiryDate: '2026-12-31',
      donationNumberIsValidDin: true,
    });
  });
  it('no expiry (00000000), Eurocode coding', () => {
    expect(checkSec({ sec: 'BE000123ABCDEFGHIJKLMB123456700000000000' })).toMatchObject({
      valid: true,
      expiryDate: null,
      codingSystem: 'Eurocode',
      donationNumberIsValidDin: null,
    });
  });
  it.each([
    ['SEC BE000123A999921123456 AS1295VA00020261331', /not a calendar date/],
    ['SEC BE000123A999921123456 XS1295VA00020261231', /structure/],
    ['SEC BE000123A999921123456', /40 characters/],
  ])('rejects %s', (s, err) => {
    const r = checkSec({ sec: s });
    expect(r.valid).toBe(false);
    expect(r.errors.join(' ')).toMatch(err);
  });
});
