// The rows of the results log: every lab result and transfusion of the monitoring answer, newest first.
import { type Analyte, ANALYTES } from '@engraft/domain';
import type { MonitoringSummary } from './api';
import { formatUnit } from '../../format';
import { lineageLabel } from './chimerismStyle';

export const TRANSFUSION_LABEL: Record<string, string> = {
  platelets: 'Platelet transfusion',
  'red-cells': 'Red-cell transfusion',
};

export type LogRow =
  | {
      kind: 'observation';
      id: string;
      analyte: Analyte;
      date: string;
      day: number;
      value: number;
      unit: string;
      reportedValue: number;
      reportedUnit: string;
      lineage: string | null;
      correctedAt: string | null;
    }
  | { kind: 'transfusion'; id: string; product: string; date: string; day: number; correctedAt: string | null };

export const rowLabel = (r: LogRow): string =>
  r.kind === 'transfusion'
    ? (TRANSFUSION_LABEL[r.product] ?? r.product)
    : `${ANALYTES[r.analyte].label}${r.lineage ? ` (${lineageLabel(r.lineage)})` : ''}`;
export const rowValue = (r: LogRow): string =>
  r.kind === 'transfusion' ? 'given' : `${r.value} ${formatUnit(r.unit)}`;

export function logRowsOf(data: MonitoringSummary): LogRow[] {
  return [
    ...Object.entries(data.series).flatMap(([analyte, pts]) =>
      (pts ?? []).map((p) => ({
        kind: 'observation' as const,
        id: p.id,
        analyte: analyte as Analyte,
        date: p.date,
        day: p.day,
        value: p.value,
        unit: ANALYTES[analyte as Analyte]?.unit ?? '',
        reportedValue: p.reportedValue,
        reportedUnit: p.reportedUnit,
        lineage: p.lineage,
        correctedAt: p.correctedAt,
      }))
    ),
    ...data.transfusions.flatMap((t) =>
      t.id
        ? [
            {
              kind: 'transfusion' as const,
              id: t.id,
              product: t.product,
              date: t.date,
              day: t.day,
              correctedAt: t.correctedAt,
            },
          ]
        : []
    ),
  ].sort((a, b) => b.date.localeCompare(a.date) || rowLabel(a).localeCompare(rowLabel(b)));
}
