// A closed episode: who closed it, when and why; administrators can reopen it with a reason (ADR 0610).
import {
  type Episode,
  EPISODE_PHASES,
  type EpisodePhase,
  EPISODE_REOPENERS,
  phaseMove,
  type Role,
} from '@engraft/domain';
import { Alert, Button, NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatDate, phaseLabel } from '../../format';
import { hasAnyRole } from '../../session';
import { useReopenEpisode } from '../patient/api';
import { ReasonModal } from '../safety/ReasonModal';

const PHASES = Object.keys(EPISODE_PHASES) as EpisodePhase[];

export function ClosureBox({
  episode,
  roles,
  today,
  onChanged,
}: {
  episode: Episode;
  roles: readonly Role[];
  today: string;
  onChanged: () => void;
}) {
  const c = episode.closure;
  const [opened, setOpened] = useState(false);
  const reopen = useReopenEpisode(episode.id);
  const allowed = PHASES.filter(
    (p) => phaseMove('closed', p, { dayZeroRecorded: episode.actualDayZero !== null, reopen: true }).ok
  );
  const [phase, setPhase] = useState<EpisodePhase>(
    c?.fromPhase && allowed.includes(c.fromPhase) ? c.fromPhase : (allowed.at(-1) ?? 'long-term-follow-up')
  );
  return (
    <Alert color="gray" mt="md" title="This episode is closed" data-testid="episode-closure">
      <Text fz="sm">
        {c
          ? `Closed on ${formatDate(c.on)} by ${c.by ?? 'system'}, from ${phaseLabel(c.fromPhase)}. Reason: ${c.reason}`
          : 'Closed (no closure record: closed before closures were recorded; see the timeline).'}
      </Text>
      {hasAnyRole(roles, EPISODE_REOPENERS) && (
        <>
          <Button mt="sm" size="xs" variant="default" onClick={() => setOpened(true)}>
            Reopen episode
          </Button>
          <ReasonModal
            opened={opened}
            title="Reopen this episode?"
            confirmLabel="Reopen"
            color="blue"
            onClose={() => setOpened(false)}
            onConfirm={async (reason) => {
              const e = await reopen.run({ phase, date: today, reason });
              notifications.show({
                color: 'teal',
                title: 'Episode reopened',
                message: `The episode is in ${phaseLabel(e.phase)} again.`,
              });
              onChanged();
            }}
          >
            <Stack gap="xs">
              <Text fz="sm">
                The episode returns to the worklists. The reason is kept on the timeline and in the audit trail.
              </Text>
              <NativeSelect
                label="Reopen in phase"
                data={allowed.map((p) => ({
                  value: p,
                  label: `${EPISODE_PHASES[p]}${p === c?.fromPhase ? ' (closed from)' : ''}`,
                }))}
                value={phase}
                onChange={(e) => setPhase(e.currentTarget.value as EpisodePhase)}
              />
            </Stack>
          </ReasonModal>
        </>
      )}
    </Alert>
  );
}
