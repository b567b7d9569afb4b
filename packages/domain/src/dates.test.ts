import { describe, expect, it } from 'vitest';
import {
  addDays,
  CLOCK_SKEW_DAYS,
  dateOfBirthProblem,
  DateOfBirthSchema,
  PastOrTodayDateSchema,
  pastDateProblem,
  todayIso,
} from './dates';

describe('dates of recorded events', () => {
  const today = '2026-03-15';
  it('accepts 1900-01-01 up to today + the clock skew, refuses outside', () => {
    expect(pastDateProblem('1900-01-01', 'result date', today)).toBeNull();
    expect(pastDateProblem('1899-12-31', 'result date', today)).toMatch(/result date 1899-12-31 is before 1900-01-01/);
    expect(pastDateProblem('1800-01-01', 'result date', today)).toMatch(/before 1900/);
    expect(pastDateProblem(today, 'result date', today)).toBeNull();
    expect(CLOCK_SKEW_DAYS).toBe(1);
    expect(pastDateProblem('2026-03-16', 'result date', today)).toBeNull();
    expect(pastDateProblem('2026-03-17', 'result date', today)).toMatch(/result date 2026-03-17 is in the future/);
    expect(pastDateProblem('2026-06-15', 'result date', today)).toMatch(/in the future/);
    expect(pastDateProblem('9999-01-01', 'result date', today)).toMatch(/in the future/);
  });
  it('the schema uses the real clock and refuses non-calendar dates', () => {
    const now = todayIso();
    expect(PastOrTodayDateSchema.safeParse(now).success).toBe(true);
    expect(PastOrTodayDateSchema.safeParse(addDays(now, 1)).success).toBe(true);
    expect(PastOrTodayDateSchema.safeParse(addDays(now, 2)).success).toBe(false);
    expect(PastOrTodayDateSchema.safeParse('9999-01-01').success).toBe(false);
    expect(PastOrTodayDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(PastOrTodayDateSchema.safeParse('2026-3-1').success).toBe(false);
  });
  it('addDays crosses months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('date of birth', () => {
  const today = '2026-03-15';
  it('from 1900 and at most 120 years ago, to today (no skew)', () => {
    expect(dateOfBirthProblem('1800-01-01', today)).toMatch(/before 1900/);
    expect(dateOfBirthProblem('1906-03-14', today)).toMatch(/age over 120/);
    expect(dateOfBirthProblem('1906-03-15', today)).toBeNull();
    expect(dateOfBirthProblem(today, today)).toBeNull();
    expect(dateOfBirthProblem('2026-03-16', today)).toMatch(/in the future/);
  });
  it('the schema refuses 1800-01-01 and tomorrow', () => {
    expect(DateOfBirthSchema.safeParse('1800-01-01').success).toBe(false);
    expect(DateOfBirthSchema.safeParse(addDays(todayIso(), 1)).success).toBe(false);
    expect(DateOfBirthSchema.safeParse('1984-03-09').success).toBe(true);
  });
});
