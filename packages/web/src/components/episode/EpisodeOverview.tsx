// An episode at a glance on the patient page's Summary tab: what it is and for what, day 0 planned and actual,
// today's day from day 0, and the phase (with its closure once closed).
import { dayRelative, formatDay } from '@engraft/clinical';
import { type Diagnosis, type Episode, EPISODE_PHASES, type EpisodePhase, type Role } from '@engraft/domain';
import { Group, Paper, Stack, Stepper, Text, Title, VisuallyHidden } from '@mantine/core';
import { cellTherapyLabel, dayZeroOf, diseaseLabel, formatDate, phaseLabel } from '../../format';
import { EpisodeJourneyLinks } from '../EpisodeJourneyLinks';
import { ClosureBox } from './ClosureBox';

const PHASES = Object.keys(EPISODE_PHASES) as EpisodePhase[];

export function EpisodeOverview({
  episode,
  diagnosis,
  today,
  roles,
  onChanged,
}: {
  episode: Episode;
  diagnosis: Diagnosis | undefined;
  today: string;
  roles: readonly Role[];
  onChanged: () => void;
}) {
  const d0 = dayZeroOf(episode);
  const todayDay = dayRelative(today, d0.date);
  const phaseIndex = PHASES.indexOf(episode.phase);
  const headingId = `episode-${episode.id}-heading`;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby={headingId}>
      <Stack gap="md">
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
          <div aria-hidden className="phase-stepper">
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
          {episode.phase === 'closed' && (
            <ClosureBox episode={episode} roles={roles} today={today} onChanged={onChanged} />
          )}
        </section>
      </Stack>
    </Paper>
  );
}
