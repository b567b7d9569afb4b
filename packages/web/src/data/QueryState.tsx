// Loading, error and empty states of a query, written once (ADR 0021).
import { Alert, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../api';

export function QueryState<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T, Error>;
  /** What is loaded, for the loader's label and the error title ("the queue"). */
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loader aria-label={`Loading ${what}`} />;
  if (query.isError) {
    return (
      <Alert color="red" title={`Could not load ${what}`} role="alert">
        {errorMessage(query.error)}
      </Alert>
    );
  }
  if (isEmpty?.(query.data)) return <>{empty ?? <Text>Nothing yet.</Text>}</>;
  return <>{children(query.data)}</>;
}
