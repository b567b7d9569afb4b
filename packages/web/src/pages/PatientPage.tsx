import { DISEASE_STATUSES, type Episode, PATIENT_WRITERS, PatientRecordSchema } from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, apiGet, errorMessage } from '../api';
import { DiagnosisForm } from '../components/DiagnosisForm';
import { EpisodeForm } from '../components/EpisodeForm';
import { EpisodePanel } from '../components/EpisodePanel';
import { PatientHlaPanel } from '../components/hla/PatientHlaPanel';
import { MonitoringSection } from '../components/monitoring/MonitoringSection';
import { ageLabel, cellTherapyLabel, diseaseLabel, displayName, formatDate, phaseLabel, SEX_LABELS } from '../format';
import { hasAnyRole, useSignedIn } from '../session';
import type { PatientRecord } from '@engraft/domain';

export function PatientPage() {
  const { patientId = '' } = useParams();
  const location = useLocation();
  const info = useSignedIn();
  const roles = info.user.roles;
  const canWrite = hasAnyRole(roles, PATIENT_WRITERS);
  const [record, setRecord] = useState<PatientRecord | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [modal, setModal] = useState<'diagnosis' | 'episode' | null>(null);
  const [notice, setNotice] = useState<string | null>(() => {
    const n = (location.state as { notice?: unknown } | null)?.notice;
    return typeof n === 'string' ? n : null;
  });

  useDocumentTitle(record ? `${displayName(record.patient)} · Engraft` : 'Patient · Engraft');

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const ctrl = new AbortController();
    apiGet(`/patients/${patientId}`, PatientRecordSchema, { signal: ctrl.signal }).then(
      (r) => {
        setRecord(r);
        setError(null);
      },
      (e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError({ status: e instanceof ApiError ? e.status : 0, text: errorMessage(e) });
      }
    );
    return () => ctrl.abort();
  }, [patientId, version]);

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
  if (!record || record.patient.id !== patientId) {
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

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/patients" fz="sm">
        ← Patients
      </Anchor>
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

      <Paper withBorder p="lg" component="section" aria-labelledby="patient-name">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1} id="patient-name">
              {displayName(patient)}
            </Title>
            <Text c="dimmed">
              MRN{' '}
              <Text span ff="monospace" c="dark" fw={600}>
                {patient.mrn}
              </Text>
            </Text>
          </div>
          {episode && (
            <Badge size="lg" variant="light">
              {phaseLabel(episode.phase)}
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 5 }} mt="md" component="dl" style={{ margin: 0 }}>
          <Fact
            term="Date of birth"
            value={`${formatDate(patient.dateOfBirth)} (${ageLabel(patient.dateOfBirth, today)})`}
          />
          <Fact term="Sex" value={SEX_LABELS[patient.sex] ?? patient.sex} />
          <Fact term="ABO / Rh" value={patient.aboRh === 'unknown' ? 'Unknown' : patient.aboRh} />
          <Fact term="Weight" value={patient.weightKg != null ? `${patient.weightKg} kg` : '—'} />
          <Fact term="Height" value={patient.heightCm != null ? `${patient.heightCm} cm` : '—'} />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="diagnoses-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} fz="h3" id="diagnoses-heading">
            Diagnoses
          </Title>
          {canWrite && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setModal('diagnosis')}
            >
              Add diagnosis
            </Button>
          )}
        </Group>
        {diagnoses.length === 0 ? (
          <Text c="dimmed">
            No diagnosis recorded.{canWrite ? ' Add the diagnosis before opening an episode.' : ''}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Disease</Table.Th>
                  <Table.Th scope="col">Subtype / risk</Table.Th>
                  <Table.Th scope="col">Diagnosed</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {diagnoses.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td fw={600}>{diseaseLabel(d.disease)}</Table.Td>
                    <Table.Td>{d.subtype ?? '—'}</Table.Td>
                    <Table.Td>{formatDate(d.diagnosisDate)}</Table.Td>
                    <Table.Td>{DISEASE_STATUSES[d.status]}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <PatientHlaPanel patientId={patient.id} />
      <Anchor component={Link} to={`/patients/${patient.id}/family`}>
        Family work-up: relatives, haplotypes, antibodies, related donors
      </Anchor>

      <section aria-labelledby="episodes-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} fz="h3" id="episodes-heading">
            Episodes
          </Title>
          {canWrite && (
            <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setModal('episode')}>
              Open episode
            </Button>
          )}
        </Group>
        {byNewest.length > 1 && (
          <SegmentedControl
            mb="sm"
            aria-label="Choose the episode"
            value={episode?.id ?? ''}
            onChange={setSelected}
            data={byNewest.map((e) => ({
              value: e.id,
              label: `${cellTherapyLabel(e)} · ${formatDate(e.actualDayZero ?? e.plannedDayZero)}`,
            }))}
          />
        )}
        {episode ? (
          <Stack gap="md">
            <EpisodePanel
              key={episode.id}
              episode={episode}
              diagnosis={diagnoses.find((d) => d.id === episode.diagnosisId)}
              events={events.filter((ev) => ev.episodeId === episode.id)}
              today={today}
              roles={roles}
              onChanged={reload}
            />
            {today >= (episode.actualDayZero ?? episode.plannedDayZero) && (
              <MonitoringSection key={`m-${episode.id}`} episode={episode} patientId={patient.id} roles={roles} />
            )}
          </Stack>
        ) : (
          <Paper withBorder p="lg">
            <Text c="dimmed">
              No transplant or cell-therapy episode yet.
              {canWrite ? ' Use “Open episode” to plan one with its day 0.' : ''}
            </Text>
          </Paper>
        )}
      </section>

      <Modal opened={modal === 'diagnosis'} onClose={() => setModal(null)} title="Add diagnosis" size="lg">
        <DiagnosisForm
          patientId={patient.id}
          onCancel={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            setNotice(null);
            reload();
          }}
        />
      </Modal>
      <Modal opened={modal === 'episode'} onClose={() => setModal(null)} title="Open episode" size="lg">
        <EpisodeForm
          patientId={patient.id}
          diagnoses={diagnoses}
          onCancel={() => setModal(null)}
          onSaved={(e) => {
            setModal(null);
            setSelected(e.id);
            reload();
          }}
        />
      </Modal>
    </Stack>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <Text component="dt" fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {term}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {value}
      </Text>
    </div>
  );
}
