// Today (issue 18): the programme at a glance (episodes per phase), the sections of the user's roles (ADR 0801),
// the worklist (alerts first) and what was marked done recently. Acknowledging an alert and undoing "done" go
// through the one reason dialog.
import { ALERT_ACKNOWLEDGERS, FOLLOW_UP_WRITERS, type FollowUpDone, type WorkItem } from '@engraft/domain';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { QueryState } from '../../data/QueryState';
import { formatDate } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { useAcknowledgeAlert, useMarkDone, useTodayByRole, useUndoDone, useWorklist } from './api';
import { PhaseCounts } from './PhaseCounts';
import { RecentlyDone } from './RecentlyDone';
import { RoleSections } from './RoleSections';
import { WorklistTable } from './WorklistTable';

export function TodayPage() {
  useDocumentTitle('Today · Engraft');
  const roles = useSignedIn().user.roles;
  const worklist = useWorklist();
  const byRole = useTodayByRole({ enabled: !worklist.isPending });
  const acknowledge = useAcknowledgeAlert();
  const markDone = useMarkDone();
  const undoDone = useUndoDone();
  const [acknowledging, setAcknowledging] = useState<WorkItem | null>(null);
  const [undoing, setUndoing] = useState<FollowUpDone | null>(null);
  const canComplete = hasAnyRole(roles, FOLLOW_UP_WRITERS);
  const data = worklist.data;

  async function onMarkDone(item: WorkItem): Promise<void> {
    if (!item.followUpKey || !data) return;
    try {
      await markDone.run({ item, completedOn: data.today });
      notifications.show({ color: 'teal', message: `${item.label.split(' — ')[0]} marked done for ${item.patient}` });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    }
  }

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
      {worklist.isError && (
        <Alert color="red" title="The worklist could not be loaded" role="alert">
          {errorMessage(worklist.error)}
        </Alert>
      )}
      <PhaseCounts data={data} />
      <QueryState query={byRole} what="your sections" isEmpty={(t) => t.sections.length === 0} empty={null}>
        {(t) => <RoleSections sections={t.sections} />}
      </QueryState>
      <WorklistTable
        data={data}
        loading={worklist.isPending}
        roles={roles}
        actions={{
          canAcknowledge: hasAnyRole(roles, ALERT_ACKNOWLEDGERS),
          canComplete,
          onAcknowledge: setAcknowledging,
          onMarkDone: (item) => void onMarkDone(item),
        }}
      />
      {data && <RecentlyDone done={data.recentlyDone} canUndo={canComplete} onUndo={setUndoing} />}
      <ReasonModal
        opened={acknowledging !== null}
        title="Acknowledge alert"
        label="Note (optional)"
        minLength={0}
        maxLength={500}
        confirmLabel="Acknowledge"
        color="blue"
        onClose={() => setAcknowledging(null)}
        onConfirm={(note) => acknowledge.run({ alertKey: acknowledging?.alertKey ?? '', note })}
      >
        {acknowledging
          ? `${acknowledging.patient}: ${acknowledging.label}. It stays on the list, collapsed, with your name and the time; a new result raises a new alert.`
          : ''}
      </ReasonModal>
      <ReasonModal
        opened={undoing !== null}
        title="Undo “done”?"
        confirmLabel="Undo done"
        color="orange"
        onClose={() => setUndoing(null)}
        onConfirm={async (reason) => {
          if (!undoing) return;
          await undoDone.run({ done: undoing, reason });
          notifications.show({ color: 'teal', message: `${undoing.label} is due again for ${undoing.patient}` });
        }}
      >
        {undoing
          ? `${undoing.label} for ${undoing.patient} goes back on the worklist. The reason is kept in the audit trail.`
          : ''}
      </ReasonModal>
    </Stack>
  );
}
