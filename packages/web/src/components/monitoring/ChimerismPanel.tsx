// Chimerism after allogeneic HCT: percent donor against day, one line per lineage, drawn over the category bands
// of @engraft/clinical's chimerism rule (ASTCT 2021: full donor >95%, mixed 5–95%, loss of graft <5%;
// Kharfan-Dabaja MA et al., Transplant Cell Ther 2021;27:642), and the latest result per lineage with its category and trend (the centre's
// falling-chimerism threshold). The same numbers are in the table under the chart.
import { formatDay } from '@engraft/clinical';
import { Badge, Group, Table, Text } from '@mantine/core';
import { formatDate } from '../../format';
import type { MonitoringSummary } from './api';
import { ChimerismChart } from './ChimerismChart';
import { lineageLabel, CATEGORY_LABEL, CATEGORY_COLOR, TREND_LABEL, TREND_COLOR } from './chimerismStyle';
import { Panel } from './Panel';

export function ChimerismPanel({ data, headingId }: { data: MonitoringSummary; headingId: string }) {
  const points = data.series.chimerism ?? [];
  const s = data.settings;
  return (
    <Panel
      id={headingId}
      title="Chimerism"
      sub
      aside={
        s && (
          <Text fz="xs" c="dimmed">
            Trend: latest of the last {s.chimerismTrendResults} results against the earlier ones; a fall of ≥
            {s.chimerismDropPoints} points is flagged (centre setting)
          </Text>
        )
      }
    >
      {points.length > 0 && <ChimerismChart points={points} todayDay={data.todayDay} testId="chimerism-chart" />}
      <Table.ScrollContainer minWidth={480}>
        <Table striped verticalSpacing={4} aria-label="Chimerism" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Lineage</Table.Th>
              <Table.Th scope="col">Latest</Table.Th>
              <Table.Th scope="col">Donor %</Table.Th>
              <Table.Th scope="col">Category</Table.Th>
              <Table.Th scope="col">Trend</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.chimerism.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed" fz="sm">
                    No chimerism result yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {data.chimerism.map((c) => (
              <Table.Tr key={c.lineage}>
                <Table.Td>{lineageLabel(c.lineage)}</Table.Td>
                <Table.Td ff="monospace">
                  {formatDay(c.day)}{' '}
                  <Text span c="dimmed" fz="xs">
                    ({formatDate(c.date)})
                  </Text>
                </Table.Td>
                <Table.Td>{c.donorPercent}%</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={CATEGORY_COLOR[c.category] ?? 'gray'}>
                    {CATEGORY_LABEL[c.category] ?? c.category}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {c.trend && (
                    <Group gap={6} wrap="nowrap">
                      <Badge
                        variant={c.trend.direction === 'falling' ? 'filled' : 'light'}
                        color={TREND_COLOR[c.trend.direction]}
                      >
                        {TREND_LABEL[c.trend.direction]}
                      </Badge>
                      <Text fz="xs" c="dimmed">
                        {c.trend.changePoints != null &&
                          `${c.trend.changePoints > 0 ? '+' : ''}${c.trend.changePoints} points`}
                      </Text>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Panel>
  );
}
