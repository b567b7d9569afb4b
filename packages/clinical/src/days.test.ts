import { describe, expect, it } from 'vitest';
import { ageInYears, dateOfDay, dayRelative, formatDay, toDayNumber } from './days';

describe('day arithmetic relative to day 0', () => {
  it('counts calendar days across month, year and leap-day boundaries', () => {
    expect(dayRelative('2026-01-10', '2026-01-03')).toBe(7);
    expect(dayRelative('2026-01-03', '2026-01-10')).toBe(-7);
    expect(dayRelative('2024-03-01', '2024-02-28')).toBe(2);
    expect(dayRelative('2027-01-01', '2026-12-31')).toBe(1);
    expect(dateOfDay('2026-01-10', -7)).toBe('2026-01-03');
    expect(dateOfDay('2026-01-01', 100)).toBe('2026-04-11');
  });
  it('never writes day -0', () => {
    expect(formatDay(0)).toBe('D0');
    expect(formatDay(-0)).toBe('D0');
    expect(formatDay(-1)).toBe('D-1');
    expect(formatDay(100)).toBe('D+100');
  });
  it('rejects dates that do not exist', () => {
    expect(() => toDayNumber('2026-02-29')).toThrow(/not a calendar date/);
    expect(() => toDayNumber('2026-1-3')).toThrow(/YYYY-MM-DD/);
  });
});

describe('day labels and multi-day infusions', () => {
  it('parses labels and rejects D-0', async () => {
    const { parseDayLabel } = await import('./days');
    expect(parseDayLabel('D0')).toBe(0);
    expect(parseDayLabel('D+100')).toBe(100);
    expect(parseDayLabel('D-7')).toBe(-7);
    expect(() => parseDayLabel('D-0')).toThrow();
    expect(() => parseDayLabel('D+0')).toThrow();
    expect(() => parseDayLabel('7')).toThrow();
  });
  it('[VERIFY] day 0 of a multi-day infusion defaults to the first day', async () => {
    const { dayZeroOf } = await import('./days');
    const dates = ['2026-01-11', '2026-01-10', '2026-01-12'];
    expect(dayZeroOf(dates)).toBe('2026-01-10');
    expect(dayZeroOf(dates, 'last-infusion-day')).toBe('2026-01-12');
    expect(() => dayZeroOf([])).toThrow();
  });
});

describe('age in completed years', () => {
  it('counts a birthday only once it is reached, including 29 February', () => {
    expect(ageInYears('2014-05-10', '2026-05-09')).toBe(11);
    expect(ageInYears('2014-05-10', '2026-05-10')).toBe(12);
    expect(ageInYears('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageInYears('2012-02-29', '2026-03-01')).toBe(14);
    expect(ageInYears('2026-06-01', '2026-05-01')).toBe(0);
  });
});
