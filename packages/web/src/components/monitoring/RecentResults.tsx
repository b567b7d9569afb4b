// The last ten days with results, one column per analyte present, newest first; counts below the engraftment
// thresholds (ANC < 0.5, platelets < 20 x10^9/L) in bold red, said in words for screen readers.
import { formatDay } from '@engraft/clinical';
import { ANALYTES } from '@engraft/domain';
import { Table, Text, VisuallyHidden } from '@mantine/core';
import { formatDate, formatUnit } from '../../format';
import type { MonitoringSummary } from './api';

const TABLE_ANALYTES = [
  'anc',
  'wbc',
  'platelets',
  'hemoglobin',
  'bilirubin',
  'creatinine',
  'crp',
  'ferritin',
  'cmv-pcr',
] as const;
const SHORT: Record<string, string> = {
  anc: 'ANC',
  wbc: 'WBC',
  platelets: 'Platelets',
  hemoglobin: 'Hb',
  bilirubin: 'Bilirubin',
  creatinine: 'Creatinine',
  crp: 'CRP',
  ferritin: 'Ferritin',
  'cmv-pcr': 'CMV PCR',
};
export function RecentResults({ data }: { data: MonitoringSummary }) {
  const byDate = new Map<string, { day: number; values: Record<string, number> }>();
  const present = TABLE_ANALYTES.filter((a) => (data.series[a] ?? []).length > 0);
  for (const a of present) {
    for (const p of data.series[a] ?? []) {
      const row = byDate.get(p.date) ?? { day: p.day, values: {} };
      row.values[a] = p.value;
      byDate.set(p.date, row);
    }
  }
  const rows = [...byDate].sort((a, b) => b[0].localeCompare(a[0])).slice(0, 10);
  if (!rows.length) {
    return (
      <Text c="dimmed" fz="sm">
        No results recorded yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing={4} aria-label="Recent results, newest first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Day</Table.Th>
            <Table.Th scope="col">Date</Table.Th>
            {present.map((a) => (
              <Table.Th scope="col" key={a}>
                {SHORT[a]}
                <Text span fz={10} c="dimmed" display="block">
                  {formatUnit(ANALYTES[a].unit)}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([date, r]) => (
            <Table.Tr key={date}>
              <Table.Td ff="monospace" fw={600}>
                {formatDay(r.day)}
              </Table.Td>
              <Table.Td>{formatDate(date)}</Table.Td>
              {present.map((a) => {
                const v = r.values[a];
                const low = (a === 'anc' && v != null && v < 0.5) || (a === 'platelets' && v != null && v < 20);
                return (
                  <Table.Td key={a} fw={low ? 700 : undefined} c={low ? 'red.8' : undefined}>
                    {v ?? ''}
                    {low && <VisuallyHidden> (below threshold)</VisuallyHidden>}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
