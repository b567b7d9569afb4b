import { describe, expect, it } from 'vitest';
import {
  confirmedCountKeys,
  countFindings,
  countOrderErrors,
  countQuantity,
  mergeFindings,
  processingFindings,
  thawFindings,
  unconfirmedCountFindings,
} from './productCounts';
import {
  ProcessStepSchema,
  ProductCountsSchema,
  ProductLabRegisterSchema,
  labelCheck,
  releaseCheck,
} from './productLab';

const messageOf = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('count quantities: possible ranges (H-COUNT-2)', () => {
  it('TNC is more than 0 and at most 1e13 cells, naming the field and unit', () => {
    const tnc = countQuantity('tncCells');
    expect(tnc.safeParse(0).success).toBe(false);
    expect(tnc.safeParse(0).error?.issues[0]?.message).toBe('TNC must be more than 0 cells');
    expect(tnc.safeParse(Number.MIN_VALUE).success).toBe(true);
    expect(tnc.safeParse(1e13).success).toBe(true);
    expect(tnc.safeParse(1.0000001e13).error?.issues[0]?.message).toBe('TNC must be at most 1 × 10¹³ cells');
    expect(tnc.safeParse(Number.NaN).success).toBe(false);
    expect(tnc.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(tnc.safeParse('4e10').error?.issues[0]?.message).toBe('TNC must be a number (cells)');
  });
  it('viability is 0–100 %, volume more than 0 and at most 5,000 mL', () => {
    const v = countQuantity('viabilityPct');
    expect([
      v.safeParse(0).success,
      v.safeParse(100).success,
      v.safeParse(100.01).success,
      v.safeParse(-0.01).success,
    ]).toEqual([true, true, false, false]);
    const vol = countQuantity('volumeMl');
    expect([
      vol.safeParse(0).success,
      vol.safeParse(0.1).success,
      vol.safeParse(5000).success,
      vol.safeParse(5000.1).success,
    ]).toEqual([false, true, true, false]);
  });
  it('CD34+, CD3+ and CAR+ T cells cannot outnumber the TNC (equal is allowed)', () => {
    expect(countOrderErrors({ tncCells: 1e9, cd34Cells: 1e9, cd3Cells: 5e8 })).toEqual([]);
    expect(countOrderErrors({ tncCells: 1e9, cd34Cells: 1.01e9 })).toEqual([
      { path: 'cd34Cells', message: 'CD34+ cells (1.01 × 10⁹) cannot be more than the TNC (1 × 10⁹ cells)' },
    ]);
    expect(countOrderErrors({ tncCells: 1e9, cd3Cells: 2e9 }, 'counts.')[0]?.path).toBe('counts.cd3Cells');
    expect(countOrderErrors({ cd34Cells: 2e9 })).toEqual([]);
    expect(messageOf(ProductCountsSchema.safeParse({ tncCells: 1e8, cd34Cells: 2e8 }))).toEqual([
      'cd34Cells: CD34+ cells (2 × 10⁸) cannot be more than the TNC (1 × 10⁸ cells)',
    ]);
    expect(messageOf(ProcessStepSchema.safeParse({ step: 'buffy-coat', counts: { tncCells: -1 } }))).toEqual([
      'counts.tncCells: TNC must be more than 0 cells',
    ]);
    expect(
      ProductLabRegisterSchema.safeParse({
        din: 'W999926000001',
        productCode: 'S1295',
        kind: 'hpc-apheresis',
        tncCells: 1e8,
        cd3Cells: 2e8,
      }).success
    ).toBe(false);
  });
});

describe('plausible counts by product kind (H-COUNT-3)', () => {
  it('an HPC apheresis TNC below 1e8 or above 1e12 is a finding; the boundaries are plausible', () => {
    expect(countFindings('hpc-apheresis', { tncCells: 1e8, cd34Cells: 1e6 })).toEqual([]);
    expect(countFindings('hpc-apheresis', { tncCells: 1e12, cd34Cells: 1e10 })).toEqual([]);
    expect(countFindings('hpc-apheresis', { tncCells: 4.01 })).toEqual([
      {
        field: 'tncCells',
        message: expect.stringMatching(/^TNC 4.01 cells is below the usual range for this product \(≥ 1 × 10⁸ cells\)/),
      },
    ]);
    expect(countFindings('hpc-apheresis', { tncCells: 1.01e12 }, 'counts.')[0]?.field).toBe('counts.tncCells');
    expect(countFindings('hpc-apheresis', { cd34Cells: 9.9e5 })[0]?.field).toBe('cd34Cells');
  });
  it('cord blood has its own, lower ranges; kinds without ranges only check volume and viability', () => {
    expect(countFindings('hpc-cord', { tncCells: 1.5e9, cd34Cells: 5e6 })).toEqual([]);
    expect(countFindings('hpc-cord', { tncCells: 2e10 })[0]?.message).toMatch(/above the usual range/);
    expect(countFindings('nk-cells', { tncCells: 5 })).toEqual([]);
    expect(countFindings('nk-cells', { viabilityPct: 49.9, volumeMl: 0.5 }).map((f) => f.field)).toEqual([
      'volumeMl',
      'viabilityPct',
    ]);
    expect(countFindings('nk-cells', { viabilityPct: 50, volumeMl: 1 })).toEqual([]);
    expect(countFindings('car-t', { carTCells: 9e5 })[0]?.field).toBe('carTCells');
  });
});

describe('cross-step plausibility (H-COUNT-4)', () => {
  const pre = { tncCells: 4.1e10, cd34Cells: 3.5e8, cd3Cells: 1e10 };
  it('a post-processing count above 110 % of the count before is a finding; exactly 110 % is not', () => {
    expect(processingFindings('plasma-depletion', pre, { tncCells: 4.1e10 * 1.1 })).toEqual([]);
    const f = processingFindings('plasma-depletion', pre, { tncCells: 4.1e10 * 1.1001 });
    expect(f).toEqual([
      { field: 'counts.tncCells', message: expect.stringMatching(/cannot rise by more than measurement error/) },
    ]);
  });
  it('a recovery below 10 % is a finding, exactly 10 % is not; the 4.01 after 4.1e10 of the incident is caught', () => {
    expect(processingFindings('plasma-depletion', pre, { tncCells: 4.1e9 })).toEqual([]);
    expect(processingFindings('plasma-depletion', pre, { tncCells: 4.09e9 })[0]?.message).toMatch(
      /recovery below 10 %/
    );
    expect(processingFindings('red-cell-depletion', pre, { tncCells: 4.01 })[0]?.message).toMatch(
      /^TNC 4.01 after processing is 0 % of 4.1 × 10¹⁰ before/
    );
  });
  it('a step that removes a population on purpose is exempt from that floor, not from the rise rule', () => {
    expect(processingFindings('cd34-selection', pre, { tncCells: 3e8, cd34Cells: 2.5e8, cd3Cells: 1e5 })).toEqual([]);
    expect(processingFindings('cd34-selection', pre, { cd34Cells: 3e7 })[0]?.field).toBe('counts.cd34Cells');
    expect(processingFindings('tcell-depletion-ab', pre, { cd3Cells: 1e6 })).toEqual([]);
    expect(processingFindings('tcell-depletion-ab', pre, { cd3Cells: 1.2e10 })[0]?.field).toBe('counts.cd3Cells');
    expect(processingFindings('plasma-depletion', pre, { cd3Cells: 1e6 })[0]?.field).toBe('counts.cd3Cells');
  });
  it('post-thaw viable CD34+ above pre-freeze is a finding; counts not measured before are not compared', () => {
    expect(thawFindings(pre, { cd34Cells: 3.85e8 })).toEqual([]);
    expect(thawFindings(pre, { cd34Cells: 3.86e8 })[0]?.message).toMatch(/after thaw is 110.3 % of 3.5 × 10⁸ before/);
    expect(thawFindings({ tncCells: null }, { tncCells: 5 })).toEqual([]);
  });
  it('findings on one field are merged into one', () => {
    expect(
      mergeFindings([
        { field: 'a', message: 'x' },
        { field: 'b', message: 'y' },
        { field: 'a', message: 'z' },
      ])
    ).toEqual([
      { field: 'a', message: 'x; z' },
      { field: 'b', message: 'y' },
    ]);
  });
});

describe('confirmed counts block release and label until confirmed (H-PROD-1)', () => {
  const product = {
    status: 'stored' as const,
    kind: 'hpc-apheresis' as const,
    sterility: 'negative' as const,
    expiresAt: null,
    volumeMl: 100,
    viabilityPct: 95,
    tncCells: 9e7,
    cd34Cells: 3e7,
    cd3Cells: null,
    carTCells: null,
  };
  const NOW = '2026-03-15T12:00:00Z';
  it('the last write of a count decides whether it is confirmed', () => {
    const events = [
      { kind: 'registered', details: {} },
      { kind: 'processed', details: { counts: { tncCells: 4.01 }, confirmed: { tncCells: 'recounted twice' } } },
    ];
    expect(confirmedCountKeys(events)).toEqual(['tncCells']);
    expect(confirmedCountKeys([...events, { kind: 'processed', details: { counts: { tncCells: 5 } } }])).toEqual([]);
    expect(
      confirmedCountKeys([{ kind: 'qc', details: { test: 'cd34', value: 1, confirmed: { cd34Cells: 'flow' } } }])
    ).toEqual(['cd34Cells']);
    expect(unconfirmedCountFindings('hpc-apheresis', { tncCells: 4.01 }, ['tncCells'])).toEqual([]);
  });
  it('release and label are refused with an unconfirmed implausible count and allowed once it is confirmed', () => {
    expect(releaseCheck(product, { now: NOW, exception: null }).blockers).toEqual([
      expect.stringMatching(/^unconfirmed count: TNC 9 × 10⁷ cells is below the usual range/),
    ]);
    expect(labelCheck(product, { now: NOW, exception: null }).printable).toBe(false);
    expect(releaseCheck(product, { now: NOW, exception: null, confirmedCounts: ['tncCells'] }).releasable).toBe(true);
    expect(labelCheck(product, { now: NOW, exception: null, confirmedCounts: ['tncCells'] })).toEqual({
      printable: true,
      blockers: [],
    });
  });
  it('a label is refused for missing counts, a positive culture, impossible counts and final products, not for expiry or release', () => {
    const ok = { ...product, tncCells: 4e10, cd34Cells: 3.5e8 };
    expect(
      releaseCheck(
        { ...product, tncCells: 4.01, cd34Cells: 3.5e8 },
        { now: NOW, exception: null, confirmedCounts: ['tncCells'] }
      ).blockers
    ).toEqual(['impossible counts: CD34+ cells (3.5 × 10⁸) cannot be more than the TNC (4.01 cells)']);
    expect(labelCheck({ ...ok, cd34Cells: null }, { now: NOW, exception: null }).blockers).toEqual([
      'missing counts: CD34+ cells',
    ]);
    expect(labelCheck({ ...ok, sterility: 'positive' }, { now: NOW, exception: null }).blockers[0]).toMatch(
      /sterility culture is positive/
    );
    expect(labelCheck({ ...ok, cd34Cells: 5e10 }, { now: NOW, exception: null }).blockers[0]).toMatch(
      /^impossible counts/
    );
    expect(labelCheck({ ...ok, status: 'discarded' }, { now: NOW, exception: null }).blockers).toEqual([
      'a product that is discarded is not labelled',
    ]);
    expect(
      labelCheck({ ...ok, status: 'released', expiresAt: '2020-01-01T00:00:00Z' }, { now: NOW, exception: null })
        .printable
    ).toBe(true);
  });
});
