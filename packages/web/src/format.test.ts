import { describe, expect, it } from 'vitest';
import { ageInYears, ageLabel, dayZeroOf, displayName, formatDate, todayDayLabel } from './format';

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
