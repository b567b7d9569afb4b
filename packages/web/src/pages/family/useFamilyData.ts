import {
  AntibodyTestListSchema,
  FamilyDonorsSchema,
  PatientRecordSchema,
  PedigreeSchema,
  SegregationReportSchema,
} from '@engraft/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import { ApiError, apiGet, errorMessage } from '../../api';

export interface FamilyData {
  record: z.output<typeof PatientRecordSchema>;
  pedigree: z.output<typeof PedigreeSchema>;
  segregation: z.output<typeof SegregationReportSchema>;
  antibodies: z.output<typeof AntibodyTestListSchema>;
  donors: z.output<typeof FamilyDonorsSchema>;
  /** The allogeneic episode a donor is chosen for (the newest one), or null. */
  episodeId: string | null;
}

export const familyDataKey = (patientId: string) => ['family', patientId] as const;

/** Reads the record (for the episode a donor is chosen for), then the pedigree, segregation, antibodies and ranking. */
async function readFamily(patientId: string, signal: AbortSignal): Promise<FamilyData> {
  const opts = { signal };
  const base = `/patients/${patientId}/family`;
  const record = await apiGet(`/patients/${patientId}`, PatientRecordSchema, opts);
  const allo = [...record.episodes]
    .filter((e) => e.type === 'allogeneic-hct' || (e.type === 'other-cell-therapy' && e.cellOrigin === 'allogeneic'))
    .sort((a, b) => b.plannedDayZero.localeCompare(a.plannedDayZero));
  const episodeId = allo[0]?.id ?? null;
  const [pedigree, segregation, antibodies, donors] = await Promise.all([
    apiGet(base, PedigreeSchema, opts),
    apiGet(`${base}/segregation`, SegregationReportSchema, opts),
    apiGet(`${base}/antibodies`, AntibodyTestListSchema, opts),
    apiGet(`${base}/donors${episodeId ? `?episodeId=${episodeId}` : ''}`, FamilyDonorsSchema, opts),
  ]);
  return { record, pedigree, segregation, antibodies, donors, episodeId };
}

/**
 * Everything the family work-up page shows, read together through the data layer (ADR 0021); `reload` after
 * each write re-reads it all (segregation, DSA and ranking all follow from any change).
 */
export function useFamilyData(patientId: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: familyDataKey(patientId),
    queryFn: ({ signal }) => readFamily(patientId, signal),
  });
  const reload = useCallback(
    () => void client.invalidateQueries({ queryKey: familyDataKey(patientId) }),
    [client, patientId]
  );
  const error = query.isError
    ? { status: query.error instanceof ApiError ? query.error.status : 0, text: errorMessage(query.error) }
    : null;
  return { data: query.data ?? null, error, reload };
}
