// One typed GET per query (ADR 0021): the key names what is read, the schema from @engraft/domain types (and, in
// development and test builds, checks) the answer. Feature hooks in pages/<feature>/api.ts are built on this.
import { type QueryKey, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet } from '../api';

export function useApiQuery<S extends z.ZodType>(
  key: QueryKey,
  path: string,
  schema: S,
  opts: { enabled?: boolean; refetchInterval?: number | false } = {}
): UseQueryResult<z.output<S>, Error> {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiGet(path, schema, { signal }),
    enabled: opts.enabled ?? true,
    refetchInterval: opts.refetchInterval ?? false,
  });
}
