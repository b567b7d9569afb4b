import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../../theme';
import { Panel } from './Panel';

const wrap = (ui: React.ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);

describe('Panel (one panel of the monitoring section)', () => {
  it('is a region named by its level-3 heading, with what it offers beside the heading', () => {
    wrap(
      <Panel id="p-counts" title="Blood counts" aside={<button type="button">All days</button>}>
        <p>content</p>
      </Panel>
    );
    const region = screen.getByRole('region', { name: 'Blood counts' });
    expect(screen.getByRole('heading', { level: 3, name: 'Blood counts' }).id).toBe('p-counts');
    expect(region.textContent).toContain('content');
    expect(region.querySelector('button')?.textContent).toBe('All days');
  });

  it('puts a panel inside another one heading level down, even with nothing beside its heading', () => {
    wrap(
      <Panel id="p-chim" title="Chimerism" sub aside={null}>
        <p>rows</p>
      </Panel>
    );
    expect(screen.getByRole('heading', { level: 4, name: 'Chimerism' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Chimerism' }).textContent).toContain('rows');
  });
});
