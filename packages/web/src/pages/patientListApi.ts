// The patient list's request (ADR 0021): one page of a search. The previous page stays on screen (dimmed) while
// the next one loads, as the list did before the data layer.
import { PatientListSchema } from '@engraft/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';

export const patientListKeys = {
  all: ['patients', 'list'] as const,
  page: (q: string, page: number, size: number) => ['patients', 'list', q, page, size] as const,
};

export function usePatientList(q: string, page: number, size: number) {
  const search = new URLSearchParams({ limit: String(size), offset: String((page - 1) * size) });
  if (q) search.set('q', q);
  return useQuery({
    queryKey: patientListKeys.page(q, page, size),
    queryFn: ({ signal }) => apiGet(`/patients?${search.toString()}`, PatientListSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}
