// The estimate of every group at the pointed time: a dashed line and a box drawn inside the plot (never exported).
import { formatEstimate, formatTime, type OutcomesResult, type TimeUnit, valueAt } from './curves';
import { type PlotLayout, truncateLabel } from './plotLayout';
import { groupColor, groupDash, MUTED, TEXT } from './plotStyle';

export function HoverReadout({
  result,
  layout,
  unit,
  day,
}: {
  result: OutcomesResult;
  layout: PlotLayout;
  unit: TimeUnit;
  day: number;
}) {
  const { x, left, plotW, top, bottom } = layout;
  const lines = result.groups.map((g, i) => ({
    i,
    text: `${truncateLabel(g.name)}: ${formatEstimate(valueAt(g.points, day, result.endpoint.estimator))}`,
  }));
  const at = x(day);
  const w = Math.max(120, ...lines.map((l) => l.text.length * 6.2 + 34));
  const h = 24 + lines.length * 16;
  // The box sits right of the line, or left of it where it would leave the plot.
  const bx = at + 10 + w > left + plotW ? at - 10 - w : at + 10;
  return (
    <g data-export="skip" pointerEvents="none" data-testid="outcome-readout">
      <line x1={at} x2={at} y1={top} y2={bottom} stroke={MUTED} strokeDasharray="2 2" />
      <rect x={bx} y={top + 4} width={w} height={h} rx={4} fill="#ffffff" fillOpacity={0.94} stroke="#ced4da" />
      <text x={bx + 8} y={top + 20} fontSize={11.5} fontWeight={700} fill={TEXT}>
        {`${formatTime(day, unit === 'months' ? 'months' : 'days')}${unit === 'months' ? ` (day ${day})` : ''}`}
      </text>
      {lines.map((l, k) => (
        <g key={l.i}>
          <line
            x1={bx + 8}
            x2={bx + 24}
            y1={top + 33 + k * 16}
            y2={top + 33 + k * 16}
            stroke={groupColor(l.i)}
            strokeWidth={2.5}
            strokeDasharray={groupDash(l.i)}
          />
          <text x={bx + 30} y={top + 37 + k * 16} fontSize={11} fill={TEXT}>
            {l.text}
          </text>
        </g>
      ))}
    </g>
  );
}
