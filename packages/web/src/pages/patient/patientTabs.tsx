// The patient page's tabs as one small list: each has a URL value (?tab=…), a label and what it shows. A new
// area adds one entry here. Data entry sits behind "Record…" buttons (components/RecordDrawer.tsx).
import type { Diagnosis, Episode, EpisodeEvent, PatientRecord, Role } from '@engraft/domain';
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EpisodeEvents } from '../../components/episode/EpisodeEvents';
import { EpisodeOverview } from '../../components/episode/EpisodeOverview';
import { EventForm } from '../../components/episode/EventForm';
import { PhaseForm } from '../../components/episode/PhaseForm';
import { EpisodeJourneyLinks } from '../../components/EpisodeJourneyLinks';
import { EpisodeProducts } from '../../components/EpisodeProducts';
import { PatientHlaPanel } from '../../components/hla/PatientHlaPanel';
import { MonitoringSection } from '../../components/monitoring/MonitoringSection';
import { PatientFacts } from '../../components/patient/PatientFacts';
import { RecordDrawer } from '../../components/RecordDrawer';
import { Timeline } from '../../components/Timeline';
import { cellTherapyLabel, dayZeroOf } from '../../format';
import { canAddEvent, canChangePhase } from '../../session';
import { PrintLinks } from './PrintLinks';

export interface TabContext {
  record: PatientRecord;
  episode: Episode | undefined;
  diagnosis: Diagnosis | undefined;
  events: EpisodeEvent[];
  roles: readonly Role[];
  canWrite: boolean;
  reload: () => void;
  /** The episode choice and "Open episode" controls (the Summary tab shows them). */
  episodeControls: ReactNode;
}

export interface PatientTab {
  value: string;
  label: string;
  render: (c: TabContext) => ReactNode;
}

const noEpisode = (
  <Paper withBorder p="lg">
    <Text c="dimmed">No transplant or cell-therapy episode yet.</Text>
  </Paper>
);

export const PATIENT_TABS: readonly PatientTab[] = [
  {
    value: 'summary',
    label: 'Summary',
    render: (c) => (
      <Stack gap="md">
        <PatientFacts record={c.record} canWrite={c.canWrite} onChanged={c.reload} />
        {c.episodeControls}
        {c.episode && (
          <EpisodeOverview
            key={c.episode.id}
            episode={c.episode}
            diagnosis={c.diagnosis}
            today={c.record.today}
            roles={c.roles}
            onChanged={c.reload}
          />
        )}
        <PatientHlaPanel patientId={c.record.patient.id} />
        <Anchor component={Link} to={`/patients/${c.record.patient.id}/family`}>
          Family work-up: relatives, haplotypes, antibodies, related donors
        </Anchor>
      </Stack>
    ),
  },
  {
    value: 'timeline',
    label: 'Timeline',
    render: ({ episode, events, record, roles, reload }) => {
      if (!episode) return noEpisode;
      const d0 = dayZeroOf(episode);
      return (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="timeline-heading">
          <Group justify="space-between" mb="xs">
            <Title order={2} fz="h3" id="timeline-heading">
              Timeline
            </Title>
            {canAddEvent(roles) && (
              <RecordDrawer label="Record event" title="Record an event">
                {(done) => (
                  <EventForm
                    episodeId={episode.id}
                    today={record.today}
                    dayZero={d0.date}
                    onChanged={() => {
                      done();
                      reload();
                    }}
                  />
                )}
              </RecordDrawer>
            )}
          </Group>
          <Timeline
            events={events}
            dayZero={d0.date}
            dayZeroIsActual={d0.actual}
            today={record.today}
            title={`Timeline of the ${cellTherapyLabel(episode)} episode in days from ${d0.actual ? 'actual' : 'planned'} day 0`}
          />
          <Title order={3} fz="h4" mt="md" mb="xs">
            Events
          </Title>
          <EpisodeEvents events={events} dayZero={d0.date} />
        </Paper>
      );
    },
  },
  {
    value: 'products',
    label: 'Products',
    render: ({ episode, roles }) =>
      episode ? (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
          <EpisodeProducts key={episode.id} episodeId={episode.id} roles={roles} />
        </Paper>
      ) : (
        noEpisode
      ),
  },
  {
    value: 'monitoring',
    label: 'Monitoring',
    render: ({ episode, record, roles }) => {
      if (!episode) return noEpisode;
      if (record.today < dayZeroOf(episode).date) {
        return (
          <Paper withBorder p="lg">
            <Text c="dimmed">Monitoring starts on day 0 (counts, assessments and results from the infusion on).</Text>
          </Paper>
        );
      }
      return (
        <MonitoringSection key={`m-${episode.id}`} episode={episode} patientId={record.patient.id} roles={roles} />
      );
    },
  },
  {
    value: 'forms',
    label: 'Forms',
    render: ({ episode, record, roles, reload }) =>
      episode ? (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="forms-heading">
          <Title order={2} fz="h3" id="forms-heading" mb="xs">
            Forms and care-journey pages
          </Title>
          <Group gap="sm" mb="md">
            {canChangePhase(roles) && episode.phase !== 'closed' && (
              <RecordDrawer label="Change phase" title="Move the episode to another phase">
                {(done) => (
                  <PhaseForm
                    episode={episode}
                    today={record.today}
                    onChanged={() => {
                      done();
                      reload();
                    }}
                  />
                )}
              </RecordDrawer>
            )}
            <PrintLinks patientId={record.patient.id} episodeId={episode.id} />
          </Group>
          <Text fz="sm" c="dimmed">
            Each step of the care journey has its own page:
          </Text>
          <EpisodeJourneyLinks episode={episode} />
        </Paper>
      ) : (
        noEpisode
      ),
  },
];

export const tabOf = (value: string | null): PatientTab =>
  PATIENT_TABS.find((t) => t.value === value) ?? PATIENT_TABS[0]!;
