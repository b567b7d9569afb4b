// The monitoring section's requests (ADR 0021: one hook per endpoint, query keys per feature). Every write
// refreshes the episode's monitoring answer, from which the server derives engraftment, grades and alerts.
import {
  AgvhdResultSchema,
  CgvhdResultSchema,
  ClinicalEventSchema,
  type Confirmation,
  CrsIcansResultSchema,
  LabImportReportSchema,
  type MonitoringSeriesPoint,
  type MonitoringView,
  MonitoringViewSchema,
  NoContentSchema,
  ObservationSchema,
  TransfusionRecordSchema,
  TransfusionViewSchema,
} from '@engraft/domain';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { type SubmitOptions, useSubmit } from '../../data/useSubmit';

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

export const monitoringKeys = {
  all: ['monitoring'] as const,
  episode: (episodeId: string) => ['monitoring', episodeId] as const,
};

export function useMonitoring(episodeId: string) {
  return useApiQuery(monitoringKeys.episode(episodeId), `/episodes/${episodeId}/monitoring`, MonitoringViewSchema);
}

/** Per-field messages of a refused write go to the form (a Mantine form's setErrors). */
type Extra = Pick<SubmitOptions<unknown, unknown>, 'onFieldErrors'>;
/**
 * A write of the monitoring section: refreshes every monitoring answer (a result may belong to several episodes).
 * The form tells the user what was saved from the answer `submit` resolves to.
 */
function useMonitoringWrite<V, T>(send: (v: V) => Promise<T>, extra: Extra) {
  return useSubmit<V, T>({ send, invalidate: [monitoringKeys.all], ...extra });
}

/** Sends with confirmations of implausible values (useConfirmations' withConfirmations). */
export type WithConfirmations = <T>(submit: (c: Confirmation[]) => Promise<T>) => Promise<T | null>;

export function useAddObservation(patientId: string, wc: WithConfirmations, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: object) =>
      wc((confirmations) =>
        apiSend('POST', `/patients/${patientId}/observations`, { ...body, confirmations }, ObservationSchema)
      ),
    extra
  );
}

export function useAddTransfusion(patientId: string, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: object) => apiSend('POST', `/patients/${patientId}/transfusions`, body, TransfusionViewSchema),
    extra
  );
}

export function useImportLabs(patientId: string, wc: WithConfirmations, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: { format: 'csv' | 'fhir'; content: string }) =>
      wc((confirmations) =>
        apiSend('POST', `/patients/${patientId}/labs/import`, { ...body, confirmations }, LabImportReportSchema)
      ),
    extra
  );
}

export function useRecordCrsIcans(episodeId: string, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: object) => apiSend('POST', `/episodes/${episodeId}/assessments/crs-icans`, body, CrsIcansResultSchema),
    extra
  );
}

export function useRecordAgvhd(episodeId: string, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: object) => apiSend('POST', `/episodes/${episodeId}/assessments/agvhd`, body, AgvhdResultSchema),
    extra
  );
}

export function useRecordCgvhd(episodeId: string, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: object) => apiSend('POST', `/episodes/${episodeId}/assessments/cgvhd`, body, CgvhdResultSchema),
    extra
  );
}

export function useRecordClinicalEvent(episodeId: string, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: object) => apiSend('POST', `/episodes/${episodeId}/clinical-events`, body, ClinicalEventSchema),
    extra
  );
}

export function useCorrectObservation(id: string, wc: WithConfirmations, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: object) =>
      wc((confirmations) => apiSend('PUT', `/observations/${id}`, { ...body, confirmations }, ObservationSchema)),
    extra
  );
}

export function useCorrectTransfusion(id: string, extra: Extra = {}) {
  return useMonitoringWrite(
    (body: object) => apiSend('PUT', `/transfusions/${id}`, body, TransfusionRecordSchema),
    extra
  );
}

export function useDeleteEntry(row: { kind: 'observation' | 'transfusion'; id: string }, extra: Extra = {}) {
  const path = row.kind === 'transfusion' ? `/transfusions/${row.id}` : `/observations/${row.id}`;
  return useMonitoringWrite((body: { reason: string }) => apiSend('DELETE', path, body, NoContentSchema), extra);
}
