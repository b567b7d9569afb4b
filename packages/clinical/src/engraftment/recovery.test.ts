import { describe, expect, it } from 'vitest';
import { dateOfDay } from '../days';
import { computeEngraftment, type EngraftmentInput, type LabValue } from './recovery';

const D0 = '2026-01-01';
const series = (vals: [number, number][]): LabValue[] =>
  vals.map(([day, value]) => ({ date: dateOfDay(D0, day), value }));
const input = (over: Partial<EngraftmentInput>): EngraftmentInput => ({
  infusionDate: D0,
  anc: [],
  platelets: [],
  plateletTransfusions: [],
  ...over,
});

describe('neutrophil recovery', () => {
  it('first of 3 consecutive values >=0.5 after the nadir', () => {
    const r = computeEngraftment(
      input({
        anc: series([
          [1, 2.0],
          [3, 0.3],
          [7, 0.0],
          [12, 0.4],
          [13, 0.5],
          [14, 0.6],
          [15, 0.9],
          [16, 1.2],
        ]),
      })
    );
    expect(r.neutrophil).toEqual({ date: '2026-01-14', day: 13 });
    expect(r.neutrophilStatus).toBe('recovered');
    expect(r.neutrophilExplanation).toMatch(/D\+13/);
  });
  it('boundary: 0.5 counts, 0.49 does not', () => {
    const low = [[5, 0.1]] as [number, number][];
    expect(computeEngraftment(input({ anc: series([...low, [10, 0.5], [11, 0.5], [12, 0.5]]) })).neutrophil?.day).toBe(
      10
    );
    expect(
      computeEngraftment(input({ anc: series([...low, [10, 0.49], [11, 0.5], [12, 0.5], [13, 0.51]]) })).neutrophil?.day
    ).toBe(11);
    expect(
      computeEngraftment(input({ anc: series([...low, [10, 0.5], [11, 0.49], [12, 0.5], [13, 0.6]]) })).neutrophil
    ).toBeNull();
  });
  it('values early after HCT that stay >=0.5 before the nadir do not count', () => {
    const r = computeEngraftment(
      input({
        anc: series([
          [0, 3],
          [1, 2.5],
          [2, 1.5],
          [3, 0.4],
          [4, 0.1],
          [15, 0.6],
          [16, 0.7],
          [17, 0.8],
        ]),
      })
    );
    expect(r.neutrophil?.day).toBe(15);
  });
  it('two values on the same day are not two days; the lowest value of a day is used', () => {
    const anc = [
      ...series([
        [5, 0.1],
        [10, 0.6],
        [11, 0.7],
      ]),
      { date: dateOfDay(D0, 11), value: 0.8 },
    ];
    expect(computeEngraftment(input({ anc })).neutrophil).toBeNull();
    const anc2 = [
      ...series([
        [5, 0.1],
        [10, 0.6],
        [11, 0.7],
        [12, 0.7],
      ]),
      { date: dateOfDay(D0, 11), value: 0.4 },
    ];
    expect(computeEngraftment(input({ anc: anc2 })).neutrophil).toBeNull();
  });
  it('accepts non-daily labs (values more than a day apart) and unsorted input', () => {
    const r = computeEngraftment(
      input({
        anc: series([
          [20, 0.9],
          [14, 0.6],
          [5, 0.2],
          [17, 0.8],
        ]),
      })
    );
    expect(r.neutrophil?.day).toBe(14);
  });
  it('a confirmed nadir date overrides the default start (fluctuation before the true nadir)', () => {
    const anc = series([
      [3, 0.4],
      [4, 0.6],
      [5, 0.7],
      [6, 0.8],
      [8, 0.05],
      [15, 0.6],
      [16, 0.7],
      [17, 0.9],
    ]);
    expect(computeEngraftment(input({ anc })).neutrophil?.day).toBe(4);
    const r = computeEngraftment(input({ anc, ancNadirDate: dateOfDay(D0, 8) }));
    expect(r.neutrophil?.day).toBe(15);
    expect(r.neutrophilExplanation).toMatch(/after the confirmed nadir D\+8/);
    const p = computeEngraftment(
      input({
        platelets: series([
          [2, 30],
          [3, 25],
          [4, 22],
          [9, 5],
          [20, 25],
          [21, 30],
          [22, 30],
        ]),
        plateletNadirDate: dateOfDay(D0, 9),
      })
    );
    expect(p.platelet?.day).toBe(20);
  });
  it('never dropped below 0.5 is an explicit state', () => {
    const r = computeEngraftment(
      input({
        anc: series([
          [1, 1],
          [2, 1],
          [3, 1],
        ]),
      })
    );
    expect(r.neutrophil).toBeNull();
    expect(r.neutrophilStatus).toBe('never-below-threshold');
  });
  it('day arithmetic crosses month and year ends', () => {
    const r = computeEngraftment({
      infusionDate: '2025-12-20',
      anc: [
        { date: '2025-12-25', value: 0.1 },
        { date: '2026-01-02', value: 0.6 },
        { date: '2026-01-03', value: 0.6 },
        { date: '2026-01-04', value: 0.6 },
      ],
      platelets: [],
      plateletTransfusions: [],
    });
    expect(r.neutrophil).toEqual({ date: '2026-01-02', day: 13 });
  });
});

