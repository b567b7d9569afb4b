import { describe, expect, it } from 'vitest';
import { chimerismTrend } from './chimerismTrend';

const series = (...values: number[]) => values.map((donorPercent, i) => ({ date: `2026-0${i + 1}-01`, donorPercent }));

describe('chimerism trend (default: 10 points over the last 3 results)', () => {
  it('has no trend for no result or one result', () => {
    expect(chimerismTrend([])).toBeNull();
    expect(chimerismTrend(series(99))).toMatchObject({
      direction: 'single-result',
      changePoints: null,
      latestPercent: 99,
    });
  });

  it('calls a drop of exactly the threshold falling, and one just under it stable', () => {
    expect(chimerismTrend(series(98, 95, 88))).toMatchObject({
      direction: 'falling',
      changePoints: -10,
      fromDate: '2026-01-01',
      toDate: '2026-03-01',
    });
    expect(chimerismTrend(series(98, 95, 88.1))).toMatchObject({ direction: 'stable', changePoints: -9.9 });
  });

  it('compares the latest with the highest earlier value of the window, not only the previous one', () => {
    // 97 -> 93 -> 86: each step is small, the fall from the peak is 11 points.
    expect(chimerismTrend(series(97, 93, 86))?.direction).toBe('falling');
  });

  it('looks only at the last N results', () => {
    // The 99 of January is outside the window of 3.
    expect(chimerismTrend(series(99, 90, 90, 89))?.direction).toBe('stable');
    expect(chimerismTrend(series(99, 90, 90, 89), { results: 4 })?.direction).toBe('falling');
  });

  it('calls a recovery of the threshold rising, and lets falling win a swing', () => {
    expect(chimerismTrend(series(60, 75, 80))).toMatchObject({ direction: 'rising', changePoints: 20 });
    expect(chimerismTrend(series(60, 99, 70))?.direction).toBe('falling');
  });

  it('sorts by date whatever the input order, and honours the configured threshold', () => {
    const shuffled = [
      { date: '2026-03-01', donorPercent: 92 },
      { date: '2026-01-01', donorPercent: 99 },
      { date: '2026-02-01', donorPercent: 97 },
    ];
    expect(chimerismTrend(shuffled)?.direction).toBe('stable');
    const t = chimerismTrend(shuffled, { dropPoints: 5 });
    expect(t).toMatchObject({
      direction: 'falling',
      changePoints: -7,
      ruleId: 'chimerism-trend@1;dropPoints=5;results=3',
    });
    expect(t?.explanation).toContain('99% on 2026-01-01 to 92% on 2026-03-01');
  });
});
