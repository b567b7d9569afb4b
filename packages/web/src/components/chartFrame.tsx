// The frame every SVG chart of the app draws in (blood counts, chimerism, grades by day, the timeline): the width
// measured from the page, an <svg role="img"> named by its <title> and described by a <desc> that says in words
// what the chart shows (screen readers, print), and the chart's heading. Each chart draws only its own marks.
import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { type ReactNode, type Ref, useId } from 'react';

/** The width to draw at: the space the page gives, at least `min` (the chart scrolls rather than squeezes). */
export function useChartWidth(min = 420): { ref: Ref<HTMLDivElement>; width: number } {
  const { ref, width } = useElementSize();
  return { ref, width: Math.max(min, Math.round(width || 900)) };
}

export function ChartFrame({
  measureRef,
  width,
  height,
  title,
  desc,
  testId,
  footer,
  children,
}: {
  measureRef: Ref<HTMLDivElement>;
  width: number;
  height: number;
  title: string;
  /** The chart in words: read by screen readers in place of the drawing. */
  desc: string;
  testId?: string;
  /** Shown under the drawing (a legend, a note). */
  footer?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Box ref={measureRef} w="100%">
      <svg
        className="timeline-svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        data-testid={testId}
        style={{ display: 'block', maxWidth: '100%' }}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {children}
      </svg>
      {footer}
    </Box>
  );
}

/** The chart's name written at its top left, with its unit in lighter type. */
export function ChartHeading({ title, unit }: { title: string; unit?: string }) {
  return (
    <text x={4} y={14} fontSize={12.5} fontWeight={700} fill="var(--mantine-color-gray-9)">
      {title}
      {unit && (
        <>
          {' '}
          <tspan fontWeight={400} fill="var(--mantine-color-gray-7)">
            ({unit})
          </tspan>
        </>
      )}
    </text>
  );
}
