import type { RegistryReportStatus, RegistryReportSummary } from '@engraft/domain';
import { Badge, Button, Progress, ScrollArea, Table, Text } from '@mantine/core';
import { formatDate } from '../../format';

const STATUS_COLOR: Record<RegistryReportStatus, string> = {
  overdue: 'red',
  due: 'orange',
  upcoming: 'gray',
  submitted: 'teal',
};

/** The reports as a table: patient, form, due date, status and a completeness bar; "Open" shows one below. */
export function ReportTable({
  reports,
  selected,
  onSelect,
}: {
  reports: RegistryReportSummary[];
  selected: RegistryReportSummary | null;
  onSelect: (r: RegistryReportSummary) => void;
}) {
  if (reports.length === 0) return <Text>No reports match.</Text>;
  return (
    <ScrollArea type="auto">
      <Table striped highlightOnHover miw={720} aria-label="Registry reports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Report</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Complete</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reports.map((r) => {
            const done = r.required - r.missing;
            const isSelected = selected?.episodeId === r.episodeId && selected.key === r.key;
            return (
              <Table.Tr
                key={`${r.episodeId}/${r.key}`}
                data-testid={`report-${r.key}`}
                bg={isSelected ? 'blue.0' : undefined}
              >
                <Table.Td>
                  <Text fz="sm" fw={500}>
                    {r.patient}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {r.mrn}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{r.label}</Text>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{formatDate(r.dueDate)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[r.status]} variant="light">
                    {r.status}
                  </Badge>
                </Table.Td>
                <Table.Td miw={140}>
                  <Progress
                    value={r.required ? (100 * done) / r.required : 100}
                    color={r.missing ? 'orange' : 'teal'}
                    aria-label={`${done} of ${r.required} required items`}
                  />
                  <Text fz="xs" c="dimmed">
                    {r.missing ? `${r.missing} missing` : 'complete'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant={isSelected ? 'filled' : 'light'}
                    onClick={() => onSelect(r)}
                    aria-label={`Open ${r.label} of ${r.patient}`}
                  >
                    Open
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
