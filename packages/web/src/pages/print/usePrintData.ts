import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { apiGet, errorMessage } from '../../api';

/** Loads what a printable sheet shows (one GET, parsed by its shared schema). */
export function usePrintData<S extends z.ZodType>(
  path: string,
  schema: S
): { data: z.output<S> | null; error: string | null } {
  const [data, setData] = useState<z.output<S> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    apiGet(path, schema, { signal: ctrl.signal }).then(setData, (e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(errorMessage(e));
    });
    return () => ctrl.abort();
  }, [path, schema]);
  return { data, error };
}
