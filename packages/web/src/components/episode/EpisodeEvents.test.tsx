import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../../theme';
import { EpisodeEvents } from './EpisodeEvents';

const event = (id: string, date: string, kind: string, label: string, recordedBy: string | null) => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  episodeId: '00000000-0000-4000-8000-0000000000e1',
  date,
  kind,
  label,
  recordedBy,
  createdAt: `${date}T08:00:00.000Z`,
});
const wrap = (ui: React.ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);

describe('The episode’s events table', () => {
  it('shows each event with its date, its day from day 0, its kind and who recorded it (system when no one)', () => {
    wrap(
      <EpisodeEvents
        dayZero="2026-03-10"
        events={[
          event('1', '2026-03-09', 'admission', 'Admitted to ward 5', 'nurse1'),
          event('2', '2026-03-10', 'phase', 'Infusion', null),
        ]}
      />
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    ).toEqual(['9 Mar 2026', 'D-1', 'Admission', 'Admitted to ward 5', 'nurse1']);
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    ).toEqual(['10 Mar 2026', 'D0', 'Phase change', 'Infusion', 'system']);
  });

  it('says when no event is recorded', () => {
    wrap(<EpisodeEvents dayZero="2026-03-10" events={[]} />);
    expect(screen.getByText('No events yet.')).toBeTruthy();
  });
});
