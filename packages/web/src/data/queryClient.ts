// The data layer's cache (ADR 0021): one QueryClient for the app. Clinical data is never shown from a stale
// cache without a refetch: answers are stale at once and refetched when the page regains focus; a 4xx is not
// retried (it will not change), a network failure is retried once.
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api';

export function createQueryClient(opts: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        refetchOnWindowFocus: true,
        retry: (count, error) =>
          opts.retry !== false && count < 1 && !(error instanceof ApiError && error.status >= 400),
      },
      mutations: { retry: false },
    },
  });
}
