// The episode timeline: a horizontal day axis counted from day 0 (D-7 ... D0 ... D+100, stretched to include
// today and every event), with a "Today" marker and the episode's events placed on their day.
import { dayRelative, formatDay } from '@engraft/clinical';
import type { EpisodeEvent } from '@engraft/domain';
import { Box, Group, Text } from '@mantine/core';
import { ChartFrame, useChartWidth } from './chartFrame';
import { formatDate } from '../format';
import { dayRange, dayScale, dayTicks, placeLabels } from '../timelineScale';

export const EVENT_KIND_COLORS: Record<string, string> = {
  phase: 'var(--mantine-color-teal-7)',
  admission: 'var(--mantine-color-blue-7)',
  discharge: 'var(--mantine-color-grape-7)',
  milestone: 'var(--mantine-color-orange-7)',
  note: 'var(--mantine-color-gray-7)',
  donor: 'var(--mantine-color-indigo-7)',
  collection: 'var(--mantine-color-cyan-8)',
  conditioning: 'var(--mantine-color-pink-7)',
  manufacturing: 'var(--mantine-color-violet-7)',
  infusion: 'var(--mantine-color-red-7)',
  product: 'var(--mantine-color-lime-8)',
};
export const EVENT_KIND_LABELS: Record<string, string> = {
  phase: 'Phase change',
  admission: 'Admission',
  discharge: 'Discharge',
  milestone: 'Milestone',
  note: 'Note',
  donor: 'Donor work-up',
  collection: 'Collection',
  conditioning: 'Conditioning',
  manufacturing: 'Manufacturing',
  infusion: 'Infusion',
  product: 'Cell product',
};

const LANE_HEIGHT = 22;
const MAX_LANES = 6;
const CHAR_WIDTH = 6.4;
const MAX_LABEL_CHARS = 34;

export interface TimelineProps {
  events: EpisodeEvent[];
  dayZero: string;
  dayZeroIsActual: boolean;
  today: string;
  /** Accessible name of the chart, e.g. "Timeline of the allogeneic HCT episode". */
  title: string;
}

interface Placed {
  ev: EpisodeEvent;
  day: number;
  x: number;
  lane: number | null;
  anchor: 'start' | 'end';
  text: string;
}

