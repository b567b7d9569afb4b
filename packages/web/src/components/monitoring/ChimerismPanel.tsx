// Chimerism after allogeneic HCT: percent donor against day, one line per lineage, drawn over the category bands
// of @engraft/clinical's chimerism rule (ASTCT 2021: full donor >95%, mixed 5–95%, loss of graft <5%;
// Kharfan-Dabaja MA et al., Transplant Cell Ther 2021;27:642), and the latest result per lineage with its category and trend (the centre's
// falling-chimerism threshold). The same numbers are in the table under the chart.
import { formatDay } from '@engraft/clinical';
import { Badge, Group, Text } from '@mantine/core';
import { formatDate } from '../../format';
import { type Column, DataTable } from '../DataTable';
import type { MonitoringSummary } from './api';
import { ChimerismChart } from './ChimerismChart';
import { lineageLabel, CATEGORY_LABEL, CATEGORY_COLOR, TREND_LABEL, TREND_COLOR } from './chimerismStyle';
import { Panel } from './Panel';

const LATEST_COLUMNS: Column<MonitoringSummary['chimerism'][number]>[] = [
  { header: 'Lineage', cell: (c) => lineageLabel(c.lineage) },
  {
    header: 'Latest',
    td: { ff: 'monospace' },
    cell: (c) => (
      <>
        {formatDay(c.day)}{' '}
        <Text span c="dimmed" fz="xs">
          ({formatDate(c.date)})
        </Text>
      </>
    ),
  },
  { header: 'Donor %', cell: (c) => `${c.donorPercent}%` },
  {
    header: 'Category',
    cell: (c) => (
      <Badge variant="light" color={CATEGORY_COLOR[c.category] ?? 'gray'}>
        {CATEGORY_LABEL[c.category] ?? c.category}
      </Badge>
    ),
  },
  {
    header: 'Trend',
    cell: (c) =>
      c.trend && (
        <Group gap={6} wrap="nowrap">
          <Badge variant={c.trend.direction === 'falling' ? 'filled' : 'light'} color={TREND_COLOR[c.trend.direction]}>
            {TREND_LABEL[c.trend.direction]}
          </Badge>
          <Text fz="xs" c="dimmed">
            {c.trend.changePoints != null && `${c.trend.changePoints > 0 ? '+' : ''}${c.trend.changePoints} points`}
          </Text>
        </Group>
      ),
  },
];

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
      <DataTable
        verticalSpacing={4}
        aria-label="Chimerism"
        mt="xs"
        minWidth={480}
        columns={LATEST_COLUMNS}
        rows={data.chimerism}
        rowKey={(c) => c.lineage}
        empty="No chimerism result yet."
      />
    </Panel>
  );
}
