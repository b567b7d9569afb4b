import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  ageLabel,
  dayZeroOf,
  displayName,
  formatCells,
  formatCellsIn,
  formatDate,
  formatDateTime,
  formatNumber,
  formatUnit,
  formatUnitsInText,
  powerOfTen,
  todayDayLabel,
} from './format';

describe('display helpers', () => {
  it('counts completed years, and months for infants', () => {
    expect(ageInYears('1984-03-09', '2026-03-08')).toBe(41);
    expect(ageInYears('1984-03-09', '2026-03-09')).toBe(42);
    expect(ageLabel('2026-08-13', '2026-11-26')).toBe('3 mo');
    expect(ageLabel('2010-01-01', '2026-11-26')).toBe('16 y');
  });

  it('labels today relative to day 0 as clinicians write it', () => {
    expect(todayDayLabel('2026-11-26', '2026-11-14')).toBe('D+12');
    expect(todayDayLabel('2026-11-26', '2026-11-26')).toBe('D0');
    expect(todayDayLabel('2026-11-26', '2026-12-01')).toBe('D-5');
  });

  it('counts from the actual day 0 once the infusion happened, else the planned one', () => {
    expect(dayZeroOf({ plannedDayZero: '2026-11-14', actualDayZero: null })).toEqual({
      date: '2026-11-14',
      actual: false,
    });
    expect(dayZeroOf({ plannedDayZero: '2026-11-14', actualDayZero: '2026-11-15' })).toEqual({
      date: '2026-11-15',
      actual: true,
    });
  });

  it('formats names and dates unambiguously', () => {
    expect(displayName({ familyName: 'Testpatient', givenName: 'Ada' })).toBe('TESTPATIENT, Ada');
    expect(formatDate('2026-03-09')).toBe('9 Mar 2026');
  });
});

describe('one date and unit formatter', () => {
  it('writes dates as 6 Dec 2026, from a date or a timestamp (its UTC date)', () => {
    expect(formatDate('2026-12-06')).toBe('6 Dec 2026');
    expect(formatDate('2026-01-31')).toBe('31 Jan 2026');
    expect(formatDate('2026-12-31T23:59:59.999Z')).toBe('31 Dec 2026');
    expect(formatDate('2027-01-01T00:00:00.000Z')).toBe('1 Jan 2027');
  });

  it('writes date-times as 6 Dec 2026 05:47, 24 h in UTC whatever the browser zone', () => {
    expect(formatDateTime('2026-12-06T05:47:12.345Z')).toBe('6 Dec 2026 05:47');
    expect(formatDateTime('2026-12-06T17:05:00Z')).toBe('6 Dec 2026 17:05');
    expect(formatDateTime('2026-12-06T23:30:00-02:00')).toBe('7 Dec 2026 01:30');
    expect(formatDateTime('2026-12-06T00:00:00Z', { utc: true })).toBe('6 Dec 2026 00:00 UTC');
    expect(formatDateTime(new Date(Date.UTC(2026, 11, 6, 5, 47)))).toBe('6 Dec 2026 05:47');
  });

  it('writes powers of ten one way: ×10⁹/L, ×10⁶/kg', () => {
    expect(formatUnit('x10^9/L')).toBe('×10⁹/L');
    expect(formatUnit('× 10^6/kg')).toBe('×10⁶/kg');
    expect(formatUnit('10^6 cells')).toBe('×10⁶ cells');
    expect(formatUnit('x10^12/L')).toBe('×10¹²/L');
    expect(formatUnit('g/L')).toBe('g/L');
    expect(powerOfTen(-3)).toBe('×10⁻³');
    expect(powerOfTen(0)).toBe('×10⁰');
  });

  it('writes the powers of ten of a rule’s sentence the same way', () => {
    expect(
      formatUnitsInText(
        '120.0 x10^6 cells is within the label dose 0.1-2.5 x10^8 for 80.0 kg (Kymriah (LBCL): 0.6-6.0 x10^8)'
      )
    ).toBe('120.0 ×10⁶ cells is within the label dose 0.1-2.5 ×10⁸ for 80.0 kg (Kymriah (LBCL): 0.6-6.0 ×10⁸)');
    expect(formatUnitsInText('TNC 2.1 x10^7/kg below 2.5; CD34+ 1.2 x10^5/kg')).toBe(
      'TNC 2.1 ×10⁷/kg below 2.5; CD34+ 1.2 ×10⁵/kg'
    );
    expect(formatUnitsInText('no weight recorded')).toBe('no weight recorded');
  });

  it('writes cell counts with the same power-of-ten style', () => {
    expect(formatCells(3.5e8)).toBe('3.50 ×10⁸');
    expect(formatCells(9.99e9, 1)).toBe('1.0 ×10¹⁰');
    expect(formatCells(9.94e9, 1)).toBe('9.9 ×10⁹');
    expect(formatCells(1e6)).toBe('1.00 ×10⁶');
    expect(formatCells(0)).toBe('0');
    expect(formatCells(null)).toBe('—');
  });

  it('writes a count in the power of ten its field uses, with at most the decimals asked', () => {
    expect(formatCellsIn(1.5e8, 6)).toBe('150 ×10⁶');
    expect(formatCellsIn(1.234e8, 6)).toBe('123.4 ×10⁶');
    expect(formatCellsIn(2.05e7, 7)).toBe('2.1 ×10⁷');
    expect(formatCellsIn(1.2e10, 6)).toBe('12,000 ×10⁶');
    expect(formatCellsIn(null, 5)).toBe('—');
  });

  it('writes plain numbers with thousands separators whatever the browser’s locale', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatNumber(0)).toBe('0');
  });
});