export function Timeline({ events, dayZero, dayZeroIsActual, today, title }: TimelineProps) {
  const { ref, width } = useChartWidth(480);
  const todayDay = dayRelative(today, dayZero);
  const days = events.map((e) => dayRelative(e.date, dayZero));
  const { lo, hi } = dayRange([todayDay, ...days]);
  const left = 28;
  const right = 28;
  const scale = dayScale(lo, hi, left, width - right);
  const x = scale.x;

  const ticks = dayTicks(lo, hi, x);

  // Event labels in lanes above the axis; where a cluster outnumbers the lanes, "+N" instead of overprinting.
  const sorted = events
    .map((ev, i) => ({ ev, day: days[i] ?? 0 }))
    .sort(
      (a, b) => a.day - b.day || a.ev.date.localeCompare(b.ev.date) || a.ev.createdAt.localeCompare(b.ev.createdAt)
    );
  const labels = placeLabels(
    sorted.map(({ ev, day }) => ({ x: x(day), text: `${formatDay(day)} ${ev.label}` })),
    width,
    { maxLanes: MAX_LANES, charWidth: CHAR_WIDTH, maxChars: MAX_LABEL_CHARS }
  );
  const placed: Placed[] = sorted.map(({ ev, day }, i) => {
    const p = labels.places[i]!;
    return { ev, day, x: x(day), lane: p.lane, anchor: p.anchor, text: p.text };
  });
  const lanes = labels.lanes;

  const top = 34; // room for the Today label
  const axisY = top + lanes * LANE_HEIGHT + 14;
  const height = axisY + 58;
  const x0 = x(0);
  const x100 = x(Math.min(100, hi));
  const xt = x(todayDay);
  const todayLabel = `Today ${formatDay(todayDay)}`;
  const todayLabelW = todayLabel.length * 7.4 + 16;
  const todayLabelX = Math.min(Math.max(xt - todayLabelW / 2, 2), width - todayLabelW - 2);
  const dayZeroText = `${dayZeroIsActual ? 'actual' : 'planned'} day 0: ${formatDate(dayZero)}`;

  const desc =
    `Today (${formatDate(today)}) is ${formatDay(todayDay)}, counted from the ${dayZeroText}. ` +
    (placed.length
      ? `${placed.length} event${placed.length === 1 ? '' : 's'}: ${placed.map((p) => `${formatDay(p.day)} ${p.ev.label}`).join('; ')}.`
      : 'No events recorded yet.');

  return (
    <ChartFrame
      measureRef={ref}
      width={width}
      height={height}
      title={title}
      desc={desc}
      footer={<TimelineLegend compressed={scale.breaks.length > 0} />}
    >
      {/* Bands: before day 0 (conditioning / lymphodepletion), the first 100 days, later follow-up. */}
      <rect
        x={x(lo)}
        y={top - 6}
        width={Math.max(0, x0 - x(lo))}
        height={axisY - top + 6}
        fill="var(--mantine-color-orange-0)"
      />
      <rect
        x={x0}
        y={top - 6}
        width={Math.max(0, x100 - x0)}
        height={axisY - top + 6}
        fill="var(--mantine-color-teal-0)"
      />
      <text x={x(lo) + 4} y={axisY - 4} fontSize={10} fill="var(--mantine-color-orange-9)">
        before day 0
      </text>
      {x100 - x0 > 110 && (
        <text x={x100 - 4} y={axisY - 4} fontSize={10} textAnchor="end" fill="var(--mantine-color-teal-9)">
          first 100 days
        </text>
      )}

      {/* Axis and ticks */}
      <line x1={x(lo)} x2={x(hi)} y1={axisY} y2={axisY} stroke="var(--mantine-color-gray-6)" strokeWidth={2} />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={axisY} y2={axisY + 6} stroke="var(--mantine-color-gray-6)" />
          <text
            x={x(t)}
            y={axisY + 19}
            fontSize={12}
            textAnchor="middle"
            fill="var(--mantine-color-gray-8)"
            fontWeight={t === 0 ? 700 : 400}
          >
            {formatDay(t)}
          </text>
        </g>
      ))}

      {/* Where the scale changes (days outside D-7 ... D+100 are compressed) */}
      {scale.breaks.map((b) => (
        <g key={`break-${b}`} aria-hidden>
          <rect x={x(b) + (b < 0 ? -12 : 2)} y={axisY - 5} width={10} height={10} fill="white" />
          <line
            x1={x(b) + (b < 0 ? -11 : 3)}
            x2={x(b) + (b < 0 ? -7 : 7)}
            y1={axisY + 5}
            y2={axisY - 5}
            stroke="var(--mantine-color-gray-6)"
            strokeWidth={1.5}
          />
          <line
            x1={x(b) + (b < 0 ? -6 : 8)}
            x2={x(b) + (b < 0 ? -2 : 12)}
            y1={axisY + 5}
            y2={axisY - 5}
            stroke="var(--mantine-color-gray-6)"
            strokeWidth={1.5}
          />
        </g>
      ))}

      {/* Day 0 */}
      <line x1={x0} x2={x0} y1={top - 6} y2={axisY + 6} stroke="var(--mantine-color-teal-8)" strokeWidth={2} />
      <text
        x={Math.min(Math.max(x0, 100), width - 100)}
        y={axisY + 36}
        fontSize={11}
        textAnchor="middle"
        fill="var(--mantine-color-teal-9)"
      >
        {dayZeroIsActual ? 'Day 0 (infusion)' : 'Day 0 (planned)'}: {formatDate(dayZero)}
      </text>

      {/* Today: the line under the event labels, its label on top */}
      <line
        x1={xt}
        x2={xt}
        y1={24}
        y2={axisY + 6}
        stroke="var(--mantine-color-red-7)"
        strokeWidth={2}
        strokeDasharray="4 3"
      />
      {/* Events */}
      {placed.map((p) => {
        const y = top + (lanes - 1 - (p.lane ?? 0)) * LANE_HEIGHT + 12;
        const color = EVENT_KIND_COLORS[p.ev.kind] ?? EVENT_KIND_COLORS.note;
        return (
          <g key={p.ev.id}>
            <title>{`${formatDate(p.ev.date)} (${formatDay(p.day)}) — ${EVENT_KIND_LABELS[p.ev.kind] ?? p.ev.kind}: ${p.ev.label}`}</title>
            {p.lane !== null && <line x1={p.x} x2={p.x} y1={y + 3} y2={axisY} stroke={color} strokeOpacity={0.5} />}
            <circle cx={p.x} cy={axisY} r={5} fill={color} stroke="white" strokeWidth={1.5} />
            {p.lane !== null && (
              <text
                x={p.anchor === 'start' ? p.x + 3 : p.x - 3}
                y={y}
                fontSize={11.5}
                textAnchor={p.anchor}
                fill={color}
                stroke="white"
                strokeWidth={3}
                paintOrder="stroke"
              >
                {p.text}
              </text>
            )}
          </g>
        );
      })}

      {/* Today's label on top of everything */}
      <rect x={todayLabelX} y={4} width={todayLabelW} height={20} rx={10} fill="var(--mantine-color-red-7)" />
      <text x={todayLabelX + todayLabelW / 2} y={18} fontSize={12.5} fontWeight={700} textAnchor="middle" fill="white">
        {todayLabel}
      </text>
    </ChartFrame>
  );
}

/** The colours of the event kinds, and a note when the scale is compressed. */
function TimelineLegend({ compressed }: { compressed: boolean }) {
  return (
    <Group gap="md" mt={4} aria-hidden>
      {compressed && (
        <Text fz="xs" c="dimmed">
          {'// scale compressed outside D-7 … D+100'}
        </Text>
      )}
      {Object.entries(EVENT_KIND_LABELS).map(([kind, label]) => (
        <Group key={kind} gap={4}>
          <Box w={10} h={10} style={{ borderRadius: '50%', background: EVENT_KIND_COLORS[kind] }} />
          <Text fz="xs" c="dimmed">
            {label}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
