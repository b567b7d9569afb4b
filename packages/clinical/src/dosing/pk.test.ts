import { describe, expect, it } from 'vitest';
import { ancFromDifferential, bilirubinMgDlToUmolL, bilirubinUmolLToMgDl, perMicrolitreToE9PerL } from '../units';
import {
  aucFromCss,
  aucMgHLToUmolMin,
  aucUmolMinToMgHL,
  convertBusulfanExposure,
  UMOL_MIN_PER_MG_H_L,
} from './busulfan';
import { tocilizumabDose } from './tocilizumab';

describe('busulfan exposure (reference checks)', () => {
  it('1 mg·h/L = 243.6 µM·min; 90 mg·h/L ≈ 21,924; Css 900 q6h ≈ 1,315; 5,000 µM·min ≈ 20.5 mg·h/L', () => {
    expect(UMOL_MIN_PER_MG_H_L).toBeCloseTo(243.6, 1);
    expect(aucMgHLToUmolMin(90)).toBeCloseTo(21_924, -1);
    expect(aucFromCss(900, 360)).toBeCloseTo(1_315, 0);
    expect(aucUmolMinToMgHL(5_000)).toBeCloseTo(20.5, 1);
  });
  it('course cumulative AUC and protocol window', () => {
    const r = convertBusulfanExposure({
      value: 1_315,
      unit: 'umol-min',
      dosingIntervalHours: 6,
      doses: 16,
      target: { min: 78, max: 101, unit: 'mg-h-per-l', scope: 'cumulative' },
    });
    expect(r.cumulativeMgHL).toBeCloseTo(86.4, 1);
    expect(r.withinTarget).toBe(true);
    const css = convertBusulfanExposure({ value: 900, unit: 'css-ng-per-ml', dosingIntervalHours: null, doses: null });
    expect(css.perDoseUmolMin).toBeNull();
    expect(css.explanation).toMatch(/needs the dosing interval/);
    const perDose = convertBusulfanExposure({
      value: 1_400,
      unit: 'umol-min',
      dosingIntervalHours: 6,
      doses: 16,
      target: { min: 900, max: 1_350, unit: 'umol-min', scope: 'per-dose' },
    });
    expect(perDose.withinTarget).toBe(false);
  });
});

describe('tocilizumab (Kymriah label)', () => {
  it('weight boundary at 30 kg and the 800 mg cap', () => {
    expect(
      tocilizumabDose({ weightKg: 29.9, dosesInLast24h: 0, dosesTotal: 0, hoursSinceLastDose: null }).mgPerKg
    ).toBe(12);
    expect(tocilizumabDose({ weightKg: 30, dosesInLast24h: 0, dosesTotal: 0, hoursSinceLastDose: null }).doseMg).toBe(
      240
    );
    expect(tocilizumabDose({ weightKg: 100, dosesInLast24h: 0, dosesTotal: 0, hoursSinceLastDose: null }).doseMg).toBe(
      800
    );
    expect(tocilizumabDose({ weightKg: 110, dosesInLast24h: 0, dosesTotal: 0, hoursSinceLastDose: null }).doseMg).toBe(
      800
    );
  });
  it('interval and dose-count limits', () => {
    const t = (h: number | null, d24: number, tot: number): boolean =>
      tocilizumabDose({ weightKg: 70, dosesInLast24h: d24, dosesTotal: tot, hoursSinceLastDose: h }).mayGiveNow;
    expect(t(8, 1, 1)).toBe(true);
    expect(t(7.9, 1, 1)).toBe(false);
    expect(t(9, 3, 3)).toBe(false);
    expect(t(9, 2, 3)).toBe(true);
    expect(t(30, 0, 4)).toBe(false);
  });
});

describe('unit conversions', () => {
  it('bilirubin 2 mg/dL ≈ 34 µmol/L, 15 ≈ 257; counts per µL', () => {
    expect(bilirubinMgDlToUmolL(2)).toBeCloseTo(34.2, 1);
    expect(bilirubinMgDlToUmolL(15)).toBeCloseTo(256.5, 1);
    expect(bilirubinUmolLToMgDl(51.3)).toBeCloseTo(3, 6);
    expect(perMicrolitreToE9PerL(500)).toBe(0.5);
    expect(perMicrolitreToE9PerL(20_000)).toBe(20);
    expect(ancFromDifferential(1.2, 35, 5)).toBeCloseTo(0.48, 6);
  });
});
