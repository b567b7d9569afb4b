// The outcomes page's request (ADR 0021: one hook per endpoint). The previous figure stays on screen, dimmed,
// while the curves of a new choice are computed (keepPreviousData), so the page does not jump.
import { OutcomesResultSchema } from '@engraft/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api';

export const outcomesKeys = {
  all: ['outcomes'] as const,
  /** `search` is the API query string built from the page's address (endpoint, grouping, cohort filters). */
  analysis: (search: string) => ['outcomes', search] as const,
};

/** The curves for `search`, with the search they answer (the one shown may be the previous one while loading). */
export function useOutcomes(search: string, enabled: boolean) {
  return useQuery({
    queryKey: outcomesKeys.analysis(search),
    queryFn: async ({ signal }) => ({
      search,
      data: await apiGet(`/outcomes?${search}`, OutcomesResultSchema, { signal }),
    }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
