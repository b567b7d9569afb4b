// Acute GVHD after allogeneic HCT (MAGIC 2016, Harris et al., BBMT 2016;22:4): the course, the latest organ
// stages, the grade by day, and chimerism.
import { SimpleGrid } from '@mantine/core';
import { GradeChart } from './GradeChart';
import { ChimerismPanel } from './ChimerismPanel';
import { ROMAN } from './gradeDisplay';
import { CourseCard, LatestStages } from './summaryCards';
import { type GradePanelProps, Panel } from './Panel';

export function AcuteGvhdPanel({ data, headingId, gradeDomain }: GradePanelProps) {
  return (
    <Panel id={`${headingId}-gvhd`} title="Acute GVHD and chimerism">
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
        <CourseCard name="Acute GVHD" course={data.agvhd.course} assessed={data.agvhd.days.length} roman />
        <LatestStages data={data} />
      </SimpleGrid>
      {data.agvhd.days.length > 0 && (
        <GradeChart
          title="Acute GVHD grade by day (MAGIC)"
          testId="agvhd-chart"
          domain={gradeDomain}
          todayDay={data.todayDay}
          gradeLabel={(g) => ROMAN[g] ?? String(g)}
          days={data.agvhd.days.map((d) => ({ day: d.day, date: d.date, grade: d.grade }))}
        />
      )}
      <ChimerismPanel data={data} headingId={`${headingId}-chimerism`} />
    </Panel>
  );
}
