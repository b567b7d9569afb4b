// The patient page: a sticky banner, then tabs (ADR 0800). The record is read through the data layer (ADR 0021);
// a section's write refreshes it.
import { type Episode, PATIENT_WRITERS } from '@engraft/domain';
import { Alert, Anchor, Button, Group, Loader, Modal, SegmentedControl, Stack, Tabs, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { EpisodeForm } from '../components/EpisodeForm';
import { usePatientRecord, useReloadPatientRecord } from '../components/patient/api';
import { PatientBanner } from '../components/patient/PatientBanner';
import { cellTherapyLabel, displayName, formatDate } from '../format';
import { hasAnyRole, useSignedIn } from '../session';
import { PATIENT_TABS, tabOf } from './patient/patientTabs';

/** The patient page: a sticky banner, then tabs (Summary, Timeline, Products, Monitoring, Forms; ?tab= in the URL). */
export function PatientPage() {
  const { patientId = '' } = useParams();
  const location = useLocation();
  const [search, setSearch] = useSearchParams();
  const info = useSignedIn();
  const roles = info.user.roles;
  const canWrite = hasAnyRole(roles, PATIENT_WRITERS);
  const query = usePatientRecord(patientId);
  const reload = useReloadPatientRecord(patientId);
  const record = query.data;
  const error = query.error
    ? { status: query.error instanceof ApiError ? query.error.status : 0, text: errorMessage(query.error) }
    : null;
  const [opening, setOpening] = useState(false);
  const [notice, setNotice] = useState<string | null>(() => {
    const n = (location.state as { notice?: unknown } | null)?.notice;
    return typeof n === 'string' ? n : null;
  });
  const tab = tabOf(search.get('tab'));
  const selected = search.get('episode');
  const setParam = (key: string, value: string) =>
    setSearch(
      (s) => {
        s.set(key, value);
        return s;
      },
      { replace: true }
    );

  useDocumentTitle(record ? `${displayName(record.patient)} · Engraft` : 'Patient · Engraft');

  if (error && !record) {
    return (
      <Stack maw={700}>
        <Anchor component={Link} to="/patients" fz="sm">
          ← Patients
        </Anchor>
        <Alert
          color="red"
          title={error.status === 404 ? 'Patient not found' : 'Could not load the patient'}
          role="alert"
        >
          {error.status === 404 ? 'There is no patient with this address in your centre.' : error.text}
        </Alert>
      </Stack>
    );
  }
  if (!record) {
    return (
      <Group justify="center" py="xl">
        <Loader aria-label="Loading the patient record" />
      </Group>
    );
  }

  const { patient, diagnoses, episodes, events, today } = record;
  // Newest episode first; the one shown is the chosen one, else the newest.
  const byNewest = [...episodes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const episode: Episode | undefined = byNewest.find((e) => e.id === selected) ?? byNewest[0];
  const episodeEvents = events
    .filter((ev) => ev.episodeId === episode?.id)
    .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));

  const episodeControls = (
    <Group justify="space-between" wrap="wrap" gap="sm" className="no-print">
      {byNewest.length > 1 ? (
        <SegmentedControl
          aria-label="Choose the episode"
          value={episode?.id ?? ''}
          onChange={(id) => setParam('episode', id)}
          data={byNewest.map((e) => ({
            value: e.id,
            label: `${cellTherapyLabel(e)} · ${formatDate(e.actualDayZero ?? e.plannedDayZero)}`,
          }))}
        />
      ) : (
        <span />
      )}
      {canWrite && (
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setOpening(true)}>
          Open episode
        </Button>
      )}
      {!episode && canWrite && (
        <Text c="dimmed" fz="sm" w="100%">
          No transplant or cell-therapy episode yet. Use “Open episode” to plan one with its day 0.
        </Text>
      )}
    </Group>
  );

  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/patients" fz="sm" className="no-print">
        ← Patients
      </Anchor>
      <PatientBanner patient={patient} episode={episode} today={today} headingId="patient-name" />
      {notice && (
        <Alert color="yellow" title="Action needed" withCloseButton onClose={() => setNotice(null)} role="alert">
          {notice}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert">
          Could not refresh: {error.text}
        </Alert>
      )}
      <Tabs value={tab.value} onChange={(v) => v && setParam('tab', v)} keepMounted={false}>
        <Tabs.List className="no-print patient-tabs">
          {PATIENT_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {PATIENT_TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value} pt="md">
            {t.value === tab.value &&
              t.render({
                record,
                episode,
                diagnosis: diagnoses.find((d) => d.id === episode?.diagnosisId),
                events: episodeEvents,
                roles,
                canWrite,
                reload,
                episodeControls,
              })}
          </Tabs.Panel>
        ))}
      </Tabs>
      <Modal opened={opening} onClose={() => setOpening(false)} title="Open episode" size="lg">
        <EpisodeForm
          patientId={patient.id}
          diagnoses={diagnoses}
          onCancel={() => setOpening(false)}
          onSaved={(e) => {
            setOpening(false);
            setNotice(null);
            setParam('episode', e.id);
            reload();
          }}
        />
      </Modal>
    </Stack>
  );
}
