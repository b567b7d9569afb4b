// The episode's events as a table (date, day from day 0, kind, what, who), under the timeline chart.
import { dayRelative, formatDay } from '@engraft/clinical';
import type { EpisodeEvent } from '@engraft/domain';
import { Badge, Text } from '@mantine/core';
import { formatDate } from '../../format';
import { type Column, DataTable } from '../DataTable';
import { EVENT_KIND_COLORS, EVENT_KIND_LABELS } from '../Timeline';

/** The Mantine colour of an event kind, as the timeline draws it. */
function kindColor(kind: string): string {
  const css = EVENT_KIND_COLORS[kind] ?? '';
  return /color-(\w+)-/.exec(css)?.[1] ?? 'gray';
}

export function EpisodeEvents({ events, dayZero }: { events: EpisodeEvent[]; dayZero: string }) {
  const columns: Column<EpisodeEvent>[] = [
    { header: 'Date', cell: (ev) => formatDate(ev.date), td: { style: { whiteSpace: 'nowrap' } } },
    { header: 'Day', cell: (ev) => formatDay(dayRelative(ev.date, dayZero)), td: { ff: 'monospace', fw: 600 } },
    {
      header: 'Kind',
      cell: (ev) => (
        <Badge variant="light" color={kindColor(ev.kind)} style={{ overflow: 'visible' }}>
          {EVENT_KIND_LABELS[ev.kind] ?? ev.kind}
        </Badge>
      ),
    },
    { header: 'Event', cell: (ev) => ev.label },
    {
      header: 'Recorded by',
      cell: (ev) =>
        ev.recordedBy ?? (
          <Text span fz="sm" c="dimmed">
            system
          </Text>
        ),
    },
  ];
  return (
    <DataTable
      minWidth={560}
      verticalSpacing="xs"
      columns={columns}
      rows={events}
      rowKey={(ev) => ev.id}
      empty="No events yet."
    />
  );
}
