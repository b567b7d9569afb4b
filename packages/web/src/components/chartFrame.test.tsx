import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../theme';
import { ChartFrame } from './chartFrame';
import { GradeChart } from './monitoring/GradeChart';
import { SeriesChart } from './monitoring/charts';

const wrap = (ui: React.ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);

describe('ChartFrame (the frame of every chart)', () => {
  it('names the drawing by its title, describes it in words, and shows the footer under it', () => {
    wrap(
      <ChartFrame
        measureRef={null}
        width={500}
        height={120}
        title="A chart"
        desc="Two points."
        testId="c"
        footer="legend"
      >
        <circle cx={1} cy={1} r={1} />
      </ChartFrame>
    );
    const img = screen.getByRole('img', { name: 'A chart Two points.' });
    expect(img.getAttribute('data-testid')).toBe('c');
    expect(img.getAttribute('width')).toBe('500');
    expect(img.getAttribute('viewBox')).toBe('0 0 500 120');
    expect(screen.getByText('legend')).toBeTruthy();
  });

  it('gives a series chart its heading with the unit, and a description of the latest value and threshold', () => {
    wrap(
      <SeriesChart
        title="ANC (neutrophils)"
        unit="×10⁹/L"
        points={[
          { day: 10, value: 0.2, date: '2026-08-18' },
          { day: 14, value: 0.6, date: '2026-08-22' },
        ]}
        domain={[0, 30]}
        todayDay={20}
        color="blue"
        threshold={{ value: 0.5, label: 'ANC 0.5' }}
        testId="anc-chart"
      />
    );
    const img = screen.getByTestId('anc-chart');
    expect(img.getAttribute('role')).toBe('img');
    expect(img.querySelector('desc')?.textContent).toBe(
      'ANC (neutrophils) in ×10⁹/L, D0 to D+30: 2 results, latest 0.6 on D+14. Threshold 0.5 ×10⁹/L.'
    );
    expect(img.querySelector('text')?.textContent).toBe('ANC (neutrophils) (×10⁹/L)');
  });

  it('gives a grade chart its heading without a unit and says when nothing is assessed', () => {
    wrap(<GradeChart title="CRS grade by day" days={[]} domain={[0, 30]} todayDay={5} testId="crs" />);
    const img = screen.getByTestId('crs');
    expect(img.querySelector('title')?.textContent).toBe('CRS grade by day');
    expect(img.querySelector('desc')?.textContent).toBe('CRS grade by day: no assessments yet.');
    expect(img.querySelector('text')?.textContent).toBe('CRS grade by day');
  });
});
