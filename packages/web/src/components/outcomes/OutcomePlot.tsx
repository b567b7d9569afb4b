// The outcome figure, drawn as one self-contained SVG so that "Download SVG/PNG" exports exactly what is on
// screen: title, legend, step curves with confidence bands and censor marks, axes, and the numbers at risk
// under the plot aligned with the time ticks. Colours and fonts are literal values (no CSS variables) so the
// exported file renders the same anywhere.
import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { type PointerEvent, type Ref, useId, useState } from 'react';
import { AtRiskRows, AtRiskTable } from './AtRisk';
import { bandPaths, type OutcomesResult, stepPath, type TimeUnit } from './curves';
import { HoverReadout } from './HoverReadout';
import { figureDescription, plotLayout } from './plotLayout';
import { FONT, GRID, groupColor, groupDash, MUTED, PLOT_HEIGHT, ROW, TEXT } from './plotStyle';

export { GROUP_COLORS, GROUP_DASHES, groupColor, groupDash } from './plotStyle';

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
  const layout = plotLayout(result, unit, width);
  const { survival, left, plotW, legendRows, titleY, subtitleY, legendY, top, bottom, xAxisTitleY, noteY } = layout;
  const { height, maxDays, axis, x, y, yTicks, unitLabel, yLabel, testText } = layout;
  const scale = { x, y };

  const onPointer = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.ownerSVGElement?.getBoundingClientRect();
    if (!box?.width) return;
    const px = (e.clientX - box.left) * (width / box.width);
    setHover(Math.round(Math.min(maxDays, Math.max(0, ((px - left) / plotW) * axis.end))));
  };

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
        <desc id={`${id}-desc`}>{figureDescription(result, unit, subtitle)}</desc>
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
        {hover != null && <HoverReadout result={result} layout={layout} unit={unit} day={hover} />}

        {/* Numbers at risk, one row per group, each number under its tick */}
        <AtRiskRows groups={groups} layout={layout} />

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
      <AtRiskTable groups={groups} layout={layout} unit={unit} />
    </Box>
  );
}
