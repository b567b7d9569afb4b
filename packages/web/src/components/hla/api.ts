// The patient's HLA typing history, read through the data layer (ADR 0021) and typed by its @engraft/domain
// response schema. The key is the one the donor search page prefills from, so both read one cached answer.
import { PatientHlaTypingHistorySchema } from '@engraft/domain';
import { useApiQuery } from '../../data/useApiQuery';

export const patientHlaKey = (patientId: string) => ['patient-hla', patientId] as const;

export function usePatientHlaHistory(patientId: string) {
  return useApiQuery(patientHlaKey(patientId), `/patients/${patientId}/hla`, PatientHlaTypingHistorySchema);
}
