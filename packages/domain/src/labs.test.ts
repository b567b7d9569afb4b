import { describe, expect, it } from 'vitest';
import { addDays, todayIso } from './dates';
import { ANALYTES, ObservationCorrectionSchema, ObservationCreateSchema, observationFinding } from './labs';

const today = todayIso();
const obs = (analyte: string, value: unknown, unit: string, extra: object = {}) =>
  ObservationCreateSchema.safeParse({ analyte, observedOn: today, value, unit, ...extra });
const issue = (r: ReturnType<typeof obs>, path = 'value') =>
  r.success ? null : (r.error.issues.find((i) => i.path.join('.') === path)?.message ?? null);

describe('lab values: possible range (refused, naming the field)', () => {
  it('negative values are refused for every analyte, 0 is accepted', () => {
    for (const [a, def] of Object.entries(ANALYTES)) {
      const r = obs(a, -5, def.unit, a === 'chimerism' ? { lineage: 'T-cell' } : {});
      expect(issue(r), a).toMatch(/must not be negative/);
      expect(obs(a, 0, def.unit, a === 'chimerism' ? { lineage: 'T-cell' } : {}).success, a).toBe(true);
    }
    expect(issue(obs('platelets', -5, 'x10^9/L'))).toBe('Platelets must not be negative (-5 ×10⁹/L)');
  });
  it('platelets: 3,000 ×10⁹/L is the highest possible; 3,001 and 5,000 are refused', () => {
    expect(obs('platelets', 3000, 'x10^9/L').success).toBe(true);
    expect(issue(obs('platelets', 3001, 'x10^9/L'))).toMatch(
      /Platelets 3001 ×10⁹\/L is impossible \(at most 3000 ×10⁹\/L\)/
    );
    expect(issue(obs('platelets', 5000, 'x10^9/L'))).toMatch(/impossible/);
    // 5,000 cells/µL is 5 ×10⁹/L: accepted in its own unit.
    expect(obs('platelets', 5000, '/uL').success).toBe(true);
  });
  it('the range is checked in the canonical unit (Hb 300 g/L = 30 g/dL possible, 301 g/L not)', () => {
    expect(obs('hemoglobin', 300, 'g/L').success).toBe(true);
    expect(issue(obs('hemoglobin', 301, 'g/L'))).toMatch(/impossible/);
    expect(issue(obs('chimerism', 100.1, '%', { lineage: 'T-cell' }))).toMatch(/impossible/);
  });
  it('NaN, Infinity and text are refused as "value must be a number"', () => {
    expect(issue(obs('anc', Number.NaN, 'x10^9/L'))).toBe('value must be a number');
    expect(issue(obs('anc', Number.POSITIVE_INFINITY, 'x10^9/L'))).toBeTruthy();
    expect(issue(obs('anc', '-5', 'x10^9/L'))).toBe('value must be a number');
    expect(issue(obs('anc', undefined, 'x10^9/L'))).toBe('required');
  });
  it('result dates: today + 1 day accepted, later refused, 1899 refused', () => {
    expect(obs('anc', 1, 'x10^9/L', { observedOn: addDays(today, 1) }).success).toBe(true);
    expect(issue(obs('anc', 1, 'x10^9/L', { observedOn: addDays(today, 2) }), 'observedOn')).toMatch(
      /result date .* is in the future/
    );
    expect(issue(obs('anc', 1, 'x10^9/L', { observedOn: addDays(today, 90) }), 'observedOn')).toMatch(/in the future/);
    expect(issue(obs('anc', 1, 'x10^9/L', { observedOn: '9999-01-01' }), 'observedOn')).toMatch(/in the future/);
    expect(issue(obs('anc', 1, 'x10^9/L', { observedOn: '1899-12-31' }), 'observedOn')).toMatch(/before 1900/);
  });
  it('corrections: negative refused naming value, future date refused', () => {
    const r = ObservationCorrectionSchema.safeParse({ observedOn: today, value: -5, unit: 'x10^9/L', reason: 'typo' });
    expect(r.success ? null : r.error.issues[0]).toMatchObject({
      path: ['value'],
      message: 'value must not be negative',
    });
    expect(
      ObservationCorrectionSchema.safeParse({ observedOn: '9999-01-01', value: 5, unit: 'x10^9/L', reason: 'typo' })
        .success
    ).toBe(false);
  });
});

describe('lab values: plausible range (needs a recorded confirmation)', () => {
  it.each([
    ['anc', 100, 'x10^9/L', false],
    ['anc', 100.1, 'x10^9/L', true],
    ['wbc', 100, 'x10^9/L', false],
    ['wbc', 101, 'x10^9/L', true],
    ['platelets', 1000, 'x10^9/L', false],
    ['platelets', 1001, 'x10^9/L', true],
    ['hemoglobin', 25, 'g/dL', false],
    ['hemoglobin', 25.1, 'g/dL', true],
    ['hemoglobin', 3, 'g/dL', false],
    ['hemoglobin', 2.9, 'g/dL', true],
    ['hemoglobin', 251, 'g/L', true],
    ['bilirubin', 40, 'mg/dL', false],
    ['bilirubin', 41, 'mg/dL', true],
    ['creatinine', 15.1, 'mg/dL', true],
    ['crp', 501, 'mg/L', true],
    ['ferritin', 100_001, 'ng/mL', true],
    ['cmv-pcr', 1e8, 'IU/mL', false],
    ['cmv-pcr', 2e8, 'IU/mL', true],
  ])('%s %d %s: finding %s', (analyte, value, unit, flagged) => {
    const r = ObservationCreateSchema.parse({ analyte, observedOn: today, value, unit });
    const f = observationFinding(r);
    expect(f !== null).toBe(flagged);
    if (f) expect(f.field).toBe('value');
  });
  it('the finding names the analyte, the canonical value and the typed one', () => {
    const f = observationFinding(
      ObservationCreateSchema.parse({ analyte: 'hemoglobin', observedOn: today, value: 260, unit: 'g/L' })
    );
    expect(f?.message).toMatch(/Hemoglobin 26 g\/dL is above the usual range .* \(typed 260 g\/L\)/);
  });
});
