// The episode's events as a table (date, day from day 0, kind, what, who), under the timeline chart.
import { dayRelative, formatDay } from '@engraft/clinical';
import type { EpisodeEvent } from '@engraft/domain';
import { Badge, Table, Text } from '@mantine/core';
import { formatDate } from '../../format';
import { EVENT_KIND_COLORS, EVENT_KIND_LABELS } from '../Timeline';

/** The Mantine colour of an event kind, as the timeline draws it. */
function kindColor(kind: string): string {
  const css = EVENT_KIND_COLORS[kind] ?? '';
  return /color-(\w+)-/.exec(css)?.[1] ?? 'gray';
}

export function EpisodeEvents({ events, dayZero }: { events: EpisodeEvent[]; dayZero: string }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Date</Table.Th>
            <Table.Th scope="col">Day</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Event</Table.Th>
            <Table.Th scope="col">Recorded by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed">No events yet.</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {events.map((ev) => (
            <Table.Tr key={ev.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(ev.date)}</Table.Td>
              <Table.Td ff="monospace" fw={600}>
                {formatDay(dayRelative(ev.date, dayZero))}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={kindColor(ev.kind)} style={{ overflow: 'visible' }}>
                  {EVENT_KIND_LABELS[ev.kind] ?? ev.kind}
                </Badge>
              </Table.Td>
              <Table.Td>{ev.label}</Table.Td>
              <Table.Td>
                {ev.recordedBy ?? (
                  <Text span fz="sm" c="dimmed">
                    system
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
