// The summary cards of the monitoring section: engraftment (or count recovery after cell therapy), the course of
// a graded toxicity (maximum grade, onset, duration) and the latest acute GVHD organ stages.
import { formatDay } from '@engraft/clinical';
import { Badge, Group, Paper, Text } from '@mantine/core';
import { formatDate } from '../../format';
import type { MonitoringSummary } from './api';
import { gradeColor, ROMAN } from './gradeDisplay';

export function GradeBadge({ grade, roman }: { grade: number; roman?: boolean }) {
  return (
    <Badge color={gradeColor(grade)} variant={grade >= 3 ? 'filled' : 'light'}>
      {roman ? ROMAN[grade] : grade}
    </Badge>
  );
}

export function EngraftmentCard({
  name,
  hasData,
  recovery,
  status,
  explanation,
  color,
}: {
  name: string;
  hasData: boolean;
  recovery: { date: string; day: number } | null;
  status: string;
  explanation: string;
  color: string;
}) {
  return (
    <Paper withBorder p="sm" bg={recovery ? `${color}.0` : undefined}>
      <Text fz="sm" fw={700}>
        {name}:{' '}
        {recovery ? (
          <Text span fw={800} c={`${color}.9`}>
            {formatDay(recovery.day)} ({formatDate(recovery.date)})
          </Text>
        ) : !hasData ? (
          'no results after day 0 yet'
        ) : status === 'never-below-threshold' ? (
          'never fell below the threshold'
        ) : (
          'not yet'
        )}
      </Text>
      <Text fz="xs" c="dimmed">
        {explanation}
      </Text>
    </Paper>
  );
}

export function CourseCard({
  name,
  course,
  assessed,
  roman,
}: {
  name: string;
  course: { maxGrade: number; onsetDay: number | null; durationDays: number | null };
  assessed: number;
  roman?: boolean;
}) {
  return (
    <Paper withBorder p="sm" data-testid={`course-${name.toLowerCase().replace(/\s+/g, '-')}`}>
      <Group gap="xs">
        <Text fw={700}>{name}</Text>
        <Badge color={gradeColor(course.maxGrade)} variant={course.maxGrade >= 3 ? 'filled' : 'light'} size="lg">
          max grade {roman ? ROMAN[course.maxGrade] : course.maxGrade}
        </Badge>
      </Group>
      <Text fz="sm" mt={4}>
        {assessed === 0
          ? 'No assessment recorded yet.'
          : course.onsetDay == null
            ? `No ${name} (grade ≥1) in ${assessed} assessment${assessed === 1 ? '' : 's'}.`
            : `Onset ${formatDay(course.onsetDay)} · duration ${course.durationDays} day${course.durationDays === 1 ? '' : 's'} (onset to last day graded ≥1)`}
      </Text>
    </Paper>
  );
}

export function LatestStages({ data }: { data: MonitoringSummary }) {
  const last = data.agvhd.days.at(-1);
  return (
    <Paper withBorder p="sm">
      <Text fw={700}>Latest organ stages</Text>
      {last ? (
        <Text fz="sm" mt={4}>
          {formatDay(last.day)}: skin {last.stages.skin ?? 0}, liver {last.stages.liver ?? 0}, upper GI{' '}
          {last.stages.upperGi ?? 0}, lower GI {last.stages.lowerGi ?? 0} → grade {ROMAN[last.grade]}
        </Text>
      ) : (
        <Text fz="sm" c="dimmed" mt={4}>
          No acute GVHD assessment yet.
        </Text>
      )}
    </Paper>
  );
}
