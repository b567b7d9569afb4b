import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { theme } from '../theme';
import { RowButton } from './RowButton';

const wrap = (ui: React.ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);

describe('RowButton (a per-row action)', () => {
  it('is named after its row, not its text, and acts when clicked', async () => {
    let clicked = 0;
    wrap(
      <>
        <RowButton label="Delete ANC of 2026-12-05" onClick={() => clicked++} danger>
          Delete
        </RowButton>
        <RowButton label="Delete ANC of 2026-12-06" onClick={() => {}} danger>
          Delete
        </RowButton>
      </>
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete ANC of 2026-12-05' }));
    expect(clicked).toBe(1);
    expect(screen.getAllByText('Delete')).toHaveLength(2);
  });

  it('is light when primary and subtle otherwise', () => {
    wrap(
      <>
        <RowButton label="Correct row 1" onClick={() => {}} primary>
          Correct
        </RowButton>
        <RowButton label="Edit row 1" onClick={() => {}}>
          Edit
        </RowButton>
      </>
    );
    expect(screen.getByRole('button', { name: 'Correct row 1' }).getAttribute('data-variant')).toBe('light');
    expect(screen.getByRole('button', { name: 'Edit row 1' }).getAttribute('data-variant')).toBe('subtle');
  });
});
