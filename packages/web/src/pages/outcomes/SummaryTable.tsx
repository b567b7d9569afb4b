// The summary table under the outcomes figure: per group, patients, events, median and the estimates at the
// usual landmarks with their 95% confidence limits.
import type { OutcomesResult } from '@engraft/domain';
import { Group, Table } from '@mantine/core';
import { groupColor, groupDash } from '../../components/outcomes/OutcomePlot';
import { formatEstimate, formatMedian, type TimeUnit, valueAt } from '../../components/outcomes/curves';

export function SummaryTable({ data, unit }: { data: OutcomesResult; unit: TimeUnit }) {
  const survival = data.endpoint.estimator === 'survival';
  const what = survival ? 'Survival' : 'Cumulative incidence';
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" data-testid="outcome-summary">
        <Table.Caption>
          {data.endpoint.label}: {what.toLowerCase()} with 95% confidence intervals.
          {survival ? ' Median: time at which the curve reaches 50% (NR: not reached).' : ''} —: beyond the group’s
          longest follow-up.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Group</Table.Th>
            <Table.Th scope="col">Patients</Table.Th>
            <Table.Th scope="col">Events</Table.Th>
            {survival && <Table.Th scope="col">Median (95% CI)</Table.Th>}
            <Table.Th scope="col">{what} at 1 year (95% CI)</Table.Th>
            <Table.Th scope="col">{what} at 2 years (95% CI)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.groups.map((g, i) => (
            <Table.Tr key={g.name}>
              <Table.Th scope="row" fw={500}>
                <Group gap={8} wrap="nowrap">
                  <svg width={22} height={8} aria-hidden style={{ flex: 'none' }}>
                    <line
                      x1={0}
                      x2={22}
                      y1={4}
                      y2={4}
                      stroke={groupColor(i)}
                      strokeWidth={2.5}
                      strokeDasharray={groupDash(i)}
                    />
                  </svg>
                  {g.name}
                </Group>
              </Table.Th>
              <Table.Td>{g.n}</Table.Td>
              <Table.Td>{g.events}</Table.Td>
              {survival && <Table.Td>{formatMedian(g, unit)}</Table.Td>}
              <Table.Td>{formatEstimate(valueAt(g.points, 365, data.endpoint.estimator))}</Table.Td>
              <Table.Td>{formatEstimate(valueAt(g.points, 730, data.endpoint.estimator))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
