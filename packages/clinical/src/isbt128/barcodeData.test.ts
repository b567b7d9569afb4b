import { describe, expect, it } from 'vitest';
import { checkDin } from './din';
import { checkProductCode } from './productCode';
import {
  compoundMessage,
  dinBarcodeData,
  dinEyeReadable,
  expiryBarcodeData,
  labelBarcodes,
  productCodeBarcodeData,
} from './barcodeData';

describe('ISBT 128 label bar-code data', () => {
  it('DS001: "=" + DIN + Type 3 flag (60 + checksum), accepted back by checkDin', () => {
    expect(dinBarcodeData('A999921123456')).toBe('=A99992112345663');
    expect(dinBarcodeData('G123498654321')).toBe('=G12349865432177');
    expect(dinBarcodeData('W000012345678')).toBe('=W00001234567894');
    expect(checkDin({ din: dinBarcodeData('A999921123456') })).toMatchObject({
      valid: true,
      normalizedDin: 'A999921123456',
    });
    expect(() => dinBarcodeData('O999921123456')).toThrow(/not a 13-character DIN/);
  });
  it('eye-readable DIN with the boxed keyboard check character', () => {
    expect(dinEyeReadable('A999921123456')).toEqual({ text: 'A9999 21 123456', checkCharacter: '3' });
    expect(dinEyeReadable('G123498654321').checkCharacter).toBe('H');
  });
  it('DS003: "=<" + PDC + collection type + division (ST-001 Figure 3 sample), accepted back by checkProductCode', () => {
    expect(productCodeBarcodeData('S1295', '4', 'A0')).toBe('=<S12954A0');
    expect(productCodeBarcodeData('S1295', '1', '00')).toBe('=<S1295100');
    expect(checkProductCode({ productCode: productCodeBarcodeData('S1295', 'V', 'Ab') })).toMatchObject({
      valid: true,
      division: 'Ab',
      collectionType: 'V',
    });
    expect(() => productCodeBarcodeData('S1295', '1', 'AB')).toThrow(/division/);
    expect(() => productCodeBarcodeData('s1295', '1', '00')).toThrow(/product description code/);
  });
  it('DS005 expiry: century digit, year, Julian day, hhmm', () => {
    expect(expiryBarcodeData(new Date('2026-12-01T23:59:00Z'))).toBe('&>0263352359');
    expect(expiryBarcodeData(new Date('2026-01-01T00:00:00Z'))).toBe('&>0260010000');
    expect(expiryBarcodeData(new Date('2028-12-31T08:05:00Z'))).toBe('&>0283660805'); // leap year: day 366
  });
  it('DS023 compound message for the DataMatrix', () => {
    expect(compoundMessage(['=A99992112345663', '=<S12954A0'])).toBe('=+02000=A99992112345663=<S12954A0');
    expect(() => compoundMessage(['=A99992112345663'])).toThrow();
    expect(
      labelBarcodes({
        din: 'A999921123456',
        productCode: 'S1295',
        collectionType: '1',
        division: '00',
        expiresAt: new Date('2026-12-01T23:59:00Z'),
      })
    ).toEqual({
      din: '=A99992112345663',
      productCode: '=<S1295100',
      expiry: '&>0263352359',
      compound: '=+03000=A99992112345663=<S1295100&>0263352359',
    });
    expect(
      labelBarcodes({
        din: 'A999921123456',
        productCode: 'S1295',
        collectionType: '1',
        division: '00',
        expiresAt: null,
      }).expiry
    ).toBeNull();
  });
});
