import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../theme';
import { type Column, DataTable } from './DataTable';

interface Row {
  id: string;
  day: number;
  what: string;
}
const columns: Column<Row>[] = [
  { header: 'Day', cell: (r) => `D+${r.day}`, td: { ff: 'monospace' } },
  { header: 'Event', cell: (r) => r.what },
];
const wrap = (ui: React.ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);

describe('DataTable (the history and list tables)', () => {
  it('shows one row per record with its cells in the columns’ order, headers scoped to the columns', () => {
    wrap(
      <DataTable
        aria-label="Events"
        minWidth={300}
        columns={columns}
        rows={[
          { id: 'a', day: 0, what: 'Infusion' },
          { id: 'b', day: 14, what: 'Engraftment' },
        ]}
        rowKey={(r) => r.id}
        empty="No events yet."
      />
    );
    const table = screen.getByRole('table', { name: 'Events' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Day', 'Event']);
    expect(headers.every((h) => h.getAttribute('scope') === 'col')).toBe(true);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent)
      )
    ).toEqual([
      ['D+0', 'Infusion'],
      ['D+14', 'Engraftment'],
    ]);
    expect(screen.queryByText('No events yet.')).toBeNull();
  });

  it('says so in one row across all columns when there is nothing to show', () => {
    wrap(
      <DataTable
        aria-label="Events"
        minWidth={300}
        columns={columns}
        rows={[]}
        rowKey={(r) => r.id}
        empty="No events yet."
      />
    );
    const cell = screen.getByText('No events yet.').closest('td');
    expect(cell?.getAttribute('colspan')).toBe('2');
  });

  it('shows only the headers of an empty table without an empty text', () => {
    wrap(<DataTable aria-label="Events" minWidth={300} columns={columns} rows={[]} rowKey={(r) => r.id} />);
    expect(within(screen.getByRole('table', { name: 'Events' })).getAllByRole('row')).toHaveLength(1);
  });
});
