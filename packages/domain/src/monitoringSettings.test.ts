import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MONITORING_SETTINGS,
  graftFailureOptionsOf,
  graftSourceOfProducts,
  MonitoringSettingsSchema,
  monitoringSettingsFrom,
} from './monitoringSettings';

describe('graft source from the episode products (Kharfan-Dabaja 2021, graft failure by source)', () => {
  it('is cord blood when any kept product is a cord unit, whatever else there is', () => {
    expect(
      graftSourceOfProducts([
        { kind: 'hpc-apheresis', status: 'infused' },
        { kind: 'hpc-cord', status: 'infused' },
      ])
    ).toBe('cord-blood');
  });
  it('ignores discarded products and non-HPC products', () => {
    expect(
      graftSourceOfProducts([
        { kind: 'hpc-cord', status: 'discarded' },
        { kind: 'hpc-marrow', status: 'infused' },
      ])
    ).toBe('bone-marrow');
    expect(
      graftSourceOfProducts([
        { kind: 'dli', status: 'infused' },
        { kind: 'car-t', status: 'infused' },
      ])
    ).toBeNull();
  });
  it('prefers PBSC over marrow when both were given, and is null with no product', () => {
    expect(
      graftSourceOfProducts([
        { kind: 'hpc-marrow', status: 'infused' },
        { kind: 'hpc-apheresis', status: 'stored' },
      ])
    ).toBe('pbsc');
    expect(graftSourceOfProducts([])).toBeNull();
  });
});

describe('centre monitoring settings', () => {
  it('defaults to the ASTCT 2021 graft-failure days and a 10-point chimerism drop over 3 results', () => {
    expect(DEFAULT_MONITORING_SETTINGS.graftFailureDays).toEqual({ pbsc: 30, 'bone-marrow': 30, 'cord-blood': 42 });
    expect([
      DEFAULT_MONITORING_SETTINGS.chimerismDropPoints,
      DEFAULT_MONITORING_SETTINGS.chimerismTrendResults,
    ]).toEqual([10, 3]);
  });
  it('merges stored values over the defaults and falls back to them when the stored document is not valid', () => {
    expect(monitoringSettingsFrom({ cmvThresholdIuMl: 500, graftFailureDays: { 'cord-blood': 45 } })).toMatchObject({
      cmvThresholdIuMl: 500,
      crsIcansWindowDays: 14,
      graftFailureDays: { pbsc: 30, 'cord-blood': 45 },
    });
    expect(monitoringSettingsFrom(null)).toEqual(DEFAULT_MONITORING_SETTINGS);
    expect(monitoringSettingsFrom({ cmvThresholdIuMl: -1 })).toEqual(DEFAULT_MONITORING_SETTINGS);
  });
  it('names the graft-failure definition the days match, else custom', () => {
    expect(graftFailureOptionsOf({ pbsc: 30, 'bone-marrow': 30, 'cord-blood': 42 })).toEqual({
      definition: 'astct-2021',
    });
    expect(graftFailureOptionsOf({ pbsc: 28, 'bone-marrow': 28, 'cord-blood': 42 })).toEqual({
      definition: 'ebmt-2019',
    });
    expect(graftFailureOptionsOf({ pbsc: 28, 'bone-marrow': 30, 'cord-blood': 42 })).toMatchObject({
      definition: 'custom',
    });
  });
});

describe('settings are quantities with possible ranges', () => {
  const withValue = (over: Record<string, unknown>) =>
    MonitoringSettingsSchema.safeParse({ ...DEFAULT_MONITORING_SETTINGS, ...over });
  const messages = (over: Record<string, unknown>) => {
    const r = withValue(over);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('ages chimerism evidence out after 90 days and CMV after 30 by default', () => {
    expect([DEFAULT_MONITORING_SETTINGS.chimerismEvidenceDays, DEFAULT_MONITORING_SETTINGS.cmvEvidenceDays]).toEqual([
      90, 30,
    ]);
  });
  it('refuses values outside the possible range, naming the setting and its unit (boundaries included)', () => {
    expect(withValue({ chimerismEvidenceDays: 7 }).success).toBe(true);
    expect(messages({ chimerismEvidenceDays: 6 })).toEqual([
      'chimerismEvidenceDays: chimerism evidence age must be at least 7 days',
    ]);
    expect(withValue({ cmvEvidenceDays: 365 }).success).toBe(true);
    expect(messages({ cmvEvidenceDays: 366 })).toEqual(['cmvEvidenceDays: CMV evidence age must be at most 365 days']);
    expect(messages({ cmvThresholdIuMl: 0 })).toEqual([
      'cmvThresholdIuMl: CMV PCR alert threshold must be more than 0 IU/mL',
    ]);
    expect(messages({ labIntervalDays: 2.5 })).toEqual([
      'labIntervalDays: blood count interval must be a whole number',
    ]);
    expect(messages({ followUpLeadDays: 'abc' })).toEqual([
      'followUpLeadDays: follow-up lead time must be a number (days)',
    ]);
    expect(messages({ graftFailureDays: { pbsc: 13, 'bone-marrow': 30, 'cord-blood': 42 } })).toEqual([
      'graftFailureDays.pbsc: graft failure day (peripheral blood) must be at least 14 days after infusion',
    ]);
  });
});
