import {
  AntibodyTestListSchema,
  FamilyDonorsSchema,
  PatientRecordSchema,
  PedigreeSchema,
  SegregationReportSchema,
} from '@engraft/domain';
import { useCallback, useEffect, useState } from 'react';
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

/** Everything the family work-up page shows, read together; `reload` after each write. */
export function useFamilyData(patientId: string) {
  const [data, setData] = useState<FamilyData | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const ctrl = new AbortController();
    const opts = { signal: ctrl.signal };
    const base = `/patients/${patientId}/family`;
    (async () => {
      const record = await apiGet(`/patients/${patientId}`, PatientRecordSchema, opts);
      const allo = [...record.episodes]
        .filter(
          (e) => e.type === 'allogeneic-hct' || (e.type === 'other-cell-therapy' && e.cellOrigin === 'allogeneic')
        )
        .sort((a, b) => b.plannedDayZero.localeCompare(a.plannedDayZero));
      const episodeId = allo[0]?.id ?? null;
      const [pedigree, segregation, antibodies, donors] = await Promise.all([
        apiGet(base, PedigreeSchema, opts),
        apiGet(`${base}/segregation`, SegregationReportSchema, opts),
        apiGet(`${base}/antibodies`, AntibodyTestListSchema, opts),
        apiGet(`${base}/donors${episodeId ? `?episodeId=${episodeId}` : ''}`, FamilyDonorsSchema, opts),
      ]);
      setData({ record, pedigree, segregation, antibodies, donors, episodeId });
      setError(null);
    })().catch((e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError({ status: e instanceof ApiError ? e.status : 0, text: errorMessage(e) });
    });
    return () => ctrl.abort();
  }, [patientId, version]);

  return { data, error, reload };
}
