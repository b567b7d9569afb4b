// The episode's own data-entry forms (phase change, closure and reopening, timeline events), opened from the
// patient page's "Record…" buttons.
import { dayRelative, formatDay } from '@engraft/clinical';
import {
  type Episode,
  type EpisodeEvent,
  EpisodeEventCreateSchema,
  EPISODE_PHASES,
  type EpisodePhase,
  EPISODE_REOPENERS,
  phaseMove,
  type Role,
} from '@engraft/domain';
import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api';
import { emptyToUndefined } from '../../forms';
import { cellTherapyLabel, formatDate, phaseLabel } from '../../format';
import { hasAnyRole } from '../../session';
import { ReasonModal } from '../safety/ReasonModal';
import { DateField } from '../DateField';
import { zodResolver } from '../../zodResolver';
import { EVENT_KIND_COLORS, EVENT_KIND_LABELS } from '../Timeline';

const PHASES = Object.keys(EPISODE_PHASES) as EpisodePhase[];

export function kindColor(kind: string): string {
  const css = EVENT_KIND_COLORS[kind] ?? '';
  return /color-(\w+)-/.exec(css)?.[1] ?? 'gray';
}

interface PhaseValues {
  phase: string;
  date: string;
}

/**
 * Move to another phase. Nothing is preselected (a preselected "next phase" closed episodes with one click);
 * closing, moving back (and reopening) ask for a reason in a dialog, which goes to the audit event and the
 * timeline (ADR 0610).
 */
export function PhaseForm({ episode, today, onChanged }: { episode: Episode; today: string; onChanged: () => void }) {
  const current = PHASES.indexOf(episode.phase);
  const dayZeroRecorded = episode.actualDayZero !== null;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [pending, setPending] = useState<{ phase: EpisodePhase; date: string; kind: 'close' | 'backward' } | null>(
    null
  );
  const form = useForm<PhaseValues>({
    mode: 'controlled',
    initialValues: { phase: '', date: today },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.phase) errors.phase = 'Choose the phase to move to';
      if (!v.date) errors.date = 'Enter the date of the change';
      if (v.phase) {
        const move = phaseMove(episode.phase, v.phase as EpisodePhase, { dayZeroRecorded });
        if (!move.ok) errors.phase = move.message;
      }
      return errors;
    },
  });

  async function send(phase: EpisodePhase, date: string, reason?: string): Promise<void> {
    const e = await api<Episode>('POST', `/episodes/${episode.id}/phase`, {
      phase,
      date,
      ...(reason ? { reason } : {}),
    });
    notifications.show({
      color: 'teal',
      title: 'Phase changed',
      message: `The episode is now in ${phaseLabel(e.phase)}.`,
    });
    form.setValues({ phase: '', date: today });
    onChanged();
  }

  const submit = form.onSubmit(async (values) => {
    const phase = values.phase as EpisodePhase;
    const move = phaseMove(episode.phase, phase, { dayZeroRecorded });
    if (move.ok && move.needsReason && (move.kind === 'close' || move.kind === 'backward')) {
      setPending({ phase, date: values.date, kind: move.kind });
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await send(phase, values.date);
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Move episode to another phase">
      <Group align="flex-start" mt="md" gap="sm">
        <NativeSelect
          label="Move to phase"
          data={[
            { value: '', label: 'Choose a phase…' },
            ...PHASES.map((p, i) => ({
              value: p,
              label: `${EPISODE_PHASES[p]}${i === current ? ' (current)' : p === 'closed' ? ' (ends follow-up; asks for a reason)' : i < current ? ' (back; asks for a reason)' : ''}`,
              disabled: i === current,
            })),
          ]}
          {...form.getInputProps('phase')}
          w={300}
        />
        <DateField label="Date of change" {...form.getInputProps('date')} w={170} />
        <Button type="submit" mt={25} loading={submitting} variant="light">
          Move
        </Button>
      </Group>
      {error && (
        <Alert color="red" mt="xs" role="alert">
          {error}
        </Alert>
      )}
      <ReasonModal
        opened={pending !== null}
        title={
          pending?.kind === 'close'
            ? 'Close this episode?'
            : `Move back to ${pending ? phaseLabel(pending.phase) : ''}?`
        }
        confirmLabel={pending?.kind === 'close' ? 'Close the episode' : 'Move back'}
        color={pending?.kind === 'close' ? 'red' : 'orange'}
        onClose={() => setPending(null)}
        onConfirm={async (reason) => {
          if (pending) await send(pending.phase, pending.date, reason);
        }}
      >
        {pending?.kind === 'close'
          ? `The ${cellTherapyLabel(episode)} episode will be closed on ${formatDate(pending.date)}: it leaves Today and every worklist. Only an administrator can reopen it, with a reason.`
          : `The episode goes back from ${phaseLabel(episode.phase)} to ${pending ? phaseLabel(pending.phase) : ''}. The reason is kept on the timeline and in the audit trail.`}
      </ReasonModal>
    </form>
  );
}

/** Who closed the episode, when and why; administrators can reopen it with a reason. */
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
              const e = await api<Episode>('POST', `/episodes/${episode.id}/reopen`, { phase, date: today, reason });
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

interface EventValues {
  date: string;
  kind: string;
  label: string;
}

export function EventForm({
  episodeId,
  today,
  dayZero,
  onChanged,
}: {
  episodeId: string;
  today: string;
  dayZero: string;
  onChanged: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const toBody = (v: EventValues) => ({
    date: emptyToUndefined(v.date),
    kind: emptyToUndefined(v.kind),
    label: v.label,
  });
  const form = useForm<EventValues>({
    mode: 'controlled',
    initialValues: { date: today, kind: 'note', label: '' },
    validate: zodResolver<EventValues>(EpisodeEventCreateSchema, toBody),
  });
  let dayHint = '';
  try {
    dayHint = form.values.date ? formatDay(dayRelative(form.values.date, dayZero)) : '';
  } catch {
    dayHint = '';
  }
  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      await api<EpisodeEvent>('POST', `/episodes/${episodeId}/events`, toBody(values));
      notifications.show({ color: 'teal', title: 'Event recorded', message: values.label });
      form.setValues({ date: today, kind: values.kind, label: '' });
      form.resetTouched();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Record an event">
      <Title order={4} fz="h5" mt="md" mb={4}>
        Record an event
      </Title>
      <Group align="flex-start" gap="sm">
        <DateField label="Event date" description={dayHint || undefined} {...form.getInputProps('date')} w={190} />
        <NativeSelect
          label="Kind"
          data={['note', 'admission', 'discharge', 'milestone'].map((k) => ({
            value: k,
            label: EVENT_KIND_LABELS[k] ?? k,
          }))}
          {...form.getInputProps('kind')}
          w={150}
        />
        <TextInput
          label="What happened"
          placeholder="e.g. Admitted for conditioning"
          {...form.getInputProps('label')}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Button type="submit" mt={25} loading={submitting} variant="light">
          Add event
        </Button>
      </Group>
      {error && (
        <Alert color="red" mt="xs" role="alert">
          {error}
        </Alert>
      )}
    </form>
  );
}
