// A grade-by-day bar chart (CRS, ICANS, acute and chronic GVHD) with the treatments given that day written
// above the bar. An image with a title and a text description; the same numbers are in the table next to it.
import { formatDay } from '@engraft/clinical';
import { ChartFrame, ChartHeading, useChartWidth } from '../chartFrame';
import { DayAxis, TodayLine, ValueGrid } from './charts';

export const GRADE_COLORS = [
  'var(--mantine-color-gray-4)',
  'var(--mantine-color-yellow-5)',
  'var(--mantine-color-orange-6)',
  'var(--mantine-color-red-7)',
  'var(--mantine-color-grape-9)',
];

export interface GradeChartProps {
  title: string;
  days: { day: number; grade: number; date: string; treatments?: string[] }[];
  domain: [number, number];
  todayDay: number;
  gradeLabel?: (g: number) => string;
  testId?: string;
}

/** Grade (0-4) by day as bars, with the treatments given that day written above the bar. */
export function GradeChart({ title, days, domain, todayDay, gradeLabel = (g) => `G${g}`, testId }: GradeChartProps) {
  const { ref, width } = useChartWidth();
  const [lo, hi] = domain;
  const left = 52;
  const right = 18;
  const hasTreatments = days.some((d) => d.treatments?.length);
  const top = 24 + (hasTreatments ? 30 : 0);
  const bottom = 28;
  const height = top + 4 * 26 + bottom;
  const plotH = height - top - bottom;
  const x = (d: number) => left + ((d - lo + 0.5) / Math.max(1, hi - lo + 1)) * (width - left - right);
  const dx = (width - left - right) / Math.max(1, hi - lo + 1);
  const barW = Math.max(4, Math.min(26, dx * 0.7));
  const y = (g: number) => top + plotH - (g / 4) * plotH;
  const axisY = top + plotH;
  const sorted = [...days].sort((a, b) => a.day - b.day);
  const desc = sorted.length
    ? `${title}: ${sorted.map((d) => `${formatDay(d.day)} ${gradeLabel(d.grade)}${d.treatments?.length ? ` (${d.treatments.join(', ')})` : ''}`).join('; ')}.`
    : `${title}: no assessments yet.`;
  return (
    <ChartFrame measureRef={ref} width={width} height={height} title={title} desc={desc} testId={testId}>
      <ChartHeading title={title} />
      <ValueGrid
        values={[0, 1, 2, 3, 4]}
        y={y}
        x1={left}
        x2={width - right}
        label={gradeLabel}
        stroke={(g) => (g === 0 ? 'var(--mantine-color-gray-6)' : 'var(--mantine-color-gray-2)')}
      />
      <DayAxis
        x={x}
        lo={lo}
        hi={hi}
        x1={left}
        x2={width - right}
        axisY={axisY}
        labelOffset={16}
        maxTicks={16}
        ticks={false}
      />
      <TodayLine x={x} todayDay={todayDay} lo={lo} hi={hi} y1={top} y2={axisY} dx={dx / 2} />
      {sorted.map((d) => (
        <g key={d.date}>
          <title>{`${formatDay(d.day)} (${d.date}): ${gradeLabel(d.grade)}${d.treatments?.length ? `; ${d.treatments.join(', ')}` : ''}`}</title>
          {d.grade > 0 ? (
            <rect
              x={x(d.day) - barW / 2}
              y={y(d.grade)}
              width={barW}
              height={axisY - y(d.grade)}
              fill={GRADE_COLORS[d.grade] ?? 'black'}
              rx={2}
            />
          ) : (
            <rect x={x(d.day) - barW / 2} y={axisY - 3} width={barW} height={3} fill={GRADE_COLORS[0]} />
          )}
          {d.grade > 0 && barW >= 12 && (
            <text
              x={x(d.day)}
              y={y(d.grade) + 13}
              fontSize={11}
              fontWeight={700}
              textAnchor="middle"
              fill={d.grade >= 3 ? 'white' : 'var(--mantine-color-gray-9)'}
            >
              {gradeLabel(d.grade)}
            </text>
          )}
          {(d.treatments ?? []).map((t, i) => (
            <text
              key={t}
              x={x(d.day)}
              y={top - 20 + i * 13}
              fontSize={10.5}
              fontWeight={700}
              textAnchor="middle"
              fill={t.startsWith('T') ? 'var(--mantine-color-indigo-8)' : 'var(--mantine-color-teal-9)'}
            >
              {t.slice(0, 1)}
            </text>
          ))}
        </g>
      ))}
    </ChartFrame>
  );
}
