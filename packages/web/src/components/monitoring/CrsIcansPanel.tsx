// CRS and ICANS after cell therapy (ASTCT 2019, Lee et al., BBMT 2019;25:625): course cards, grade by day with
// tocilizumab and steroids marked, and the assessments by day with who recorded them.
import { formatDay } from '@engraft/clinical';
import { SimpleGrid, Table, Text } from '@mantine/core';
import { formatDate } from '../../format';
import { GradeChart } from './GradeChart';
import { CourseCard, GradeBadge } from './summaryCards';
import { type GradePanelProps, Panel } from './Panel';

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
      <Table.ScrollContainer minWidth={560} mt="xs">
        <Table striped verticalSpacing={4} aria-label="CRS and ICANS assessments by day">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Day</Table.Th>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">CRS</Table.Th>
              <Table.Th scope="col">ICANS</Table.Th>
              <Table.Th scope="col">ICE</Table.Th>
              <Table.Th scope="col">Treatment</Table.Th>
              <Table.Th scope="col">Recorded by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.crsIcans.days.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed" fz="sm">
                    No assessment recorded yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {[...data.crsIcans.days].reverse().map((d) => (
              <Table.Tr key={d.date}>
                <Table.Td ff="monospace" fw={600}>
                  {formatDay(d.day)}
                </Table.Td>
                <Table.Td>{formatDate(d.date)}</Table.Td>
                <Table.Td>
                  <GradeBadge grade={d.crsGrade} />
                </Table.Td>
                <Table.Td>
                  <GradeBadge grade={d.icansGrade} />
                </Table.Td>
                <Table.Td>{d.iceScore == null ? 'not done' : `${d.iceScore}/10`}</Table.Td>
                <Table.Td>
                  {[d.tocilizumab && 'tocilizumab', d.steroids && 'steroids'].filter(Boolean).join(', ') || '—'}
                </Table.Td>
                <Table.Td>{d.recordedBy ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Panel>
  );
}
