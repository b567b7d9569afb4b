import { DEFAULT_CHIMERISM_TREND, GRAFT_FAILURE_DAYS, type GraftSourceSchema } from '@engraft/clinical';
import { z } from 'zod';
import type { ProductKind, ProductStatus } from './cellProducts';
import { quantity, type QuantitySpec } from './safety/quantity';

/**
 * Each threshold is a quantity with its unit and possible range (issue 13): a value outside it is refused,
 * naming the setting. The ranges are what a centre could sensibly choose, not the defaults.
 */
export const MONITORING_SETTING_SPECS = {
  crsIcansWindowDays: { label: 'CRS/ICANS assessment window', unit: 'days', min: 1, max: 100, integer: true },
  labIntervalDays: { label: 'blood count interval', unit: 'days', min: 1, max: 14, integer: true },
  cmvThresholdIuMl: { label: 'CMV PCR alert threshold', unit: 'IU/mL', min: 0, max: 1e9, exclusiveMin: true },
  followUpLeadDays: { label: 'follow-up lead time', unit: 'days', min: 0, max: 180, integer: true },
  bedsideStopDays: { label: 'refused bedside check listing', unit: 'days', min: 1, max: 90, integer: true },
  graftFailureDay: {
    label: 'primary graft failure day',
    unit: 'days after infusion',
    min: 14,
    max: 100,
    integer: true,
  },
  chimerismDropPoints: { label: 'chimerism drop', unit: 'percentage points', min: 0, max: 100, exclusiveMin: true },
  chimerismTrendResults: { label: 'chimerism trend results', unit: 'results', min: 2, max: 20, integer: true },
  chimerismEvidenceDays: { label: 'chimerism evidence age', unit: 'days', min: 7, max: 730, integer: true },
  cmvEvidenceDays: { label: 'CMV evidence age', unit: 'days', min: 7, max: 365, integer: true },
} as const satisfies Record<string, QuantitySpec>;

/**
 * Per-centre thresholds of the worklist and the monitoring summary (GET/PUT /settings/monitoring). Every
 * default cites where it comes from; a centre overrides them in its settings (audited).
 */
export const MonitoringSettingsSchema = z.object({
  /** Days after a cell-therapy infusion with a daily CRS/ICANS assessment (ASTCT 2019 grading; inpatient daily grading typically to D+14; label monitoring 2–4 weeks). */
  crsIcansWindowDays: quantity(MONITORING_SETTING_SPECS.crsIcansWindowDays),
  /** HCT, D+1 to D+30: a blood count is expected at least every this many days (common practice while aplastic). */
  labIntervalDays: quantity(MONITORING_SETTING_SPECS.labIntervalDays),
  /** CMV PCR at or above this (IU/mL, WHO standard) is flagged; pre-emptive therapy thresholds vary by centre and risk. */
  cmvThresholdIuMl: quantity(MONITORING_SETTING_SPECS.cmvThresholdIuMl),
  /** Follow-up visits and registry reports are listed from this many days before their due date. */
  followUpLeadDays: quantity(MONITORING_SETTING_SPECS.followUpLeadDays),
  /** A refused bedside check (wrong product, not released …) stays on the team's worklist this many days (ADR 0540). */
  bedsideStopDays: quantity(MONITORING_SETTING_SPECS.bedsideStopDays),
  /** Primary graft failure day by graft source (ASTCT 2021 D+30 PBSC/marrow, D+42 cord; EBMT 2019 D+28/D+42). */
  graftFailureDays: z.object({
    pbsc: quantity({ ...MONITORING_SETTING_SPECS.graftFailureDay, label: 'graft failure day (peripheral blood)' }),
    'bone-marrow': quantity({ ...MONITORING_SETTING_SPECS.graftFailureDay, label: 'graft failure day (bone marrow)' }),
    'cord-blood': quantity({ ...MONITORING_SETTING_SPECS.graftFailureDay, label: 'graft failure day (cord blood)' }),
  }),
  /** A lineage's donor chimerism that falls by at least this many percentage points is flagged ([VERIFY]: no published threshold). */
  chimerismDropPoints: quantity(MONITORING_SETTING_SPECS.chimerismDropPoints),
  /** How many of the most recent chimerism results of a lineage the trend compares. */
  chimerismTrendResults: quantity(MONITORING_SETTING_SPECS.chimerismTrendResults),
  /**
   * A falling-chimerism alert rests on the lineage's latest result; older than this many days it raises nothing
   * (ADR 0610). Default 90 days: after day 100 chimerism is typically re-tested at 6 and 12 months, and at least
   * more often when mixed or falling (Bader P et al., 2005, Bone Marrow Transplant, "How and when should we
   * monitor chimerism after allogeneic stem cell transplantation?", recommended schedule) — [VERIFY]: no
   * publication fixes an age beyond which a trend is stale; 90 days is the centre default, changeable here.
   */
  chimerismEvidenceDays: quantity(MONITORING_SETTING_SPECS.chimerismEvidenceDays),
  /**
   * A CMV-above-threshold alert rests on the latest CMV PCR; older than this many days it raises nothing (ADR
   * 0610). Default 30 days: CMV DNAemia is monitored at least weekly to day 100 (Ljungman P et al., 2019, Lancet
   * Infect Dis, ECIL-7 CMV guidelines), so a 30-day-old result means monitoring stopped, not that CMV is high now.
   */
  cmvEvidenceDays: quantity(MONITORING_SETTING_SPECS.cmvEvidenceDays),
});
export type MonitoringSettings = z.infer<typeof MonitoringSettingsSchema>;

