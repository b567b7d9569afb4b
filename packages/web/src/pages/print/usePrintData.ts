import type { z } from 'zod';
import { errorMessage } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';

/** Loads what a printable sheet shows (one GET, parsed by its shared schema; ADR 0021). */
export function usePrintData<S extends z.ZodType>(
  path: string,
  schema: S
): { data: z.output<S> | null; error: string | null } {
  const query = useApiQuery(['print', path], path, schema);
  return { data: query.data ?? null, error: query.isError ? errorMessage(query.error) : null };
}
