// The patient record's requests (ADR 0021: one hook per endpoint): the record the patient page shows, and the
// writes of its forms (register a patient, add a diagnosis, open an episode, change phase, reopen, record an
// event). Each write refreshes the record; registering one also the patient list.
import {
  type Confirmation,
  type EpisodePhaseChange,
  DiagnosisSchema,
  EpisodeEventSchema,
  EpisodeSchema,
  PatientRecordSchema,
  PatientSchema,
} from '@engraft/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { type SubmitOptions, useSubmit } from '../../data/useSubmit';

export const patientKeys = {
  all: ['patients'] as const,
  records: ['patients', 'record'] as const,
  record: (patientId: string) => ['patients', 'record', patientId] as const,
};

export function usePatientRecord(patientId: string) {
  return useApiQuery(patientKeys.record(patientId), `/patients/${patientId}`, PatientRecordSchema);
}

/** Reads the record again (after a write of a section that does not go through these hooks). */
export function useReloadPatientRecord(patientId: string) {
  const client = useQueryClient();
  return useCallback(
    () => void client.invalidateQueries({ queryKey: patientKeys.record(patientId) }),
    [client, patientId]
  );
}

/** Per-field messages of a refused write go to the form (a Mantine form's setErrors). */
type Extra = Pick<SubmitOptions<unknown, unknown>, 'onFieldErrors'>;
/** Sends with confirmations of implausible values (useConfirmations' withConfirmations). */
export type WithConfirmations = <T>(submit: (c: Confirmation[]) => Promise<T>) => Promise<T | null>;

/** Registering a patient; a weight or height outside the usual range is confirmed with a reason. */
export function useRegisterPatient(wc: WithConfirmations, extra: Extra = {}) {
  return useSubmit({
    send: (body: object) =>
      wc((confirmations) => apiSend('POST', '/patients', { ...body, confirmations }, PatientSchema)),
    invalidate: [patientKeys.all],
    ...extra,
  });
}

/**
 * A diagnosis of a patient: on the record, or the first one of a patient just registered (whose id is only known
 * once the registration answered, hence the id in the values). The patient's queries are read again.
 */
export function useAddDiagnosis(extra: Extra = {}) {
  return useSubmit({
    send: (v: { patientId: string; body: object }) =>
      apiSend('POST', `/patients/${v.patientId}/diagnoses`, v.body, DiagnosisSchema),
    invalidate: [patientKeys.all],
    ...extra,
  });
}

export function useOpenEpisode(patientId: string, extra: Extra = {}) {
  return useSubmit({
    send: (body: object) => apiSend('POST', `/patients/${patientId}/episodes`, body, EpisodeSchema),
    invalidate: [patientKeys.record(patientId)],
    ...extra,
  });
}

export function useChangePhase(episodeId: string, extra: Extra = {}) {
  return useSubmit({
    send: (body: EpisodePhaseChange) => apiSend('POST', `/episodes/${episodeId}/phase`, body, EpisodeSchema),
    invalidate: [patientKeys.records],
    ...extra,
  });
}

export function useReopenEpisode(episodeId: string) {
  return useSubmit({
    send: (body: Required<EpisodePhaseChange>) => apiSend('POST', `/episodes/${episodeId}/reopen`, body, EpisodeSchema),
    invalidate: [patientKeys.records],
  });
}

export function useRecordEvent(episodeId: string, extra: Extra = {}) {
  return useSubmit({
    send: (body: object) => apiSend('POST', `/episodes/${episodeId}/events`, body, EpisodeEventSchema),
    invalidate: [patientKeys.records],
    ...extra,
  });
}

/** The recipient's CMV IgG serostatus (PUT /patients/:id/cmv; audited before and after; ADR 0422). */
export function useSetPatientCmv(patientId: string, onSaved: () => void) {
  return useSubmit({
    send: (body: { cmv: string }) => apiSend('PUT', `/patients/${patientId}/cmv`, body, PatientSchema),
    invalidate: [patientKeys.record(patientId)],
    success: 'CMV serostatus saved.',
    onSaved,
  });
}
