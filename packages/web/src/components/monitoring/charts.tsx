// Plain-SVG charts for the monitoring section: a count series against day (threshold line, engraftment and
// transfusion markers) and the day axis shared with the grade and chimerism charts. Each chart is an image
// with a title and a text description; the same numbers are in the tables next to it.
import { formatDay } from '@engraft/clinical';
import { ChartFrame, ChartHeading, useChartWidth } from '../chartFrame';

const STEPS = [1, 2, 7, 14, 28, 56, 100, 182, 365];

/** Day ticks: D0 and multiples of a step chosen so that about 8-12 ticks fit. */
export function dayTicks(lo: number, hi: number, maxTicks = 12): number[] {
  const step = STEPS.find((s) => (hi - lo) / s <= maxTicks) ?? 365;
  const out: number[] = [];
  for (let d = Math.ceil(lo / step) * step; d <= hi; d += step) out.push(d);
  if (!out.includes(0) && lo <= 0 && hi >= 0) out.push(0);
  return out.sort((a, b) => a - b);
}

/**
 * The day axis under a chart: D-labels at `dayTicks`, D0 in bold; with `ticks`, also the axis line and a tick
 * mark at each label. Shared by the count, grade and chimerism charts.
 */
export function DayAxis(props: {
  x: (day: number) => number;
  lo: number;
  hi: number;
  x1: number;
  x2: number;
  axisY: number;
  labelOffset: number;
  maxTicks?: number;
  ticks?: boolean;
}) {
  const { x, lo, hi, x1, x2, axisY, labelOffset, maxTicks, ticks = true } = props;
  return (
    <>
      {ticks && <line x1={x1} x2={x2} y1={axisY} y2={axisY} stroke="var(--mantine-color-gray-6)" />}
      {dayTicks(lo, hi, maxTicks).map((d) => (
        <g key={d}>
          {ticks && <line x1={x(d)} x2={x(d)} y1={axisY} y2={axisY + 5} stroke="var(--mantine-color-gray-6)" />}
          <text
            x={x(d)}
            y={axisY + labelOffset}
            fontSize={11}
            textAnchor="middle"
            fill="var(--mantine-color-gray-8)"
            fontWeight={d === 0 ? 700 : 400}
          >
            {formatDay(d)}
          </text>
        </g>
      ))}
    </>
  );
}

/** Horizontal grid lines at `values`, each labelled left of the plot. Shared by the count, grade and chimerism charts. */
export function ValueGrid(props: {
  values: number[];
  y: (value: number) => number;
  x1: number;
  x2: number;
  label: (value: number) => string;
  /** The line's colour (default light grey). */
  stroke?: (value: number) => string;
  strokeWidth?: number;
}) {
  const { values, y, x1, x2, label, stroke, strokeWidth } = props;
  return values.map((v) => (
    <g key={v}>
      <line
        x1={x1}
        x2={x2}
        y1={y(v)}
        y2={y(v)}
        stroke={stroke?.(v) ?? 'var(--mantine-color-gray-2)'}
        strokeWidth={strokeWidth}
      />
      <text x={x1 - 6} y={y(v) + 4} fontSize={11} textAnchor="end" fill="var(--mantine-color-gray-7)">
        {label(v)}
      </text>
    </g>
  ));
}

/** Today as a dashed red line from the top of the plot to the axis, when today is among the days shown. */
export function TodayLine(props: {
  x: (day: number) => number;
  todayDay: number;
  lo: number;
  hi: number;
  y1: number;
  y2: number;
  /** Added to today's x (a bar chart's half bar). */
  dx?: number;
  /** Drawn with the line (a label). */
  children?: React.ReactNode;
}) {
  const { x, todayDay, lo, hi, y1, y2, dx = 0, children } = props;
  if (todayDay < lo || todayDay > hi) return null;
  const at = x(todayDay) + dx;
  return (
    <g>
      <line x1={at} x2={at} y1={y1} y2={y2} stroke="var(--mantine-color-red-7)" strokeDasharray="3 3" />
      {children}
    </g>
  );
}

