// Follow-up events (relapse, death, last contact, infection...) and chronic GVHD evaluations, by date.
import { dayRelative, formatDay } from '@engraft/clinical';
import { CLINICAL_EVENT_KINDS } from '@engraft/domain';
import { Table } from '@mantine/core';
import type { MonitoringSummary } from './api';
import { Panel } from './Panel';

export function FollowUpTable({ data, headingId }: { data: MonitoringSummary; headingId: string }) {
  return (
    <Panel id={`${headingId}-followup`} title="Follow-up">
      <Table.ScrollContainer minWidth={480}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Day</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[
              ...(data.events ?? []).map((e) => ({
                date: e.occurredOn,
                what: CLINICAL_EVENT_KINDS[e.kind],
                details: Object.values(e.details)
                  .filter((v) => typeof v === 'string')
                  .join(', '),
              })),
              ...(data.cgvhd?.evaluations ?? []).map((c) => ({
                date: c.date,
                what: 'Chronic GVHD evaluation',
                details: `${c.severity} (${c.organsInvolved} organs)`,
              })),
            ]
              .sort((a, b) => a.date.localeCompare(b.date))
              .map((row, i) => (
                <Table.Tr key={`${row.date}-${i}`}>
                  <Table.Td>{row.date}</Table.Td>
                  <Table.Td ff="monospace">{formatDay(dayRelative(row.date, data.dayZero))}</Table.Td>
                  <Table.Td>{row.what}</Table.Td>
                  <Table.Td>{row.details}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Panel>
  );
}
