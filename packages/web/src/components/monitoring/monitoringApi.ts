// Who may write what on the monitoring section; the answer types are @engraft/domain's (views/monitoring.ts).
import type { MonitoringSeriesPoint, MonitoringView } from '@engraft/domain';

export type MonitoringSummary = MonitoringView;
export type SeriesPoint = MonitoringSeriesPoint;

export const CELL_THERAPY_TYPES = ['car-t', 'other-cell-therapy'];

/**
 * What a NumericField holds, for a request body: the number typed, the raw text when it is not a number (sent
 * as typed, so the schema refuses it naming the field), or undefined when empty. Never "not given" for bad text.
 */
export function typedForBody(v: number | string): number | string | undefined {
  return v === '' ? undefined : v;
}
