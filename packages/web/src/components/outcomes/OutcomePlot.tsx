// The outcome figure, drawn as one self-contained SVG so that "Download SVG/PNG" exports exactly what is on
// screen: title, legend, step curves with confidence bands and censor marks, axes, and the numbers at risk
// under the plot aligned with the time ticks. Colours and fonts are literal values (no CSS variables) so the
// exported file renders the same anywhere.
import { Box, VisuallyHidden } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { type PointerEvent, type Ref, useId, useState } from 'react';
import {
  bandPaths,
  formatEstimate,
  formatMedian,
  formatTest,
  formatTime,
  nRiskAt,
  type OutcomesResult,
  stepPath,
  timeAxis,
  type TimeUnit,
  valueAt,
} from './curves';

/** Okabe–Ito colours (distinguishable with common colour-vision deficiencies), then a few more. */
export const GROUP_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#8C564B',
  '#7F7F7F',
  '#A6A600',
];
/** Line patterns repeat with a different period than the colours so that every group differs in grayscale too. */
export const GROUP_DASHES = ['', '7 4', '2 3', '9 3 2 3'];
export const groupColor = (i: number): string => GROUP_COLORS[i % GROUP_COLORS.length] ?? '#000000';
export const groupDash = (i: number): string => GROUP_DASHES[i % GROUP_DASHES.length] ?? '';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const TEXT = '#212529';
const MUTED = '#495057';
const GRID = '#e9ecef';
const CHAR = 6.6; // average glyph width at 12px, for layout
const PLOT_HEIGHT = 300;
const ROW = 18;

export interface OutcomePlotProps {
  result: OutcomesResult;
  unit: TimeUnit;
  showBands: boolean;
  /** Figure title, e.g. "Overall survival (OS, definition v1)". */
  title: string;
  /** Second line: the cohort. */
  subtitle: string;
  svgRef?: Ref<SVGSVGElement>;
}

