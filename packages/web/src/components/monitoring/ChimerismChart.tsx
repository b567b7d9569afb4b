// Chimerism after allogeneic HCT: percent donor against day, one line per lineage, drawn over the category bands
// of @engraft/clinical's chimerism rule (ASTCT 2021; Kharfan-Dabaja MA et al., Transplant Cell Ther 2021;27:642).
import { formatDay } from '@engraft/clinical';
import { ChartFrame, ChartHeading, useChartWidth } from '../chartFrame';
import type { SeriesPoint } from './api';
import { DayAxis, TodayLine, ValueGrid } from './charts';
import { FULL_ABOVE, LOSS_BELOW, styleOf, lineageLabel } from './chimerismStyle';

export function ChimerismChart({
  points,
  todayDay,
  testId,
}: {
  points: SeriesPoint[];
  todayDay: number;
  testId?: string;
}) {
  const { ref, width } = useChartWidth();
  const height = 250;
  const left = 52;
  const right = 96;
  const top = 26;
  const bottom = 40;
  const plotH = height - top - bottom;
  const days = points.map((p) => p.day);
  const lo = Math.min(0, ...days);
  const hi = Math.max(30, ...days, Math.min(todayDay, Math.max(...days, 30) + 14));
  const x = (d: number) => left + ((d - lo) / Math.max(1, hi - lo)) * (width - left - right);
  // The y axis starts at 50% (or 25%) while every value is well above it, so the full-donor band stays readable.
  const minValue = Math.min(100, ...points.map((p) => p.value));
  const floor = minValue >= 60 ? 50 : minValue >= 35 ? 25 : 0;
  const y = (v: number) => top + plotH - ((Math.max(v, floor) - floor) / (100 - floor)) * plotH;
  const yStep = floor === 50 ? 10 : 25;
  const yTicks = Array.from({ length: (100 - floor) / yStep + 1 }, (_, i) => floor + yStep * i);
  const axisY = top + plotH;
  const byLineage = new Map<string, SeriesPoint[]>();
  for (const p of [...points].sort((a, b) => a.day - b.day)) {
    if (!p.lineage) continue;
    const list = byLineage.get(p.lineage);
    if (list) list.push(p);
    else byLineage.set(p.lineage, [p]);
  }
  const lineages = [...byLineage.keys()];
  const desc =
    `Donor chimerism in percent by lineage, ${formatDay(lo)} to ${formatDay(hi)}. Bands: full donor above ${FULL_ABOVE}%, mixed ${LOSS_BELOW} to ${FULL_ABOVE}%, loss of graft below ${LOSS_BELOW}%. ` +
    lineages
      .map(
        (l) =>
          `${lineageLabel(l)}: ${byLineage
            .get(l)!
            .map((p) => `${formatDay(p.day)} ${p.value}%`)
            .join(', ')}`
      )
      .join('. ') +
    '.';
  const bands = [
    {
      from: FULL_ABOVE,
      to: 100,
      fill: 'var(--mantine-color-teal-0)',
      label: `Full donor >${FULL_ABOVE}%`,
      text: 'var(--mantine-color-teal-9)',
    },
    {
      from: LOSS_BELOW,
      to: FULL_ABOVE,
      fill: 'var(--mantine-color-yellow-0)',
      label: `Mixed ${LOSS_BELOW}–${FULL_ABOVE}%`,
      text: 'var(--mantine-color-yellow-9)',
    },
    {
      from: 0,
      to: LOSS_BELOW,
      fill: 'var(--mantine-color-red-0)',
      label: `Loss of graft <${LOSS_BELOW}%`,
      text: 'var(--mantine-color-red-9)',
    },
  ].filter((b) => b.to > floor);
  // Legend labels at the right end of each line, nudged apart so they do not overlap.
  const ends = lineages.map((l) => ({ l, y: y(byLineage.get(l)!.at(-1)!.value) })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) if (ends[i]!.y - ends[i - 1]!.y < 13) ends[i]!.y = ends[i - 1]!.y + 13;

  return (
    <ChartFrame
      measureRef={ref}
      width={width}
      height={height}
      title={'Donor chimerism by lineage'}
      desc={desc}
      testId={testId}
    >
      <ChartHeading title="Donor chimerism by lineage" unit="% donor" />
      {bands.map((b) => (
        <g key={b.label}>
          <rect
            x={left}
            y={y(b.to)}
            width={width - left - right}
            height={y(Math.max(b.from, floor)) - y(b.to)}
            fill={b.fill}
          />
          <text
            x={left + 6}
            y={b.from === 0 ? y(b.to) - 3 : y(b.to) + 12}
            fontSize={10.5}
            fill={b.text}
            fontWeight={700}
            stroke="white"
            strokeWidth={3}
            paintOrder="stroke"
          >
            {b.label}
          </text>
        </g>
      ))}
      <ValueGrid
        values={yTicks}
        y={y}
        x1={left}
        x2={width - right}
        label={(t) => `${t}%`}
        stroke={() => 'var(--mantine-color-gray-3)'}
        strokeWidth={0.8}
      />
      {[FULL_ABOVE, LOSS_BELOW]
        .filter((t) => t > floor)
        .map((t) => (
          <line
            key={t}
            x1={left}
            x2={width - right}
            y1={y(t)}
            y2={y(t)}
            stroke="var(--mantine-color-gray-6)"
            strokeDasharray="5 3"
          />
        ))}
      <DayAxis x={x} lo={lo} hi={hi} x1={left} x2={width - right} axisY={axisY} labelOffset={20} />
      <TodayLine x={x} todayDay={todayDay} lo={lo} hi={hi} y1={top} y2={axisY} />
      {lineages.map((l) => {
        const st = styleOf(l);
        const pts = byLineage.get(l)!;
        const path = pts
          .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`)
          .join(' ');
        const end = ends.find((e) => e.l === l)!;
        const last = pts.at(-1)!;
        return (
          <g key={l} data-lineage={l}>
            <path d={path} fill="none" stroke={st.color} strokeWidth={2.2} strokeDasharray={st.dash} />
            {pts.map((p) => (
              <circle key={p.id} cx={x(p.day)} cy={y(p.value)} r={3.5} fill={st.color}>
                <title>{`${st.label} ${formatDay(p.day)} (${p.date}): ${p.value}% donor`}</title>
              </circle>
            ))}
            <line
              x1={x(last.day) + 5}
              x2={width - right + 6}
              y1={y(last.value)}
              y2={end.y}
              stroke={st.color}
              strokeWidth={0.6}
              strokeOpacity={0.6}
            />
            <text x={width - right + 9} y={end.y + 4} fontSize={11} fontWeight={700} fill={st.color}>
              {st.short}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