describe('platelet recovery', () => {
  it('CIBMTR worked example: 23, 25, 40 on 1/8, 1/9, 1/10 -> 1/8', () => {
    const r = computeEngraftment({
      infusionDate: '2025-12-10',
      anc: [],
      platelets: [
        { date: '2025-12-20', value: 8 },
        { date: '2026-01-08', value: 23 },
        { date: '2026-01-09', value: 25 },
        { date: '2026-01-10', value: 40 },
      ],
      plateletTransfusions: ['2025-12-22'],
    });
    expect(r.platelet).toEqual({ date: '2026-01-08', day: 29 });
  });
  it('boundary: 20 counts, 19 does not', () => {
    const pl = (v: number): LabValue[] =>
      series([
        [5, 5],
        [20, v],
        [21, 25],
        [22, 30],
      ]);
    expect(computeEngraftment(input({ platelets: pl(20) })).platelet?.day).toBe(20);
    expect(computeEngraftment(input({ platelets: pl(19) })).platelet).toBeNull();
  });
  it('transfusion 7 days before the first value excludes it; 8 days before does not', () => {
    const platelets = series([
      [5, 5],
      [20, 25],
      [21, 25],
      [22, 30],
      [23, 35],
    ]);
    const at = (d: number): string[] => [dateOfDay(D0, d)];
    expect(computeEngraftment(input({ platelets, plateletTransfusions: at(13) })).platelet?.day).toBe(21);
    expect(computeEngraftment(input({ platelets, plateletTransfusions: at(12) })).platelet?.day).toBe(20);
    expect(computeEngraftment(input({ platelets, plateletTransfusions: at(14) })).platelet).toBeNull();
  });
  it('[VERIFY] option: a transfusion during the run excludes it only under the default window', () => {
    const platelets = series([
      [5, 5],
      [20, 25],
      [21, 25],
      [22, 30],
      [23, 35],
      [24, 40],
      [31, 40],
      [32, 40],
      [33, 40],
    ]);
    const tx = [dateOfDay(D0, 21)];
    const def = computeEngraftment(input({ platelets, plateletTransfusions: tx }));
    expect(def.platelet?.day).toBe(31);
    expect(def.plateletExplanation).toMatch(/D\+31/);
    const alt = computeEngraftment(input({ platelets, plateletTransfusions: tx }), {
      plateletTransfusionWindow: 'before-first-only',
    });
    expect(alt.platelet?.day).toBe(20);
  });
  it('reports why a run was rejected', () => {
    const platelets = series([
      [5, 5],
      [20, 25],
      [21, 25],
      [22, 30],
    ]);
    const r = computeEngraftment(input({ platelets, plateletTransfusions: [dateOfDay(D0, 18)] }));
    expect(r.platelet).toBeNull();
    expect(r.plateletStatus).toBe('not-recovered');
    expect(r.plateletExplanation).toMatch(/excluded by a platelet transfusion/);
  });
  it('not applicable when never <20 and never transfused; transfused patients are still assessed', () => {
    const platelets = series([
      [1, 150],
      [2, 120],
      [3, 100],
    ]);
    expect(computeEngraftment(input({ platelets })).plateletStatus).toBe('never-below-threshold');
    const r = computeEngraftment(
      input({
        platelets: series([
          [1, 30],
          [10, 30],
          [11, 30],
          [12, 30],
        ]),
        plateletTransfusions: [dateOfDay(D0, 2)],
      })
    );
    expect(r.platelet?.day).toBe(10);
  });
  it('option: 50 x10^9/L threshold', () => {
    const platelets = series([
      [5, 5],
      [20, 25],
      [21, 30],
      [22, 30],
      [30, 50],
      [31, 55],
      [32, 60],
    ]);
    expect(computeEngraftment(input({ platelets }), { plateletThreshold: 50 }).platelet?.day).toBe(30);
  });
});
