// The patient banner that stays at the top of every patient page while the page scrolls: who (name written
// "FAMILY, Given" as on the wristband, MRN), the blood group and weight the ward doses and transfuses from, the
// CMV IgG serostatus (blood products and donor choice follow it; shown when the record carries it), and
// where the current episode is (D+N from day 0). It is printed at the top of the page too.
import type { Episode, Patient } from '@engraft/domain';
import { Badge, Group, Text } from '@mantine/core';
import { CMV_LABELS } from './PatientCmvForm';
import { dayZeroOf, displayName, episodeTypeLabel, phaseLabel, todayDayLabel } from '../../format';

export function PatientBanner({
  patient,
  episode,
  today,
  headingId,
}: {
  patient: Pick<Patient, 'familyName' | 'givenName' | 'mrn' | 'aboRh' | 'weightKg'> & Partial<Pick<Patient, 'cmv'>>;
  episode?: Pick<Episode, 'type' | 'phase' | 'plannedDayZero' | 'actualDayZero'> | undefined;
  today: string;
  /** When given, the name is the page's level-1 heading with this id. */
  headingId?: string;
}) {
  const d0 = episode ? dayZeroOf(episode) : null;
  return (
    <div className="patient-banner" role="region" aria-label="Patient">
      <Group gap="md" wrap="wrap" align="baseline">
        <Text component={headingId ? 'h1' : 'p'} id={headingId} fz={{ base: 'lg', sm: 'xl' }} fw={750} m={0} lh={1.2}>
          {displayName(patient)}
        </Text>
        <Fact term="MRN" value={patient.mrn} mono />
        <Fact term="ABO/Rh" value={patient.aboRh === 'unknown' ? 'unknown' : patient.aboRh} />
        {patient.cmv && <Fact term="CMV" value={CMV_LABELS[patient.cmv]} />}
        <Fact term="Weight" value={patient.weightKg != null ? `${patient.weightKg} kg` : '—'} />
        {episode && d0 && (
          <Group gap={6} wrap="nowrap">
            <Badge variant="filled" color="red.9" size="lg" ff="monospace" data-testid="banner-day">
              {todayDayLabel(today, d0.date)}
            </Badge>
            <Text fz="sm" c="dimmed">
              {episodeTypeLabel(episode.type)} · {phaseLabel(episode.phase)}
              {d0.actual ? '' : ' (planned day 0)'}
            </Text>
          </Group>
        )}
      </Group>
    </div>
  );
}

function Fact({ term, value, mono = false }: { term: string; value: string; mono?: boolean }) {
  return (
    <Text fz="sm" span>
      <Text span c="dimmed" fz="xs" tt="uppercase" fw={700}>
        {term}
      </Text>{' '}
      <Text span fw={650} ff={mono ? 'monospace' : undefined}>
        {value}
      </Text>
    </Text>
  );
}