export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = {
  crsIcansWindowDays: 14,
  labIntervalDays: 2,
  cmvThresholdIuMl: 1000,
  followUpLeadDays: 14,
  bedsideStopDays: 7,
  // The ASTCT 2021 days (their source is cited at GRAFT_FAILURE_DAYS in @engraft/clinical).
  graftFailureDays: { ...GRAFT_FAILURE_DAYS['astct-2021'] },
  chimerismDropPoints: DEFAULT_CHIMERISM_TREND.dropPoints,
  chimerismTrendResults: DEFAULT_CHIMERISM_TREND.results,
  chimerismEvidenceDays: 90,
  cmvEvidenceDays: 30,
};

/** Stored settings merged over the defaults (a setting added later takes its default until a centre sets it). */
export function monitoringSettingsFrom(stored: unknown): MonitoringSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<MonitoringSettings>;
  const merged = {
    ...DEFAULT_MONITORING_SETTINGS,
    ...s,
    graftFailureDays: { ...DEFAULT_MONITORING_SETTINGS.graftFailureDays, ...(s.graftFailureDays ?? {}) },
  };
  const parsed = MonitoringSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_MONITORING_SETTINGS;
}

export const MonitoringSettingsViewSchema = z.object({
  settings: MonitoringSettingsSchema,
  defaults: MonitoringSettingsSchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type MonitoringSettingsView = z.infer<typeof MonitoringSettingsViewSchema>;

export type GraftSource = z.infer<typeof GraftSourceSchema>;

/**
 * The graft source of an episode from its HPC products (the graft-failure day depends on it: ASTCT 2021,
 * Kharfan-Dabaja MA et al., 2021, Transplant Cell Ther): cord blood if any cord unit, else marrow if only marrow, else peripheral blood stem cells; null when
 * no HPC product is recorded (the caller keeps its previous behaviour). Discarded products do not count.
 */
export function graftSourceOfProducts(
  products: readonly { kind: ProductKind; status: ProductStatus }[]
): GraftSource | null {
  const kinds = new Set(products.filter((p) => p.status !== 'discarded').map((p) => p.kind));
  if (kinds.has('hpc-cord')) return 'cord-blood';
  if (kinds.has('hpc-apheresis')) return 'pbsc';
  if (kinds.has('hpc-marrow')) return 'bone-marrow';
  return null;
}

/** The graft-failure rule's options for the centre's days: a named definition when they match one, else custom. */
export function graftFailureOptionsOf(days: MonitoringSettings['graftFailureDays']) {
  const same = (t: Record<string, number>) =>
    t.pbsc === days.pbsc && t['bone-marrow'] === days['bone-marrow'] && t['cord-blood'] === days['cord-blood'];
  if (same(GRAFT_FAILURE_DAYS['astct-2021'])) return { definition: 'astct-2021' as const };
  if (same(GRAFT_FAILURE_DAYS['ebmt-2019'])) return { definition: 'ebmt-2019' as const };
  return { definition: 'custom' as const, customDays: days };
}
