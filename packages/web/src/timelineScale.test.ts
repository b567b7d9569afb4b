import { describe, expect, it } from 'vitest';
import { dayRange, dayScale, dayTicks, placeLabels } from './timelineScale';

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

describe('timeline labels', () => {
  const overlaps = (places: ReturnType<typeof placeLabels>['places']) => {
    const drawn = places.filter((p) => p.lane !== null);
    return drawn.some((a, i) => drawn.some((b, j) => j > i && a.lane === b.lane && a.from < b.to && b.from < a.to));
  };

  it('puts labels far apart in one lane and close ones in the next lanes up', () => {
    const { places, lanes } = placeLabels(
      [
        { x: 10, text: 'D-7 Admitted' },
        { x: 300, text: 'D0 Infusion' },
        { x: 305, text: 'D0 Note' },
      ],
      1000
    );
    expect(places.map((p) => p.lane)).toEqual([0, 0, 1]);
    expect(lanes).toBe(2);
    expect(overlaps(places)).toBe(false);
  });

  it('merges a cluster larger than the lanes as +N instead of overprinting', () => {
    const items = Array.from({ length: 9 }, (_, i) => ({ x: 400 + i, text: `D+3 event ${i}` }));
    const { places, lanes } = placeLabels(items, 1000, { maxLanes: 6 });
    expect(lanes).toBe(6);
    expect(places.filter((p) => p.lane !== null)).toHaveLength(6);
    expect(places.filter((p) => p.mergedInto !== null)).toHaveLength(3);
    expect(overlaps(places)).toBe(false);
    const suffixes = places
      .map((p) => /\+(\d+)$/.exec(p.text)?.[1])
      .filter(Boolean)
      .map(Number);
    expect(suffixes.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('exactly as many events as lanes: nothing merged (boundary)', () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ x: 400 + i, text: `D+3 event ${i}` }));
    const { places } = placeLabels(items, 1000, { maxLanes: 6 });
    expect(places.every((p) => p.mergedInto === null)).toBe(true);
  });

  it('anchors a label at the right edge to end there, and never overlaps on a narrow chart', () => {
    const { places } = placeLabels([{ x: 470, text: 'D+100 Day 100 assessment' }], 480);
    expect(places[0]!.anchor).toBe('end');
    expect(places[0]!.to).toBeLessThanOrEqual(480);
    const many = Array.from({ length: 40 }, (_, i) => ({
      x: 20 + ((i * 37) % 440),
      text: `D+${i} something happened`,
    }));
    many.sort((a, b) => a.x - b.x);
    expect(overlaps(placeLabels(many, 480).places)).toBe(false);
  });

  it('shortens long labels with an ellipsis', () => {
    const { places } = placeLabels([{ x: 0, text: 'x'.repeat(60) }], 1000, { maxChars: 34 });
    expect(places[0]!.text).toHaveLength(34);
    expect(places[0]!.text.endsWith('…')).toBe(true);
  });
});
