// CRS and ICANS after cell therapy (ASTCT 2019, Lee et al., BBMT 2019;25:625): course cards, grade by day with
// tocilizumab and steroids marked, and the assessments by day with who recorded them.
import { formatDay } from '@engraft/clinical';
import { SimpleGrid, Text } from '@mantine/core';
import { formatDate } from '../../format';
import { type Column, DataTable } from '../DataTable';
import { GradeChart } from './GradeChart';
import { CourseCard, GradeBadge } from './summaryCards';
import { type GradePanelProps, Panel } from './Panel';

type AssessedDay = GradePanelProps['data']['crsIcans']['days'][number];

const DAY_COLUMNS: Column<AssessedDay>[] = [
  { header: 'Day', cell: (d) => formatDay(d.day), td: { ff: 'monospace', fw: 600 } },
  { header: 'Date', cell: (d) => formatDate(d.date) },
  { header: 'CRS', cell: (d) => <GradeBadge grade={d.crsGrade} /> },
  { header: 'ICANS', cell: (d) => <GradeBadge grade={d.icansGrade} /> },
  { header: 'ICE', cell: (d) => (d.iceScore == null ? 'not done' : `${d.iceScore}/10`) },
  {
    header: 'Treatment',
    cell: (d) => [d.tocilizumab && 'tocilizumab', d.steroids && 'steroids'].filter(Boolean).join(', ') || '—',
  },
  { header: 'Recorded by', cell: (d) => d.recordedBy ?? '—' },
];

export function CrsIcansPanel({ data, headingId, gradeDomain }: GradePanelProps) {
  return (
    <Panel id={`${headingId}-crs`} title="CRS and ICANS">
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
        <CourseCard name="CRS" course={data.crsIcans.crs} assessed={data.crsIcans.days.length} />
        <CourseCard name="ICANS" course={data.crsIcans.icans} assessed={data.crsIcans.days.length} />
      </SimpleGrid>
      {data.crsIcans.days.length > 0 && (
        <>
          <GradeChart
            title="CRS grade by day"
            testId="crs-chart"
            domain={gradeDomain}
            todayDay={data.todayDay}
            days={data.crsIcans.days.map((d) => ({
              day: d.day,
              date: d.date,
              grade: d.crsGrade,
              treatments: [...(d.tocilizumab ? ['Tocilizumab'] : []), ...(d.steroids ? ['Steroids'] : [])],
            }))}
          />
          <GradeChart
            title="ICANS grade by day"
            testId="icans-chart"
            domain={gradeDomain}
            todayDay={data.todayDay}
            days={data.crsIcans.days.map((d) => ({ day: d.day, date: d.date, grade: d.icansGrade }))}
          />
          <Text fz="xs" c="dimmed" aria-hidden>
            Above the CRS bars: T = tocilizumab given, S = corticosteroids given.
          </Text>
        </>
      )}
      <DataTable
        mt="xs"
        verticalSpacing={4}
        aria-label="CRS and ICANS assessments by day"
        minWidth={560}
        columns={DAY_COLUMNS}
        rows={[...data.crsIcans.days].reverse()}
        rowKey={(d) => d.date}
        empty="No assessment recorded yet."
      />
    </Panel>
  );
}
