// A striped table of records defined by its columns (header, cell, cell props), scrolling sideways on a narrow
// screen, with one dimmed row saying so when there is nothing to show. The history and list tables of the app.
import { Table, type TableProps, type TableTdProps, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Props of each cell of the column (monospace, bold, no wrap). */
  td?: Omit<TableTdProps, 'children'>;
}

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  empty,
  minWidth,
  ...table
}: {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  /** Said in the table when there are no rows; without it an empty table shows its headers only. */
  empty?: string;
  minWidth: number;
} & Omit<TableProps, 'children' | 'data' | 'striped'>) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped {...table}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i} scope="col">
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && empty && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text c="dimmed" fz="sm">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row, r) => (
            <Table.Tr key={rowKey(row, r)}>
              {columns.map((c, i) => (
                <Table.Td key={i} {...c.td}>
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
