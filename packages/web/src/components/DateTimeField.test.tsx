import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../theme';
import { DateTimeField } from './DateTimeField';

const wrap = (ui: React.ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);

describe('DateTimeField', () => {
  it('spells the typed date and time out under the field, as typed, whatever the browser’s locale order', () => {
    wrap(<DateTimeField label="Time" value="2026-12-07T06:59" onChange={() => {}} description="local time" />);
    const input = screen.getByLabelText('Time');
    expect(input.getAttribute('type')).toBe('datetime-local');
    expect(screen.getByText('7 Dec 2026 06:59 · local time')).toBeTruthy();
  });

  it('says nothing more while the value is incomplete', () => {
    wrap(<DateTimeField label="Time" value="" onChange={() => {}} />);
    expect(screen.queryByText(/Dec|2026/)).toBeNull();
  });
});
