import { dayRelative, formatDay } from '@engraft/clinical';
import {
  type Diagnosis,
  type Episode,
  type EpisodeEvent,
  EpisodeEventCreateSchema,
  EPISODE_PHASES,
  type EpisodePhase,
  EpisodePhaseChangeSchema,
  type Role,
} from '@engraft/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Stepper,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { emptyToUndefined } from '../forms';
import { cellTherapyLabel, dayZeroOf, diseaseLabel, formatDate, phaseLabel } from '../format';
import { canAddEvent, canChangePhase } from '../session';
import { DateField } from './DateField';
import { EpisodeJourneyLinks } from './EpisodeJourneyLinks';
import { EpisodeProducts } from './EpisodeProducts';
import { zodResolver } from '../zodResolver';
import { EVENT_KIND_COLORS, EVENT_KIND_LABELS, Timeline } from './Timeline';

const PHASES = Object.keys(EPISODE_PHASES) as EpisodePhase[];

export function EpisodePanel({
  episode,
  diagnosis,
  events,
  today,
  roles,
  onChanged,
}: {
  episode: Episode;
  diagnosis: Diagnosis | undefined;
  events: EpisodeEvent[];
  today: string;
  roles: readonly Role[];
  onChanged: () => void;
}) {
  const d0 = dayZeroOf(episode);
  const todayDay = dayRelative(today, d0.date);
  const phaseIndex = PHASES.indexOf(episode.phase);
  const sorted = [...events].sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  const headingId = `episode-${episode.id}-heading`;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} id={headingId} fz="h3">
              {cellTherapyLabel(episode)}
            </Title>
            <Text c="dimmed" fz="sm">
              for {diagnosis ? diseaseLabel(diagnosis.disease) : 'unknown indication'}
              {episode.protocol ? ` · protocol ${episode.protocol}` : ''}
            </Text>
            <Text fz="sm" mt={4}>
              Planned day 0: <strong>{formatDate(episode.plannedDayZero)}</strong>
              {' · '}Actual day 0:{' '}
              <strong>
                {episode.actualDayZero ? formatDate(episode.actualDayZero) : 'not yet (no infusion recorded)'}
              </strong>
            </Text>
            <EpisodeJourneyLinks episode={episode} />
          </div>
          <Paper
            bg="red.0"
            px="md"
            py="xs"
            radius="md"
            ta="center"
            aria-label={`Today is ${formatDay(todayDay)}`}
            data-testid="today-day"
          >
            <Text fz={11} tt="uppercase" fw={700} c="red.9">
              Today
            </Text>
            <Text fz={28} fw={800} lh={1.1} c="red.9" ff="monospace">
              {formatDay(todayDay)}
            </Text>
            <Text fz={11} c="red.9">
              {todayDay < 0
                ? `${-todayDay} day${todayDay === -1 ? '' : 's'} to ${d0.actual ? 'actual' : 'planned'} day 0`
                : `from ${d0.actual ? 'actual' : 'planned'} day 0`}
            </Text>
          </Paper>
        </Group>

        <section aria-label="Phase">
          <VisuallyHidden>
            Current phase: {phaseLabel(episode.phase)} (step {phaseIndex + 1} of {PHASES.length}:{' '}
            {PHASES.map((p) => EPISODE_PHASES[p]).join(', ')})
          </VisuallyHidden>
          {/* The stepper is a picture of the same sentence; its steps are not controls, so keep them from assistive tech. */}
          <div aria-hidden>
            <Stepper
              active={episode.phase === 'closed' ? PHASES.length : phaseIndex}
              size="xs"
              allowNextStepsSelect={false}
            >
              {PHASES.map((p, i) => (
                <Stepper.Step
                  key={p}
                  label={EPISODE_PHASES[p]}
                  description={i === phaseIndex ? 'current' : undefined}
                />
              ))}
            </Stepper>
          </div>
          {canChangePhase(roles) && episode.phase !== 'closed' && (
            <PhaseForm episode={episode} today={today} onChanged={onChanged} />
          )}
        </section>

        <section aria-labelledby={`${headingId}-timeline`}>
          <Title order={3} fz="h4" id={`${headingId}-timeline`} mb="xs">
            Timeline
          </Title>
          <Timeline
            events={sorted}
            dayZero={d0.date}
            dayZeroIsActual={d0.actual}
            today={today}
            title={`Timeline of the ${cellTherapyLabel(episode)} episode in days from ${d0.actual ? 'actual' : 'planned'} day 0`}
          />
        </section>

        <EpisodeProducts episodeId={episode.id} roles={roles} />

        <section aria-labelledby={`${headingId}-events`}>
          <Title order={3} fz="h4" id={`${headingId}-events`} mb="xs">
            Events
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Day</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col">Event</Table.Th>
                  <Table.Th scope="col">Recorded by</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed">No events yet.</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {sorted.map((ev) => (
                  <Table.Tr key={ev.id}>
                    <Table.Td>{formatDate(ev.date)}</Table.Td>
                    <Table.Td ff="monospace" fw={600}>
                      {formatDay(dayRelative(ev.date, d0.date))}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={kindColor(ev.kind)}>
                        {EVENT_KIND_LABELS[ev.kind] ?? ev.kind}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{ev.label}</Table.Td>
                    <Table.Td>
                      {ev.recordedBy ?? (
                        <Text span fz="sm" c="dimmed">
                          system
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {canAddEvent(roles) && (
            <EventForm episodeId={episode.id} today={today} dayZero={d0.date} onChanged={onChanged} />
          )}
        </section>
      </Stack>
    </Paper>
  );
}

