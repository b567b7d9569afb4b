import {
  ALERT_ACKNOWLEDGERS,
  EPISODE_PHASES,
  FOLLOW_UP_WRITERS,
  type FollowUpDone,
  type Role,
  WORK_ITEM_KINDS,
  type WorkItem,
  type Worklist,
} from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api';
import { formatDate, formatDateTime } from '../format';
import { ReasonModal } from '../components/safety/ReasonModal';
import { AcknowledgeModal } from '../components/today/AcknowledgeModal';
import { hasAnyRole, useSignedIn } from '../session';

const SEVERITY = {
  alert: { color: 'red', label: 'Alert' },
  due: { color: 'orange', label: 'Due' },
  upcoming: { color: 'gray', label: 'Soon' },
} as const;

type Filter = 'all' | 'clinical' | 'visits' | 'reports';
function defaultFilter(roles: readonly Role[]): Filter {
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

/** The programme dashboard: episodes per phase and today's worklist, alerts first. */
export function TodayPage() {
  const info = useSignedIn();
  const [data, setData] = useState<Worklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canComplete = hasAnyRole(info.user.roles, FOLLOW_UP_WRITERS);
  const canAcknowledge = hasAnyRole(info.user.roles, ALERT_ACKNOWLEDGERS);
  // The ward (nurses, physicians) starts on clinical items; the other roles on everything, alerts first.
  const [filter, setFilter] = useState<Filter>(() => defaultFilter(info.user.roles));
  const [acknowledging, setAcknowledging] = useState<WorkItem | null>(null);
  const [undoing, setUndoing] = useState<FollowUpDone | null>(null);
  useDocumentTitle('Today · Engraft');

  const load = useCallback((signal?: AbortSignal) => {
    api<Worklist>('GET', '/worklist', undefined, signal ? { signal } : {}).then(
      (w) => {
        setData(w);
        setError(null);
      },
      (e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(errorMessage(e));
      }
    );
  }, []);
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  async function markDone(item: WorkItem): Promise<void> {
    if (!item.followUpKey || !data) return;
    try {
      await api('POST', `/episodes/${item.episodeId}/follow-ups/${item.followUpKey}`, { completedOn: data.today });
      notifications.show({ color: 'teal', message: `${item.label.split(' — ')[0]} marked done for ${item.patient}` });
      load();
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    }
  }

  const followed = data?.phases.filter((p) => p.phase !== 'closed') ?? [];
  const count = (f: Filter): number => data?.items.filter((i) => inFilter(f, i)).length ?? 0;
  const shown = data?.items.filter((i) => inFilter(filter, i)) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Today</Title>
        <Group gap="sm">
          {data && <Text c="dimmed">{formatDate(data.today)}</Text>}
          <Button component={Link} to="/print/handover" variant="default" size="xs" className="no-print">
            Ward handover sheet
          </Button>
        </Group>
      </Group>
      {error && (
        <Alert color="red" title="The worklist could not be loaded">
          {error}
        </Alert>
      )}
      <section aria-labelledby="phases-heading">
        <Title order={2} id="phases-heading" size="h3" mb="xs">
          Episodes by phase
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
          {(data
            ? followed
            : Object.keys(EPISODE_PHASES)
                .slice(0, 6)
                .map((phase) => ({ phase, n: 0 }))
          ).map((p) => (
            <Paper key={p.phase} withBorder p="sm" radius="md">
              <Text fz="xs" tt="uppercase" c="dimmed" fw={700}>
                {EPISODE_PHASES[p.phase as keyof typeof EPISODE_PHASES]}
              </Text>
              {data ? (
                <Text fz={28} fw={700}>
                  {p.n}
                </Text>
              ) : (
                <Skeleton h={34} mt={4} />
              )}
            </Paper>
          ))}
        </SimpleGrid>
      </section>
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
        {!data && !error && <Skeleton h={200} />}
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
                    <Table.Tr
                      key={`${item.episodeId}-${item.kind}-${item.alertKey ?? item.followUpKey ?? i}`}
                      style={item.acknowledged ? { opacity: 0.6 } : undefined}
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
                            Acknowledged by {item.acknowledged.by},{' '}
                            {formatDateTime(item.acknowledged.at, { utc: true })}
                            {item.acknowledged.note ? `: ${item.acknowledged.note}` : ''}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {item.alertKey && !item.acknowledged && canAcknowledge && (
                          <Button
                            size="xs"
                            variant="default"
                            mr={4}
                            onClick={() => setAcknowledging(item)}
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
                        {item.followUpKey && canComplete && (
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => void markDone(item)}
                            aria-label={`Mark done: ${item.label} for ${item.patient}`}
                          >
                            Mark done
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </section>
      {data && data.recentlyDone.length > 0 && (
        <section aria-labelledby="done-heading">
          <Title order={2} id="done-heading" size="h3" mb="xs">
            Marked done recently
          </Title>
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Patient</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th>Done on</Table.Th>
                    <Table.Th>Marked by</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.recentlyDone.map((d) => (
                    <Table.Tr key={`${d.episodeId}-${d.key}`}>
                      <Table.Td>
                        {d.patient}{' '}
                        <Text span fz="xs" c="dimmed" ff="monospace">
                          {d.mrn}
                        </Text>
                      </Table.Td>
                      <Table.Td>{d.label}</Table.Td>
                      <Table.Td>{formatDate(d.completedOn)}</Table.Td>
                      <Table.Td>{d.recordedBy ?? 'system'}</Table.Td>
                      <Table.Td>
                        {canComplete && (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setUndoing(d)}
                            aria-label={`Undo done: ${d.label} for ${d.patient}`}
                          >
                            Undo
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </section>
      )}
      <AcknowledgeModal item={acknowledging} onClose={() => setAcknowledging(null)} onDone={() => load()} />
      <ReasonModal
        opened={undoing !== null}
        title="Undo “done”?"
        confirmLabel="Undo done"
        color="orange"
        onClose={() => setUndoing(null)}
        onConfirm={async (reason) => {
          if (!undoing) return;
          await api('DELETE', `/episodes/${undoing.episodeId}/follow-ups/${undoing.key}`, { reason });
          notifications.show({ color: 'teal', message: `${undoing.label} is due again for ${undoing.patient}` });
          load();
        }}
      >
        {undoing
          ? `${undoing.label} for ${undoing.patient} goes back on the worklist. The reason is kept in the audit trail.`
          : ''}
      </ReasonModal>
    </Stack>
  );
}
