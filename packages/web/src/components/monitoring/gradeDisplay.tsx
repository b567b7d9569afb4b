// How a grade is shown: its colour (0 grey to 4 purple), Roman numerals for acute GVHD (MAGIC 2016, Harris et al.,
// BBMT 2016;22:4) and one line with the rule's explanation.
import { Badge, Group, Text } from '@mantine/core';

export function gradeColor(g: number): string {
  return ['gray', 'yellow', 'orange', 'red', 'grape'][g] ?? 'dark';
}

export function GradeLine({
  name,
  grade,
  explanation,
  roman,
}: {
  name: string;
  grade: number;
  explanation: string;
  roman?: boolean;
}) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Badge size="lg" color={gradeColor(grade)} variant={grade >= 3 ? 'filled' : 'light'} miw={120}>
        {name} grade {roman ? ROMAN[grade] : grade}
      </Badge>
      {/* The server passes the exact age in years (e.g. 51.5537...); whole years read better at the bedside. */}
      <Text fz="sm">{explanation.replace(/\bage (\d+)\.\d+/, 'age $1')}</Text>
    </Group>
  );
}

export const ROMAN = ['0', 'I', 'II', 'III', 'IV'];
