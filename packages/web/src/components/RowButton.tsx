// A small button acting on one row of a table. Every row shows the same text ("Edit", "Delete"), so the
// accessible name (`label`) must say which row it acts on; `danger` marks the one that removes the row.
import { Button } from '@mantine/core';
import type { ReactNode } from 'react';

export function RowButton({
  label,
  onClick,
  danger = false,
  primary = false,
  children,
}: {
  label: string;
  onClick: () => void;
  danger?: boolean;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <Button
      size="compact-xs"
      variant={primary ? 'light' : 'subtle'}
      color={danger ? 'red' : undefined}
      onClick={onClick}
      aria-label={label}
    >
      {children}
    </Button>
  );
}
