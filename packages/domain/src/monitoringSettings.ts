import { DEFAULT_CHIMERISM_TREND, GRAFT_FAILURE_DAYS, type GraftSourceSchema } from '@engraft/clinical';
import { z } from 'zod';
import type { ProductKind, ProductStatus } from './cellProducts';

/**
 * Per-centre thresholds of the worklist and the monitoring summary (GET/PUT /settings/monitoring). Every
 * default cites where it comes from; a centre overrides them in its settings (audited).
 */
export const MonitoringSettingsSchema = z.object({
  /** Days after a cell-therapy infusion with a daily CRS/ICANS assessment (ASTCT 2019 grading; inpatient daily grading typically to D+14; label monitoring 2–4 weeks, clinical-standards §12.16). */
  crsIcansWindowDays: z.number().int().min(1, 'at least 1 day').max(100, 'at most 100 days'),
  /** HCT, D+1 to D+30: a blood count is expected at least every this many days (common practice while aplastic). */
  labIntervalDays: z.number().int().min(1, 'at least 1 day').max(14, 'at most 14 days'),
  /** CMV PCR at or above this (IU/mL, WHO standard) is flagged; pre-emptive therapy thresholds vary by centre and risk. */
  cmvThresholdIuMl: z.number().positive('must be above 0').max(1e9),
  /** Follow-up visits and registry reports are listed from this many days before their due date. */
  followUpLeadDays: z.number().int().min(0).max(180, 'at most 180 days'),
  /** Primary graft failure day by graft source (clinical-standards §4.3: ASTCT 2021 D+30 PBSC/marrow, D+42 cord; EBMT 2019 D+28/D+42). */
  graftFailureDays: z.object({
    pbsc: z.number().int().min(14, 'at least D+14').max(100, 'at most D+100'),
    'bone-marrow': z.number().int().min(14, 'at least D+14').max(100, 'at most D+100'),
    'cord-blood': z.number().int().min(14, 'at least D+14').max(100, 'at most D+100'),
  }),
  /** A lineage's donor chimerism that falls by at least this many percentage points is flagged ([VERIFY]: no published threshold, §4.4). */
  chimerismDropPoints: z.number().positive('must be above 0').max(100, 'at most 100 points'),
  /** How many of the most recent chimerism results of a lineage the trend compares. */
  chimerismTrendResults: z.number().int().min(2, 'at least 2 results').max(20, 'at most 20 results'),
});
export type MonitoringSettings = z.infer<typeof MonitoringSettingsSchema>;

export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = {
  crsIcansWindowDays: 14,
  labIntervalDays: 2,
  cmvThresholdIuMl: 1000,
  followUpLeadDays: 14,
  // clinical-standards §4.3: "default to the ASTCT 2021 values".
  graftFailureDays: { ...GRAFT_FAILURE_DAYS['astct-2021'] },
  chimerismDropPoints: DEFAULT_CHIMERISM_TREND.dropPoints,
  chimerismTrendResults: DEFAULT_CHIMERISM_TREND.results,
};

/** Stored settings merged over the defaults (a setting added later takes its default until a centre sets it). */
export function monitoringSettingsFrom(stored: unknown): MonitoringSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<MonitoringSettings>;
  const merged = { ...DEFAULT_MONITORING_SETTINGS, ...s, graftFailureDays: { ...DEFAULT_MONITORING_SETTINGS.graftFailureDays, ...(s.graftFailureDays ?? {}) } };
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
 * The graft source of an episode from its HPC products (clinical-standards §4.3: the graft-failure day depends
 * on it): cord blood if any cord unit, else marrow if only marrow, else peripheral blood stem cells; null when
 * no HPC product is recorded (the caller keeps its previous behaviour). Discarded products do not count.
 */
export function graftSourceOfProducts(products: readonly { kind: ProductKind; status: ProductStatus }[]): GraftSource | null {
  const kinds = new Set(products.filter((p) => p.status !== 'discarded').map((p) => p.kind));
  if (kinds.has('hpc-cord')) return 'cord-blood';
  if (kinds.has('hpc-apheresis')) return 'pbsc';
  if (kinds.has('hpc-marrow')) return 'bone-marrow';
  return null;
}

/** The graft-failure rule's options for the centre's days: a named definition when they match one, else custom. */
export function graftFailureOptionsOf(days: MonitoringSettings['graftFailureDays']) {
  const same = (t: Record<string, number>) => t.pbsc === days.pbsc && t['bone-marrow'] === days['bone-marrow'] && t['cord-blood'] === days['cord-blood'];
  if (same(GRAFT_FAILURE_DAYS['astct-2021'])) return { definition: 'astct-2021' as const };
  if (same(GRAFT_FAILURE_DAYS['ebmt-2019'])) return { definition: 'ebmt-2019' as const };
  return { definition: 'custom' as const, customDays: days };
}