function kindColor(kind: string): string {
  const css = EVENT_KIND_COLORS[kind] ?? '';
  return /color-(\w+)-/.exec(css)?.[1] ?? 'gray';
}

interface PhaseValues {
  phase: string;
  date: string;
  reason: string;
}

function PhaseForm({ episode, today, onChanged }: { episode: Episode; today: string; onChanged: () => void }) {
  const current = PHASES.indexOf(episode.phase);
  const next = PHASES[current + 1];
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const toBody = (v: PhaseValues) => ({
    phase: emptyToUndefined(v.phase),
    date: emptyToUndefined(v.date),
    reason: v.reason.trim() || undefined,
  });
  const form = useForm<PhaseValues>({
    mode: 'controlled',
    initialValues: { phase: next ?? '', date: today, reason: '' },
    validate: (v) => {
      const errors = zodResolver<PhaseValues>(EpisodePhaseChangeSchema, toBody)(v);
      const to = PHASES.indexOf(v.phase as EpisodePhase);
      if (to === current) errors.phase = `The episode is already in ${phaseLabel(episode.phase)}`;
      if (to >= 0 && to < current && !v.reason.trim()) errors.reason = 'Moving back to an earlier phase needs a reason';
      return errors;
    },
  });
  const target = PHASES.indexOf(form.values.phase as EpisodePhase);
  const backwards = target >= 0 && target < current;

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      const e = await api<Episode>('POST', `/episodes/${episode.id}/phase`, toBody(values));
      notifications.show({
        color: 'teal',
        title: 'Phase changed',
        message: `The episode is now in ${phaseLabel(e.phase)}.`,
      });
      form.setValues({ phase: PHASES[PHASES.indexOf(e.phase) + 1] ?? '', date: today, reason: '' });
      onChanged();
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
          data={PHASES.map((p, i) => ({
            value: p,
            label: `${EPISODE_PHASES[p]}${i === current ? ' (current)' : i < current ? ' (back)' : ''}`,
          }))}
          {...form.getInputProps('phase')}
          w={220}
        />
        <DateField label="Date of change" {...form.getInputProps('date')} w={170} />
        {backwards && (
          <Textarea
            label="Reason for moving back"
            required
            autosize
            minRows={1}
            {...form.getInputProps('reason')}
            w={300}
          />
        )}
        <Button type="submit" mt={25} loading={submitting} variant="light">
          Move
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

interface EventValues {
  date: string;
  kind: string;
  label: string;
}

function EventForm({
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
