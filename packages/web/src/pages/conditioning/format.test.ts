import { describe, expect, it } from 'vitest';
import { calendarSpan } from './ConditioningCalendar';
import { amount, timesText } from './format';

describe('conditioning display helpers', () => {
  it('rounds amounts for display only: one decimal below 100 mg, whole mg above', () => {
    expect(amount(54.5436, 'mg')).toBe('54.5 mg');
    expect(amount(254.54, 'mg')).toBe('255 mg');
    expect(amount(4200, 'mg')).toBe('4,200 mg');
    expect(amount(2, 'Gy')).toBe('2 Gy');
  });
  it('never prints a dose that is missing, zero, negative or not finite (H-DOSE-2)', () => {
    for (const v of [null, undefined, 0, -1.6, -0.04, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(amount(v, 'mg')).toBe('not computed');
    }
    expect(amount(-2, 'Gy')).toBe('not computed');
    expect(amount(0.04, 'mg')).toBe('0.04 mg');
    expect(amount(0.956, 'mg')).toBe('0.96 mg');
  });
  it('says how often a day', () => {
    expect(timesText({ administrationsPerDay: 1, frequency: 'once' })).toBe('once');
    expect(timesText({ administrationsPerDay: 4, frequency: 'q6h' })).toBe('×4 (q6h)');
  });
  it('spans the calendar from D-N to D+N, at least a week after day 0', () => {
    expect(calendarSpan(-7)).toEqual({ from: -7, to: 7 });
    expect(calendarSpan(-10)).toEqual({ from: -10, to: 10 });
    expect(calendarSpan(-2)).toEqual({ from: -2, to: 7 });
    expect(calendarSpan(0)).toEqual({ from: 0, to: 7 });
  });
});