/** A round step (1, 2, 2.5 or 5 x 10^k) giving about four intervals up to v. */
function niceStep(v: number): number {
  if (v <= 0) return 0.25;
  const raw = v / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function fmtValue(v: number): string {
  if (v >= 100) return String(Math.round(v));
  if (v >= 10) return String(Math.round(v * 10) / 10);
  return String(Math.round(v * 100) / 100);
}

export interface VMarker {
  day: number;
  label: string;
  color: string;
}

export interface SeriesChartProps {
  title: string;
  unit: string;
  points: { day: number; value: number; date: string }[];
  domain: [number, number];
  todayDay: number;
  color: string;
  threshold?: { value: number; label: string };
  markers?: VMarker[];
  /** Small triangles on the day axis (transfusions). */
  ticksBelow?: { day: number; label: string; color: string }[];
  height?: number;
  testId?: string;
}

export function SeriesChart({
  title,
  unit,
  points,
  domain,
  todayDay,
  color,
  threshold,
  markers = [],
  ticksBelow = [],
  height = 210,
  testId,
}: SeriesChartProps) {
  const { ref, width } = useChartWidth();
  const [lo, hi] = domain;
  const left = 52;
  const right = 18;
  const top = markers.length ? 26 + 15 * markers.length : 30;
  const bottom = 40;
  const plotH = height - top - bottom;
  const x = (d: number) => left + ((d - lo) / Math.max(1, hi - lo)) * (width - left - right);
  const step = niceStep(Math.max(0, ...points.map((p) => p.value), (threshold?.value ?? 0) * 3));
  const maxV =
    Math.ceil(Math.max(step, ...points.map((p) => p.value), (threshold?.value ?? 0) * 3) / step - 1e-9) * step;
  const y = (v: number) => top + plotH - (Math.min(v, maxV) / maxV) * plotH;
  const yTicks = Array.from({ length: Math.round(maxV / step) + 1 }, (_, i) => Number((i * step).toPrecision(6)));
  const sorted = [...points].sort((a, b) => a.day - b.day);
  const path = sorted.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const latest = sorted.at(-1);
  const desc =
    `${title} in ${unit}, ${formatDay(lo)} to ${formatDay(hi)}: ` +
    (latest
      ? `${sorted.length} result${sorted.length === 1 ? '' : 's'}, latest ${fmtValue(latest.value)} on ${formatDay(latest.day)}.`
      : 'no results yet.') +
    (threshold ? ` Threshold ${threshold.value} ${unit}.` : '') +
    (markers.length ? ` ${markers.map((m) => m.label).join('. ')}.` : '') +
    (ticksBelow.length
      ? ` ${ticksBelow.length} transfusion${ticksBelow.length === 1 ? '' : 's'}: ${ticksBelow.map((t) => formatDay(t.day)).join(', ')}.`
      : '');
  const axisY = top + plotH;

  return (
    <ChartFrame measureRef={ref} width={width} height={height} title={title} desc={desc} testId={testId}>
      <ChartHeading title={title} unit={unit} />
      {/* grid and y axis */}
      <ValueGrid values={yTicks} y={y} x1={left} x2={width - right} label={fmtValue} />
      {/* x axis */}
      <DayAxis x={x} lo={lo} hi={hi} x1={left} x2={width - right} axisY={axisY} labelOffset={30} />
      {/* today */}
      <TodayLine x={x} todayDay={todayDay} lo={lo} hi={hi} y1={top} y2={axisY}>
        <text
          x={x(todayDay) - 3}
          y={axisY - 4}
          fontSize={10.5}
          textAnchor="end"
          fill="var(--mantine-color-red-8)"
          stroke="white"
          strokeWidth={3}
          paintOrder="stroke"
        >
          today
        </text>
      </TodayLine>
      {/* threshold */}
      {threshold && (
        <g>
          <line
            x1={left}
            x2={width - right}
            y1={y(threshold.value)}
            y2={y(threshold.value)}
            stroke="var(--mantine-color-orange-7)"
            strokeDasharray="6 4"
            strokeWidth={1.5}
          />
          <text
            x={left + 4}
            y={y(threshold.value) - 4}
            fontSize={11}
            textAnchor="start"
            fill="var(--mantine-color-orange-9)"
            stroke="white"
            strokeWidth={3}
            paintOrder="stroke"
          >
            {threshold.label}
          </text>
        </g>
      )}
      {/* engraftment and other vertical markers */}
      {markers.map((m, i) => {
        const mx = x(m.day);
        const anchor = mx > width * 0.65 ? 'end' : 'start';
        const ly = 28 + i * 15;
        return (
          <g key={`${m.label}-${i}`}>
            <line x1={mx} x2={mx} y1={ly + 3} y2={axisY} stroke={m.color} strokeWidth={2} />
            <text
              x={anchor === 'start' ? mx + 4 : mx - 4}
              y={ly}
              fontSize={11.5}
              fontWeight={700}
              textAnchor={anchor}
              fill={m.color}
              stroke="white"
              strokeWidth={3}
              paintOrder="stroke"
            >
              {m.label}
            </text>
          </g>
        );
      })}
      {/* series */}
      <path d={path} fill="none" stroke={color} strokeWidth={2} />
      {sorted.map((p) => {
        const below = threshold != null && p.value < threshold.value;
        return (
          <circle
            key={`${p.date}-${p.day}`}
            cx={x(p.day)}
            cy={y(p.value)}
            r={3.5}
            fill={below ? 'white' : color}
            stroke={color}
            strokeWidth={1.5}
          >
            <title>{`${formatDay(p.day)} (${p.date}): ${fmtValue(p.value)} ${unit}`}</title>
          </circle>
        );
      })}
      {/* transfusions on the axis */}
      {ticksBelow.map((t, i) => (
        <path
          key={`${t.day}-${i}`}
          d={`M${x(t.day) - 5},${axisY + 8} L${x(t.day) + 5},${axisY + 8} L${x(t.day)},${axisY + 16} Z`}
          fill={t.color}
        >
          <title>{t.label}</title>
        </path>
      ))}
    </ChartFrame>
  );
}
