// Cumulative CD34+ ×10^6/kg by apheresis day against the minimum, target and maximum lines (Duong HK et al.,
// BBMT 2014;20:1262). Bars are each day's dose, the line the running total. An image with a title and a text description;
// the same numbers are in the table beside it.
import type { Collection } from '@engraft/domain';
import { formatDate } from '../../format';
import { STATUS_COLOR } from './apheresisStatus';

const W = 560;
const H = 240;
const PAD = { left: 44, right: 120, top: 16, bottom: 34 };

export function Cd34Chart({ progress, title }: { progress: NonNullable<Collection['progress']>; title: string }) {
  const { targets, days } = progress;
  const top = Math.max(progress.cumulativePerKg, targets.maximum ?? targets.target, targets.target) * 1.15 || 5;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const n = Math.max(days.length, 2);
  const slot = innerW / n;
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH;
  const ticks = Array.from({ length: Math.floor(top) + 1 }, (_, i) => i).filter((v) => top <= 10 || v % 2 === 0);
  const lines = [
    { v: targets.minimum, label: `minimum ${targets.minimum}`, color: 'var(--mantine-color-red-7)' },
    { v: targets.target, label: `target ${targets.target}`, color: 'var(--mantine-color-teal-8)' },
    ...(targets.maximum != null
      ? [{ v: targets.maximum, label: `maximum ${targets.maximum}`, color: 'var(--mantine-color-grape-7)' }]
      : []),
  ];
  const color = `var(--mantine-color-${STATUS_COLOR[progress.status]}-7)`;
  const description = days.length
    ? days
        .map(
          (d, i) =>
            `Day ${i + 1} (${formatDate(d.date)}): ${d.cd34PerKg ?? 'not counted'}, cumulative ${d.cumulativePerKg.toFixed(2)}`
        )
        .join('; ') + `. ${progress.message}.`
    : 'No apheresis day recorded yet.';
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: W }}
      role="img"
      aria-label={`${title}. ${description}`}
    >
      <title>{title}</title>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={PAD.left + innerW} y1={y(v)} y2={y(v)} stroke="var(--mantine-color-gray-2)" />
          <text x={PAD.left - 6} y={y(v) + 4} fontSize={11} textAnchor="end" fill="var(--mantine-color-gray-7)">
            {v}
          </text>
        </g>
      ))}
      <text
        x={12}
        y={PAD.top + innerH / 2}
        fontSize={11}
        fill="var(--mantine-color-gray-7)"
        transform={`rotate(-90 12 ${PAD.top + innerH / 2})`}
        textAnchor="middle"
      >
        CD34+ ×10⁶/kg
      </text>
      {days.map((d, i) => (
        <g key={d.date}>
          {d.cd34PerKg != null && (
            <rect
              x={x(i) - slot * 0.2}
              width={slot * 0.4}
              y={y(d.cd34PerKg)}
              height={innerH - (y(d.cd34PerKg) - PAD.top)}
              fill="var(--mantine-color-blue-2)"
            />
          )}
          <text x={x(i)} y={H - PAD.bottom + 16} fontSize={11} textAnchor="middle" fill="var(--mantine-color-gray-8)">
            Day {i + 1}
          </text>
          <text x={x(i)} y={H - PAD.bottom + 29} fontSize={10} textAnchor="middle" fill="var(--mantine-color-gray-6)">
            {formatDate(d.date)}
          </text>
        </g>
      ))}
      {lines.map((l) => (
        <g key={l.label}>
          <line
            x1={PAD.left}
            x2={PAD.left + innerW}
            y1={y(l.v)}
            y2={y(l.v)}
            stroke={l.color}
            strokeDasharray="6 4"
            strokeWidth={1.5}
          />
          <text x={PAD.left + innerW + 6} y={y(l.v) + 4} fontSize={11} fill={l.color}>
            {l.label}
          </text>
        </g>
      ))}
      {days.length > 0 && (
        <polyline
          points={[`${PAD.left},${y(0)}`, ...days.map((d, i) => `${x(i)},${y(d.cumulativePerKg)}`)].join(' ')}
          fill="none"
          stroke={color}
          strokeWidth={2.5}
        />
      )}
      {days.map((d, i) => (
        <g key={`c-${d.date}`}>
          <circle cx={x(i)} cy={y(d.cumulativePerKg)} r={4.5} fill={color} stroke="white" strokeWidth={1.5} />
          <text
            x={x(i)}
            y={y(d.cumulativePerKg) - 9}
            fontSize={12}
            fontWeight={700}
            textAnchor="middle"
            fill={color}
            stroke="white"
            strokeWidth={3}
            paintOrder="stroke"
          >
            {d.cumulativePerKg.toFixed(2)}
          </text>
        </g>
      ))}
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + innerH} stroke="var(--mantine-color-gray-5)" />
      <line
        x1={PAD.left}
        x2={PAD.left + innerW}
        y1={PAD.top + innerH}
        y2={PAD.top + innerH}
        stroke="var(--mantine-color-gray-5)"
      />
    </svg>
  );
}
