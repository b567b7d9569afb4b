import { describe, expect, it } from 'vitest';
import { futureDateError, futureTimeError, productDoses, QcResultSchema, releaseCheck, thawError } from './productLab';

const NOW = '2026-03-15T12:00:00Z';
const ready = {
  status: 'stored' as const,
  kind: 'hpc-apheresis' as const,
  sterility: 'negative' as const,
  expiresAt: null,
  volumeMl: 100,
  viabilityPct: 95,
  tncCells: 5e10,
  cd34Cells: 3.5e8,
  cd3Cells: null,
  carTCells: null,
};

describe('release rules (ADR 0510)', () => {
  it('a complete, sterile, unexpired stored product is releasable', () => {
    expect(releaseCheck(ready, { now: NOW, exception: null })).toEqual({
      releasable: true,
      blockers: [],
      warnings: [],
    });
  });
  it('a positive culture blocks release unless a physician authorised an exceptional release', () => {
    const positive = { ...ready, sterility: 'positive' as const };
    expect(releaseCheck(positive, { now: NOW, exception: null }).blockers).toEqual([
      expect.stringMatching(/sterility culture is positive/),
    ]);
    const r = releaseCheck(positive, { now: NOW, exception: { reason: 'no alternative graft', by: 'Dr P' } });
    expect(r.releasable).toBe(true);
    expect(r.warnings[0]).toMatch(/exceptional release authorised by Dr P/);
  });
  it('a pending culture is a warning, not a blocker', () => {
    const r = releaseCheck({ ...ready, sterility: 'pending' }, { now: NOW, exception: null });
    expect(r.releasable).toBe(true);
    expect(r.warnings).toEqual([expect.stringMatching(/pending/)]);
  });
  it('missing counts: volume, viability and the count the kind is dosed by', () => {
    expect(
      releaseCheck({ ...ready, cd34Cells: null, viabilityPct: null }, { now: NOW, exception: null }).blockers
    ).toEqual(['missing counts: viability, CD34+ cells']);
    expect(
      releaseCheck({ ...ready, kind: 'hpc-cord', tncCells: null, cd34Cells: 5e6 }, { now: NOW, exception: null })
        .blockers
    ).toEqual(['missing counts: TNC']);
    expect(releaseCheck({ ...ready, kind: 'dli' }, { now: NOW, exception: null }).blockers).toEqual([
      'missing counts: CD3+ cells',
    ]);
  });
  it('expiry blocks at the expiry instant, not a minute before', () => {
    expect(
      releaseCheck({ ...ready, expiresAt: '2026-03-15T12:01:00Z' }, { now: NOW, exception: null }).releasable
    ).toBe(true);
    expect(
      releaseCheck({ ...ready, expiresAt: '2026-03-15T12:00:00Z' }, { now: NOW, exception: null }).blockers
    ).toEqual([expect.stringMatching(/expired on 2026-03-15 12:00/)]);
  });
  it('status: only collected, processing or stored products are released', () => {
    expect(releaseCheck({ ...ready, status: 'released' }, { now: NOW, exception: null }).blockers).toEqual([
      'the product is already released',
    ]);
    expect(releaseCheck({ ...ready, status: 'thawed' }, { now: NOW, exception: null }).blockers).toEqual([
      'a product that is thawed cannot be released',
    ]);
    expect(releaseCheck({ ...ready, status: 'collected' }, { now: NOW, exception: null }).releasable).toBe(true);
  });
  it('thaw only a released cryopreserved product', () => {
    expect(thawError({ status: 'released', cryopreserved: true })).toBeNull();
    expect(thawError({ status: 'stored', cryopreserved: true })).toMatch(/only once released/);
    expect(thawError({ status: 'released', cryopreserved: false })).toMatch(/fresh/);
  });
});

describe('doses per kg (Duong 2014; Dehn 2019)', () => {
  it('HPC-A autologous: CD34+ x10^6/kg with the 2 x10^6/kg minimum; TNC x10^8/kg', () => {
    const d = productDoses(ready, 70, true);
    expect(d[0]).toMatchObject({ measure: 'cd34', unit: 'x10^6/kg', adequate: true });
    expect(d[0]!.value).toBeCloseTo(5, 6);
    expect(d[1]).toMatchObject({ measure: 'tnc', unit: 'x10^8/kg' });
    expect(productDoses({ ...ready, cd34Cells: 1.39e8 }, 70, true)[0]!.adequate).toBe(false); // 1.99 x10^6/kg
    expect(productDoses({ ...ready, cd34Cells: 1.4e8 }, 70, true)[0]!.adequate).toBe(true); // exactly 2
  });
  it('cord: TNC x10^7/kg and CD34+ x10^5/kg', () => {
    const d = productDoses({ ...ready, kind: 'hpc-cord', tncCells: 1.5e9, cd34Cells: 6e6 }, 20, false);
    expect(d.map((x) => [x.measure, x.unit, +x.value.toFixed(2)])).toEqual([
      ['cd34', 'x10^5/kg', 3],
      ['tnc', 'x10^7/kg', 7.5],
    ]);
  });
  it('CD3+ per kg for a DLI (no threshold)', () => {
    expect(
      productDoses({ kind: 'dli', tncCells: null, cd34Cells: null, cd3Cells: 7e7, carTCells: null }, 70, false)
    ).toEqual([expect.objectContaining({ measure: 'cd3', value: 1, unit: 'x10^6/kg', adequate: null })]);
  });
});

describe('QC result contract', () => {
  it('sterility needs an outcome; viability a value of at most 100', () => {
    expect(QcResultSchema.safeParse({ test: 'sterility' }).success).toBe(false);
    expect(QcResultSchema.safeParse({ test: 'sterility', outcome: 'negative' }).success).toBe(true);
    expect(QcResultSchema.safeParse({ test: 'viability', value: 101 }).success).toBe(false);
    expect(QcResultSchema.safeParse({ test: 'cfu', value: 120, unit: 'CFU-GM/10^5' }).success).toBe(true);
  });
});

describe('recorded times and dates cannot be in the future (H-COUNT-6)', () => {
  it('a time up to 5 minutes ahead of the server is clock skew; later is refused naming the field', () => {
    expect(futureTimeError('2026-03-15T12:05:00Z', NOW, 'the processing time')).toBeNull();
    expect(futureTimeError('2026-03-15T12:05:00.001Z', NOW, 'the processing time')).toBe(
      'the processing time 2026-03-15T12:05:00.001Z is in the future: record what was done, when it was done'
    );
    expect(futureTimeError(undefined, NOW, 'x')).toBeNull();
  });
  it('a calendar date after the centre’s today is refused; today is accepted', () => {
    expect(futureDateError('2026-03-15', '2026-03-15', 'the collection date')).toBeNull();
    expect(futureDateError('2026-03-16', '2026-03-15', 'the collection date')).toMatch(
      /^the collection date 2026-03-16 is after today \(2026-03-15\)/
    );
  });
});
