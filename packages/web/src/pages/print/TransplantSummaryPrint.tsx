// Printable transplant summary of a patient's episode (issue 18): who, diagnoses, the episode (type, protocol,
// day 0 planned and actual, phase) and its events by day from day 0, with the patient on every page.
import { dayRelative, formatDay } from '@engraft/clinical';
import { DISEASE_STATUSES, PatientRecordSchema } from '@engraft/domain';
import { Text, Title } from '@mantine/core';
import { useParams, useSearchParams } from 'react-router';
import { EVENT_KIND_LABELS } from '../../components/Timeline';
import {
  ageLabel,
  cellTherapyLabel,
  dayZeroOf,
  diseaseLabel,
  displayName,
  formatDate,
  phaseLabel,
  todayDayLabel,
} from '../../format';
import { HeaderFact, PrintSheet } from './PrintSheet';
import { usePrintData } from './usePrintData';

export function TransplantSummaryPrint() {
  const { patientId = '' } = useParams();
  const [search] = useSearchParams();
  const { data, error } = usePrintData(`/patients/${patientId}`, PatientRecordSchema);
  const byNewest = [...(data?.episodes ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const episode = byNewest.find((e) => e.id === search.get('episode')) ?? byNewest[0];
  const d0 = episode ? dayZeroOf(episode) : null;
  const p = data?.patient;
  const events = (data?.events ?? [])
    .filter((e) => e.episodeId === episode?.id)
    .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  return (
    <PrintSheet
      title="Transplant summary"
      back={{ to: `/patients/${patientId}`, label: 'Patient' }}
      error={error}
      loading={!data}
      header={
        p && (
          <div>
            <Text fw={750}>{displayName(p)}</Text>
            <HeaderFact term="MRN" value={p.mrn} />
            <HeaderFact term="Born" value={`${formatDate(p.dateOfBirth)} (${ageLabel(p.dateOfBirth, data.today)})`} />
            <HeaderFact term="ABO/Rh" value={p.aboRh} />
            <HeaderFact term="Weight" value={p.weightKg != null ? `${p.weightKg} kg` : '—'} />
            {d0 && <HeaderFact term="Today" value={todayDayLabel(data.today, d0.date)} />}
          </div>
        )
      }
    >
      {data && (
        <>
          <Title order={2} fz="md" mt="sm" mb={4}>
            Diagnoses
          </Title>
          <table className="sheet-table">
            <thead>
              <tr>
                <th scope="col">Disease</th>
                <th scope="col">Subtype / risk</th>
                <th scope="col">Diagnosed</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.diagnoses.map((d) => (
                <tr key={d.id}>
                  <td>{diseaseLabel(d.disease)}</td>
                  <td>{d.subtype ?? '—'}</td>
                  <td>{formatDate(d.diagnosisDate)}</td>
                  <td>{DISEASE_STATUSES[d.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {episode && d0 ? (
            <>
              <Title order={2} fz="md" mt="md" mb={4}>
                {cellTherapyLabel(episode)} · {phaseLabel(episode.phase)}
              </Title>
              <Text fz="sm">
                Planned day 0 {formatDate(episode.plannedDayZero)} · actual day 0{' '}
                {episode.actualDayZero ? formatDate(episode.actualDayZero) : 'not yet'}
                {episode.protocol ? ` · protocol ${episode.protocol}` : ''}
              </Text>
              <table className="sheet-table" style={{ marginTop: 8 }}>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Day</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Event</th>
                    <th scope="col">Recorded by</th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((ev) => (
                    <tr key={ev.id}>
                      <td style={{ whiteSpace: 'nowrap' }}>{formatDate(ev.date)}</td>
                      <td>{formatDay(dayRelative(ev.date, d0.date))}</td>
                      <td>{EVENT_KIND_LABELS[ev.kind] ?? ev.kind}</td>
                      <td>{ev.label}</td>
                      <td>{ev.recordedBy ?? 'system'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <Text mt="md">No episode.</Text>
          )}
        </>
      )}
    </PrintSheet>
  );
}
