// One panel of the monitoring section: a <section> named by its heading, with what the panel offers next to the
// heading (a window switch, a note) and its content below. Every panel is found by its heading (tests, screen
// readers), so each has one.
import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { MonitoringSummary } from './api';

/** What MonitoringSection hands each grade panel: the summary, the section's heading id, the shared day axis. */
export interface GradePanelProps {
  data: MonitoringSummary;
  headingId: string;
  /** The days (from, to) every grade chart of the section shares, so their columns line up. */
  gradeDomain: [number, number];
}

export function Panel({
  id,
  title,
  aside,
  sub = false,
  children,
}: {
  /** The heading's id; the section is labelled by it. */
  id: string;
  title: ReactNode;
  /** Shown at the right of the heading. */
  aside?: ReactNode;
  /** A panel inside another (one heading level down). */
  sub?: boolean;
  children: ReactNode;
}) {
  const heading = (
    <Title order={sub ? 4 : 3} fz={sub ? 'h5' : 'h4'} id={id} mb={aside === undefined && !sub ? 'xs' : undefined}>
      {title}
    </Title>
  );
  return (
    <section aria-labelledby={id}>
      {aside !== undefined || sub ? (
        <Group
          justify="space-between"
          align={sub ? 'baseline' : undefined}
          mt={sub ? 'md' : undefined}
          mb={sub ? 4 : 'xs'}
        >
          {heading}
          {aside}
        </Group>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
