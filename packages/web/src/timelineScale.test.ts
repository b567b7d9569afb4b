import { describe, expect, it } from 'vitest';
import { dayRange, dayScale, dayTicks } from './timelineScale';

describe('timeline geometry', () => {
  it('covers D-7 ... D+100 at least, and stretches to today and the events', () => {
    expect(dayRange([12])).toEqual({ lo: -7, hi: 100 });
    expect(dayRange([-60, 3])).toEqual({ lo: -60, hi: 100 });
    expect(dayRange([400, -2])).toEqual({ lo: -7, hi: 400 });
  });

  it('maps the range onto the width, increasing, with D-7 ... D+100 linear when nothing lies outside', () => {
    const { x, breaks } = dayScale(-7, 100, 0, 1070);
    expect(x(-7)).toBe(0);
    expect(x(100)).toBe(1070);
    expect(x(0)).toBeCloseTo(70);
    expect(breaks).toEqual([]);
  });

  it('compresses long stretches before D-7 and after D+100 and marks the breaks', () => {
    const { x, breaks } = dayScale(-200, 1600, 0, 1000);
    expect(x(-200)).toBe(0);
    expect(x(1600)).toBe(1000);
    expect(x(-7)).toBeCloseTo(200); // at most a fifth of the width before D-7
    expect(x(100)).toBeCloseTo(750); // at most a quarter after D+100
    expect(breaks).toEqual([-7, 100]);
    const days = [-200, -100, -7, 0, 50, 100, 500, 1600];
    const xs = days.map(x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('ticks the clinical landmarks and never crowds labels', () => {
    const { x } = dayScale(-7, 100, 0, 1000);
    expect(dayTicks(-7, 100, x)).toEqual([-7, 0, 7, 14, 21, 28, 60, 100]);
    const narrow = dayScale(-7, 100, 0, 300);
    const ticks = dayTicks(-7, 100, narrow.x);
    expect(ticks).toContain(0);
    expect(ticks).toContain(100);
    for (let i = 1; i < ticks.length; i++) {
      expect(narrow.x(ticks[i]!) - narrow.x(ticks[i - 1]!)).toBeGreaterThanOrEqual(38);
    }
  });

  it('adds the ends of a stretched range when there is room', () => {
    const { x } = dayScale(-45, 1000, 0, 1200);
    const ticks = dayTicks(-45, 1000, x);
    expect(ticks[0]).toBe(-45);
    expect(ticks.at(-1)).toBe(1000);
  });
});
