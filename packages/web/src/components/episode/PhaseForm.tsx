// Moving the episode to another phase, opened from the patient page's "Change phase" button.
import { type Episode, EPISODE_PHASES, type EpisodePhase, phaseMove } from '@engraft/domain';
import { Button, Group, NativeSelect } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { cellTherapyLabel, formatDate, phaseLabel } from '../../format';
import { DateField } from '../DateField';
import { useChangePhase } from '../patient/api';
import { ReasonModal } from '../safety/ReasonModal';
import { ErrorAlert } from '../ErrorAlert';

const PHASES = Object.keys(EPISODE_PHASES) as EpisodePhase[];

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
  const save = useChangePhase(episode.id, { onFieldErrors: form.setErrors });

  const saved = (e: Episode) => {
    notifications.show({
      color: 'teal',
      title: 'Phase changed',
      message: `The episode is now in ${phaseLabel(e.phase)}.`,
    });
    form.setValues({ phase: '', date: today });
    onChanged();
  };

  const submit = form.onSubmit(async (values) => {
    const phase = values.phase as EpisodePhase;
    const move = phaseMove(episode.phase, phase, { dayZeroRecorded });
    if (move.ok && move.needsReason && (move.kind === 'close' || move.kind === 'backward')) {
      setPending({ phase, date: values.date, kind: move.kind });
      return;
    }
    const e = await save.submit({ phase, date: values.date });
    if (e) saved(e);
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
        <Button type="submit" mt={25} loading={save.submitting && pending === null} variant="light">
          Move
        </Button>
      </Group>
      <ErrorAlert error={pending === null ? save.error : null} />
      <ReasonModal
        opened={pending !== null}
        title={
          pending?.kind === 'close'
            ? 'Close this episode?'
            : `Move back to ${pending ? phaseLabel(pending.phase) : ''}?`
        }
        confirmLabel={pending?.kind === 'close' ? 'Close the episode' : 'Move back'}
        color={pending?.kind === 'close' ? 'red' : 'orange'}
        onClose={() => {
          setPending(null);
          save.reset();
        }}
        onConfirm={async (reason) => {
          if (pending) saved(await save.run({ phase: pending.phase, date: pending.date, reason }));
        }}
      >
        {pending?.kind === 'close'
          ? `The ${cellTherapyLabel(episode)} episode will be closed on ${formatDate(pending.date)}: it leaves Today and every worklist. Only an administrator can reopen it, with a reason.`
          : `The episode goes back from ${phaseLabel(episode.phase)} to ${pending ? phaseLabel(pending.phase) : ''}. The reason is kept on the timeline and in the audit trail.`}
      </ReasonModal>
    </form>
  );
}
