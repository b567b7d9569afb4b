import { describe, expect, it } from 'vitest';
import {
  bandPaths,
  CSV_HEADER,
  type CurvePoint,
  DAYS_PER_MONTH,
  formatEstimate,
  formatMedian,
  formatP,
  formatTest,
  nRiskAt,
  type OutcomesResult,
  outcomesCsv,
  stepPath,
  timeAxis,
  valueAt,
} from './curves';

const pt = (
  time: number,
  estimate: number,
  nRisk: number,
  nEvent: number,
  nCensor: number,
  lower: number | null = null,
  upper: number | null = null
): CurvePoint => ({
  time,
  estimate,
  lower,
  upper,
  nCompeting: 0,
  nRisk,
  nEvent,
  nCensor,
});

// Five subjects: events at 2 and 5, censored at 3 and 7, event at 9 (S = 4/5, 4/5·2/3, 0).
const km = [
  pt(2, 0.8, 5, 1, 0, 0.5, 1),
  pt(3, 0.8, 4, 0, 1, 0.5, 1),
  pt(5, 0.8 * (2 / 3), 3, 1, 0, 0.3, 0.9),
  pt(7, 0.8 * (2 / 3), 2, 0, 1, 0.3, 0.9),
  pt(9, 0, 1, 1, 0),
];
const identity = { x: (d: number) => d, y: (v: number) => v };

describe('step functions', () => {
  it('reads the curve as right-continuous and undefined beyond the last time', () => {
    expect(valueAt(km, 0, 'survival')).toEqual({ estimate: 1, lower: null, upper: null });
    expect(valueAt(km, 1.9, 'survival')?.estimate).toBe(1);
    expect(valueAt(km, 2, 'survival')?.estimate).toBe(0.8);
    expect(valueAt(km, 6, 'survival')).toEqual({ estimate: 0.8 * (2 / 3), lower: 0.3, upper: 0.9 });
    expect(valueAt(km, 9, 'survival')?.estimate).toBe(0);
    expect(valueAt(km, 9.5, 'survival')).toBeNull();
    expect(valueAt([pt(4, 0.25, 4, 1, 0)], 1, 'competing')?.estimate).toBe(0);
  });

  it('counts those at risk as R does (time ≥ t)', () => {
    expect([0, 2, 2.5, 3, 4, 5, 7, 9, 10].map((t) => nRiskAt(km, t))).toEqual([5, 5, 4, 4, 3, 3, 2, 1, 0]);
  });

  it('draws horizontal then vertical segments from the start value, never diagonals', () => {
    expect(stepPath(km.slice(0, 3), 'survival', identity)).toBe('M0,1H2V0.8H3H5V0.53');
    expect(stepPath([pt(4, 0.25, 4, 1, 0)], 'competing', identity)).toBe('M0,0H4V0.25');
  });

  it('draws the band over each interval with the limits of its left end, split where a limit is undefined', () => {
    expect(bandPaths(km, identity)).toEqual(['M2,1H3V1H5V0.9H7V0.9H9V0.3H7V0.3H5V0.5H3V0.5H2Z']);
    const gap = [
      pt(1, 0.1, 9, 1, 0, 0.01, 0.3),
      pt(2, 0.1, 8, 0, 0),
      pt(3, 0.2, 7, 1, 0, 0.05, 0.4),
      pt(4, 0.2, 6, 0, 0, 0.05, 0.4),
    ];
    expect(bandPaths(gap, identity)).toEqual(['M1,0.3H2V0.01H1Z', 'M3,0.4H4V0.05H3Z']);
    expect(bandPaths([pt(1, 0.5, 2, 1, 0, 0.1, 0.9)], identity)).toEqual([]);
  });
});

describe('time axis', () => {
  it('ticks in months at a step that keeps the labels apart', () => {
    const a = timeAxis(1587, 'months', 700);
    expect(a.ticks.map((t) => t.label)).toEqual(['0', '6', '12', '18', '24', '30', '36', '42', '48', '54']);
    expect(a.end).toBeCloseTo(54 * DAYS_PER_MONTH);
    expect(timeAxis(200, 'months', 700).ticks.map((t) => t.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });

  it('ticks in days at the clinical landmarks, dropping crowded ones', () => {
    expect(timeAxis(300, 'days', 700)).toEqual({
      end: 365,
      ticks: [0, 30, 100, 180, 365].map((d) => ({ days: d, label: String(d) })),
    });
    expect(timeAxis(1587, 'days', 530).ticks.map((t) => t.days)).toEqual([0, 180, 365, 730, 1095, 1460, 1825]);
    expect(timeAxis(1587, 'days', 660).ticks.map((t) => t.days)).toEqual([0, 100, 365, 730, 1095, 1460, 1825]);
  });
});

describe('formatting', () => {
  it('formats estimates, medians and tests', () => {
    expect(formatEstimate({ estimate: 0.92, lower: 0.819, upper: 1 })).toBe('92.0% (81.9–100.0%)');
    expect(formatEstimate({ estimate: 0, lower: null, upper: null })).toBe('0.0%');
    expect(formatEstimate(null)).toBe('—');
    expect(formatMedian({ median: 1247, medianLower: 699, medianUpper: null }, 'days')).toBe('1247 days (699–NR)');
    expect(formatMedian({ median: null, medianLower: null, medianUpper: null }, 'months')).toBe('not reached');
    expect(formatMedian({ median: 55, medianLower: null, medianUpper: null }, 'days')).toBe(
      '55 days (CI not estimable)'
    );
    expect(formatMedian({ median: 614, medianLower: 553, medianUpper: 700 }, 'months')).toBe('20.2 months (18.2–23.0)');
    expect(formatP(0.12395)).toBe('p = 0.124');
    expect(formatP(4.4e-5)).toBe('p < 0.001');
    expect(formatTest({ name: 'gray', stat: 5.75875, df: 3, p: 0.12395 })).toBe(
      'Gray’s test: χ² = 5.76, df = 3, p = 0.124'
    );
    expect(formatTest(null)).toBeNull();
  });
});

describe('CSV export', () => {
  const result: OutcomesResult = {
    endpoint: { name: 'relapse', label: 'Relapse', version: 1, estimator: 'competing' },
    n: 3,
    atRiskDays: [0],
    medianFollowUp: null,
    groups: [
      {
        name: 'Hemoglobinopathy (sickle cell disease, thalassemia)',
        n: 2,
        events: 1,
        median: null,
        medianLower: null,
        medianUpper: null,
        points: [pt(10, 0.5, 2, 1, 0, 0.1, 0.9)],
        atRisk: [],
      },
      {
        name: '=HYPERLINK("x")',
        n: 1,
        events: 0,
        median: null,
        medianLower: null,
        medianUpper: null,
        points: [pt(30.4375, 0, 1, 0, 0)],
        atRisk: [],
      },
    ],
    test: null,
  };

  it('writes one row per group and time, quoting labels and defusing formulas', () => {
    const lines = outcomesCsv(result).split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    // Cumulative-incidence rows carry their censor counts too (the API reports them per time).
    expect(lines[1]).toBe(
      'relapse,1,cumulative_incidence,"Hemoglobinopathy (sickle cell disease, thalassemia)",10,0.329,0.5,0.1,0.9,2,1,0'
    );
    expect(lines[2]).toBe(`relapse,1,cumulative_incidence,"'=HYPERLINK(""x"")",30.4375,1,0,,,1,0,0`);
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });
});
