// Where everything of the outcome figure goes for a given width: margins, legend rows, the plot box, the axes,
// the numbers-at-risk rows and the note; and the text description screen readers get. Pure, so it is tested
// without drawing.
import {
  formatEstimate,
  formatMedian,
  formatTest,
  type OutcomesResult,
  timeAxis,
  type TimeUnit,
  valueAt,
} from './curves';
import { CHAR, PLOT_HEIGHT, ROW } from './plotStyle';

/** Group names longer than this are truncated with an ellipsis (the full name is in a tooltip and the table). */
export const MAX_LABEL_CHARS = 26;

export const truncateLabel = (s: string): string =>
  s.length > MAX_LABEL_CHARS ? `${s.slice(0, Math.max(1, MAX_LABEL_CHARS - 1))}…` : s;

export interface LegendItem {
  i: number;
  text: string;
  w: number;
}

export function plotLayout(result: OutcomesResult, unit: TimeUnit, width: number) {
  const { groups, endpoint } = result;
  const survival = endpoint.estimator === 'survival';
  // Left margin: room for the y axis, and for the group names of the at-risk rows (truncated beyond ~190 px).
  const longest = Math.min(MAX_LABEL_CHARS, Math.max(...groups.map((g) => g.name.length), 0));
  const left = Math.max(70, longest * CHAR + 30 + 8);
  const plotW = width - left - 24;

  const legendRows = wrapLegend(
    groups.map((g, i) => {
      const text = `${g.name} (n = ${g.n}, ${g.events} event${g.events === 1 ? '' : 's'})`;
      return { i, text, w: 30 + text.length * CHAR + 18 };
    }),
    width - 16
  );
  const titleY = 20;
  const subtitleY = 38;
  const legendY = subtitleY + 24;
  const top = legendY + legendRows.length * ROW + 10;
  const bottom = top + PLOT_HEIGHT;
  const xAxisTitleY = bottom + 40;
  const riskHeaderY = xAxisTitleY + 28;
  const riskY0 = riskHeaderY + ROW + 2;
  const noteY = riskY0 + groups.length * ROW + 12;

  const maxDays = Math.max(1, ...groups.map((g) => g.points.at(-1)?.time ?? 0));
  const axis = timeAxis(maxDays, unit, plotW);
  const x = (d: number) => left + (d / axis.end) * plotW;
  const y = (v: number) => bottom - v * PLOT_HEIGHT;
  return {
    survival,
    left,
    plotW,
    legendRows,
    titleY,
    subtitleY,
    legendY,
    top,
    bottom,
    xAxisTitleY,
    riskHeaderY,
    riskY0,
    noteY,
    height: noteY + 10,
    maxDays,
    axis,
    x,
    y,
    yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    unitLabel: unit === 'months' ? 'Months from day 0 (infusion)' : 'Days from day 0 (infusion)',
    yLabel: !survival
      ? 'Cumulative incidence (%)'
      : endpoint.label.length <= 36
        ? `${endpoint.label} (%)`
        : `${endpoint.name}, probability (%)`,
    testText: formatTest(result.test),
  };
}
export type PlotLayout = ReturnType<typeof plotLayout>;

/** Legend items in rows no wider than `maxW` (an item wider than a row gets a row of its own). */
export function wrapLegend(items: LegendItem[], maxW: number): LegendItem[][] {
  const rows: LegendItem[][] = [[]];
  let lineW = 0;
  for (const item of items) {
    const current = rows.at(-1)!;
    if (current.length && lineW + item.w > maxW) {
      rows.push([item]);
      lineW = item.w;
    } else {
      current.push(item);
      lineW += item.w;
    }
  }
  return rows;
}

/** What the figure shows, in words: per group its size, events, median and 1-year estimate, then the test. */
export function figureDescription(result: OutcomesResult, unit: TimeUnit, subtitle: string): string {
  const { groups, endpoint } = result;
  const survival = endpoint.estimator === 'survival';
  const testText = formatTest(result.test);
  return (
    `${survival ? 'Kaplan–Meier' : 'Cumulative incidence (Aalen–Johansen)'} curves of ${endpoint.label.toLowerCase()}, ${subtitle}. ` +
    groups
      .map((g) => {
        const oneYear = valueAt(g.points, 365, endpoint.estimator);
        return `${g.name}: ${g.n} patients, ${g.events} events${survival ? `, median ${formatMedian(g, unit)}` : ''}, at 1 year ${formatEstimate(oneYear)}.`;
      })
      .join(' ') +
    (testText ? ` ${testText}.` : '') +
    ' Numbers at risk are listed in the table below the figure.'
  );
}