export function OutcomePlot({ result, unit, showBands, title, subtitle, svgRef }: OutcomePlotProps) {
  const { ref, width: measured } = useElementSize();
  const id = useId();
  const [hover, setHover] = useState<number | null>(null);
  const width = Math.max(560, Math.round(measured || 900));
  const { groups, endpoint } = result;
  const estimator = endpoint.estimator;
  const survival = estimator === 'survival';

  // Left margin: room for the y axis, and for the group names of the at-risk rows (truncated beyond ~190 px).
  const maxLabelChars = 26;
  const longest = Math.min(maxLabelChars, Math.max(...groups.map((g) => g.name.length), 0));
  const labelW = longest * CHAR + 30;
  const left = Math.max(70, labelW + 8);
  const right = 24;
  const plotW = width - left - right;

  // Legend above the plot, wrapped into rows.
  const legendItems = groups.map((g, i) => {
    const text = `${g.name} (n = ${g.n}, ${g.events} event${g.events === 1 ? '' : 's'})`;
    return { i, text, w: 30 + text.length * CHAR + 18 };
  });
  const legendRows: (typeof legendItems)[] = [[]];
  let lineW = 0;
  for (const item of legendItems) {
    const current = legendRows.at(-1)!;
    if (current.length && lineW + item.w > width - 16) {
      legendRows.push([item]);
      lineW = item.w;
    } else {
      current.push(item);
      lineW += item.w;
    }
  }
  const testText = formatTest(result.test);
  const titleY = 20;
  const subtitleY = 38;
  const legendY = subtitleY + 24;
  const top = legendY + legendRows.length * ROW + 10;
  const bottom = top + PLOT_HEIGHT;
  const xAxisTitleY = bottom + 40;
  const riskHeaderY = xAxisTitleY + 28;
  const riskY0 = riskHeaderY + ROW + 2;
  const noteY = riskY0 + groups.length * ROW + 12;
  const height = noteY + 10;

  const maxDays = Math.max(1, ...groups.map((g) => g.points.at(-1)?.time ?? 0));
  const axis = timeAxis(maxDays, unit, plotW);
  const x = (d: number) => left + (d / axis.end) * plotW;
  const y = (v: number) => bottom - v * PLOT_HEIGHT;
  const scale = { x, y };
  const yTicks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const unitLabel = unit === 'months' ? 'Months from day 0 (infusion)' : 'Days from day 0 (infusion)';
  const yLabel = !survival
    ? 'Cumulative incidence (%)'
    : endpoint.label.length <= 36
      ? `${endpoint.label} (%)`
      : `${endpoint.name}, probability (%)`;
  const truncate = (s: string) => (s.length > maxLabelChars ? `${s.slice(0, Math.max(1, maxLabelChars - 1))}…` : s);

  const onPointer = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.ownerSVGElement?.getBoundingClientRect();
    if (!box?.width) return;
    const px = (e.clientX - box.left) * (width / box.width);
    setHover(Math.round(Math.min(maxDays, Math.max(0, ((px - left) / plotW) * axis.end))));
  };
  const readout =
    hover == null
      ? null
      : {
          x: x(hover),
          lines: groups.map((g, i) => ({
            i,
            text: `${truncate(g.name)}: ${formatEstimate(valueAt(g.points, hover, estimator))}`,
          })),
        };
  const readoutW = readout ? Math.max(120, ...readout.lines.map((l) => l.text.length * 6.2 + 34)) : 0;
  const readoutH = readout ? 24 + readout.lines.length * 16 : 0;
  const readoutX = readout
    ? readout.x + 10 + readoutW > left + plotW
      ? readout.x - 10 - readoutW
      : readout.x + 10
    : 0;

  const desc =
    `${survival ? 'Kaplan–Meier' : 'Cumulative incidence (Aalen–Johansen)'} curves of ${endpoint.label.toLowerCase()}, ${subtitle}. ` +
    groups
      .map((g) => {
        const oneYear = valueAt(g.points, 365, estimator);
        return `${g.name}: ${g.n} patients, ${g.events} events${survival ? `, median ${formatMedian(g, unit)}` : ''}, at 1 year ${formatEstimate(oneYear)}.`;
      })
      .join(' ') +
    (testText ? ` ${testText}.` : '') +
    ' Numbers at risk are listed in the table below the figure.';

  return (
    <Box ref={ref} w="100%">
      <svg
        ref={svgRef}
        xmlns="http://www.w3.org/2000/svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        fontFamily={FONT}
        style={{ display: 'block', maxWidth: '100%', background: '#ffffff' }}
        data-testid="outcome-plot"
      >
        <title id={`${id}-title`}>{`${title}: ${subtitle}`}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <rect x={0} y={0} width={width} height={height} fill="#ffffff" />

        <text x={8} y={titleY} fontSize={15} fontWeight={700} fill={TEXT}>
          {title}
        </text>
        <text x={8} y={subtitleY} fontSize={12} fill={MUTED}>
          {subtitle}
          {testText ? ` · ${testText}` : ''}
        </text>

        {/* Legend */}
        <g data-testid="outcome-legend">
          {legendRows.map((row, r) => {
            let cx = 8;
            return row.map((item) => {
              const gx = cx;
              cx += item.w;
              const ly = legendY + r * ROW;
              return (
                <g key={item.i}>
                  <line
                    x1={gx}
                    x2={gx + 24}
                    y1={ly - 4}
                    y2={ly - 4}
                    stroke={groupColor(item.i)}
                    strokeWidth={2.5}
                    strokeDasharray={groupDash(item.i)}
                  />
                  <text x={gx + 30} y={ly} fontSize={12} fill={TEXT}>
                    {item.text}
                  </text>
                </g>
              );
            });
          })}
        </g>

        {/* Grid and y axis */}
        {yTicks.map((v) => (
          <g key={v}>
            <line
              x1={left}
              x2={left + plotW}
              y1={y(v)}
              y2={y(v)}
              stroke={v === 0.5 ? '#ced4da' : GRID}
              strokeDasharray={v === 0.5 ? '3 3' : undefined}
            />
            <text x={left - 8} y={y(v) + 4} fontSize={11} textAnchor="end" fill={MUTED}>
              {`${Math.round(v * 100)}%`}
            </text>
          </g>
        ))}
        <line x1={left} x2={left} y1={top} y2={bottom} stroke={MUTED} />
        <text
          x={0}
          y={0}
          fontSize={12}
          fill={TEXT}
          textAnchor="middle"
          transform={`translate(${left - 48} ${(top + bottom) / 2}) rotate(-90)`}
        >
          {yLabel}
        </text>

        {/* x axis */}
        <line x1={left} x2={left + plotW} y1={bottom} y2={bottom} stroke={MUTED} />
        <g data-testid="outcome-x-ticks">
          {axis.ticks.map((t) => (
            <g key={t.days}>
              <line x1={x(t.days)} x2={x(t.days)} y1={bottom} y2={bottom + 5} stroke={MUTED} />
              <text x={x(t.days)} y={bottom + 18} fontSize={11} textAnchor="middle" fill={MUTED}>
                {t.label}
              </text>
            </g>
          ))}
        </g>
        <text x={left + plotW / 2} y={xAxisTitleY} fontSize={12} textAnchor="middle" fill={TEXT}>
          {unitLabel}
        </text>

        {/* Confidence bands, then curves, then censor marks on top */}
        {showBands && (
          <g data-testid="outcome-bands">
            {groups.map((g, i) =>
              bandPaths(g.points, scale).map((d, k) => (
                <path key={`${i}-${k}`} d={d} fill={groupColor(i)} fillOpacity={0.13} stroke="none" />
              ))
            )}
          </g>
        )}
        {groups.map((g, i) => (
          <path
            key={g.name}
            d={stepPath(g.points, estimator, scale)}
            fill="none"
            stroke={groupColor(i)}
            strokeWidth={2.2}
            strokeDasharray={groupDash(i)}
            data-testid="outcome-curve"
            data-group={g.name}
          />
        ))}
        {groups.map((g, i) => (
          <g key={`censor-${g.name}`} stroke={groupColor(i)} strokeWidth={1.5}>
            {g.points
              .filter((p) => p.nCensor > 0)
              .map((p) => (
                <line key={p.time} x1={x(p.time)} x2={x(p.time)} y1={y(p.estimate) - 5} y2={y(p.estimate) + 5} />
              ))}
          </g>
        ))}

        {/* Hover readout: the estimate of every group at the pointed time (not exported) */}
        <rect
          x={left}
          y={top}
          width={plotW}
          height={PLOT_HEIGHT}
          fill="transparent"
          data-export="skip"
          onPointerMove={onPointer}
          onPointerDown={onPointer}
          onPointerLeave={() => setHover(null)}
        />
        {readout && hover != null && (
          <g data-export="skip" pointerEvents="none" data-testid="outcome-readout">
            <line x1={readout.x} x2={readout.x} y1={top} y2={bottom} stroke={MUTED} strokeDasharray="2 2" />
            <rect
              x={readoutX}
              y={top + 4}
              width={readoutW}
              height={readoutH}
              rx={4}
              fill="#ffffff"
              fillOpacity={0.94}
              stroke="#ced4da"
            />
            <text x={readoutX + 8} y={top + 20} fontSize={11.5} fontWeight={700} fill={TEXT}>
              {`${formatTime(hover, unit === 'months' ? 'months' : 'days')}${unit === 'months' ? ` (day ${hover})` : ''}`}
            </text>
            {readout.lines.map((l, k) => (
              <g key={l.i}>
                <line
                  x1={readoutX + 8}
                  x2={readoutX + 24}
                  y1={top + 33 + k * 16}
                  y2={top + 33 + k * 16}
                  stroke={groupColor(l.i)}
                  strokeWidth={2.5}
                  strokeDasharray={groupDash(l.i)}
                />
                <text x={readoutX + 30} y={top + 37 + k * 16} fontSize={11} fill={TEXT}>
                  {l.text}
                </text>
              </g>
            ))}
          </g>
        )}

        {/* Numbers at risk, one row per group, each number under its tick */}
        <text x={8} y={riskHeaderY} fontSize={12} fontWeight={700} fill={TEXT}>
          Number at risk
        </text>
        <g data-testid="outcome-at-risk">
          {groups.map((g, i) => {
            const ry = riskY0 + i * ROW;
            return (
              <g key={g.name} data-group={g.name}>
                <line
                  x1={8}
                  x2={24}
                  y1={ry - 4}
                  y2={ry - 4}
                  stroke={groupColor(i)}
                  strokeWidth={2.5}
                  strokeDasharray={groupDash(i)}
                />
                <text x={30} y={ry} fontSize={11.5} fill={TEXT}>
                  <title>{g.name}</title>
                  {truncate(g.name)}
                </text>
                {axis.ticks.map((t) => (
                  <text
                    key={t.days}
                    x={x(t.days)}
                    y={ry}
                    fontSize={11.5}
                    textAnchor="middle"
                    fill={TEXT}
                    data-testid="at-risk-value"
                  >
                    {nRiskAt(g.points, t.days)}
                  </text>
                ))}
              </g>
            );
          })}
        </g>

        <text x={8} y={noteY} fontSize={10.5} fill={MUTED}>
          {[
            survival ? 'Kaplan–Meier estimate' : 'Cumulative incidence (Aalen–Johansen), competing risks',
            showBands ? 'shaded: 95% pointwise confidence band' : null,
            'vertical ticks: censored',
            'Engraft',
          ]
            .filter(Boolean)
            .join(' · ')}
        </text>
      </svg>
      <VisuallyHidden>
        <table>
          <caption>Number at risk by {unit} from day 0</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              {axis.ticks.map((t) => (
                <th key={t.days} scope="col">{`${t.label} ${unit}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.name}>
                <th scope="row">{g.name}</th>
                {axis.ticks.map((t) => (
                  <td key={t.days}>{nRiskAt(g.points, t.days)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Box>
  );
}
