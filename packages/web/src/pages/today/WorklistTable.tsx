// Today's worklist (alerts first), filtered by kind: the ward (nurses, physicians) starts on clinical items, the
// other roles on everything. Each row links to the patient; alerts can be acknowledged, visits and reports marked done.
import { type Role, WORK_ITEM_KINDS, type WorkItem, type Worklist } from '@engraft/domain';
import {
  Anchor,
  Badge,
  Button,
  Paper,
  SegmentedControl,
  Skeleton,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../format';

const SEVERITY = {
  alert: { color: 'red', label: 'Alert' },
  due: { color: 'orange', label: 'Due' },
  upcoming: { color: 'gray', label: 'Soon' },
} as const;

type Filter = 'all' | 'clinical' | 'visits' | 'reports';
export function defaultFilter(roles: readonly Role[]): Filter {
  if (roles.some((r) => r === 'nurse' || r === 'physician')) return 'clinical';
  return 'all';
}
const inFilter = (f: Filter, item: WorkItem): boolean =>
  f === 'all' ||
  (f === 'visits'
    ? item.kind === 'follow-up-due'
    : f === 'reports'
      ? item.kind === 'report-due'
      : item.kind !== 'follow-up-due' && item.kind !== 'report-due');

export interface WorklistActions {
  canAcknowledge: boolean;
  canComplete: boolean;
  onAcknowledge: (item: WorkItem) => void;
  onMarkDone: (item: WorkItem) => void;
}

export function WorklistTable({
  data,
  loading,
  roles,
  actions,
}: {
  data: Worklist | undefined;
  loading: boolean;
  roles: readonly Role[];
  actions: WorklistActions;
}) {
  const [filter, setFilter] = useState<Filter>(() => defaultFilter(roles));
  const count = (f: Filter): number => data?.items.filter((i) => inFilter(f, i)).length ?? 0;
  const shown = data?.items.filter((i) => inFilter(filter, i)) ?? [];
  return (
    <section aria-labelledby="worklist-heading">
      <Title order={2} id="worklist-heading" size="h3" mb="xs">
        Worklist {data && <Badge variant="light">{data.items.length}</Badge>}
      </Title>
      {data && data.items.length > 0 && (
        <SegmentedControl
          mb="sm"
          value={filter}
          onChange={(v) => setFilter(v)}
          aria-label="Show"
          data={[
            { value: 'all', label: `All (${count('all')})` },
            { value: 'clinical', label: `Clinical (${count('clinical')})` },
            { value: 'visits', label: `Visits (${count('visits')})` },
            { value: 'reports', label: `Registry reports (${count('reports')})` },
          ]}
        />
      )}
      {data && shown.length === 0 && <Text c="dimmed">Nothing is due.</Text>}
      {!data && loading && <Skeleton h={200} />}
      {shown.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={880}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Priority</Table.Th>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Day</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Details</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((item, i) => (
                  <WorkItemRow
                    key={`${item.episodeId}-${item.kind}-${item.alertKey ?? item.followUpKey ?? i}`}
                    item={item}
                    actions={actions}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </section>
  );
}

function WorkItemRow({ item, actions }: { item: WorkItem; actions: WorklistActions }) {
  return (
    <Table.Tr
      style={item.acknowledged ? { backgroundColor: 'var(--mantine-color-gray-0)' } : undefined}
      data-acknowledged={item.acknowledged ? 'true' : undefined}
    >
      <Table.Td>
        <Badge
          color={SEVERITY[item.severity].color}
          variant={item.severity === 'upcoming' || item.acknowledged ? 'light' : 'filled'}
        >
          {item.acknowledged ? 'Acknowledged' : SEVERITY[item.severity].label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/patients/${item.patientId}`} fw={600}>
          {item.patient}
        </Anchor>
        <Text fz="xs" c="dimmed" ff="monospace">
          {item.mrn}
        </Text>
      </Table.Td>
      <Table.Td ff="monospace" fw={700}>
        {item.day}
      </Table.Td>
      <Table.Td>{WORK_ITEM_KINDS[item.kind]}</Table.Td>
      <Table.Td>
        <Text fz="sm" lineClamp={item.acknowledged ? 1 : undefined}>
          {item.label}
        </Text>
        {item.acknowledged && (
          <Text fz="xs" c="dimmed">
            Acknowledged by {item.acknowledged.by}, {formatDateTime(item.acknowledged.at, { utc: true })}
            {item.acknowledged.note ? `: ${item.acknowledged.note}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {item.alertKey && !item.acknowledged && actions.canAcknowledge && (
          <Button
            size="xs"
            variant="default"
            mr={4}
            onClick={() => actions.onAcknowledge(item)}
            aria-label={`Acknowledge: ${item.label} for ${item.patient}`}
          >
            Acknowledge
          </Button>
        )}
        {item.kind === 'bedside-stop' && (
          <Anchor component={Link} to={`/episodes/${item.episodeId}/bedside`} fz="sm">
            Bedside checks
          </Anchor>
        )}
        {item.followUpKey && actions.canComplete && (
          <Button
            size="xs"
            variant="light"
            onClick={() => actions.onMarkDone(item)}
            aria-label={`Mark done: ${item.label} for ${item.patient}`}
          >
            Mark done
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
