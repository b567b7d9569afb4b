// The bedside infusion check (issue 7; 21 CFR 1271.290 and the CAR-T labels; ADR 0540), laid out for a tablet at the
// bedside: scan the wristband, the bag's DIN, product code and division (and COI for cell therapy) — a bar-code
// scanner types and presses Enter, so Enter moves to the next field — then a big green MATCH or red STOP, the
// second person's confirmation on the same device, the infusion record with the cell dose per kg, and every
// past check, refused ones too.
import { type BedsideOverview, EPISODE_PHASES, EPISODE_TYPES, INFUSERS } from '@engraft/domain';
import { Alert, Anchor, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api';
import { formatDate } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { useBedside } from './api';
import { ChecksTable, InfusionsTable } from './BedsideTables';
import { CheckResult } from './CheckResult';
import { CompleteForm } from './CompleteForm';
import { ScanForm } from './ScanForm';

export function BedsidePage() {
  const { episodeId = '' } = useParams();
  const info = useSignedIn();
  const canInfuse = hasAnyRole(info.user.roles, INFUSERS);
  const bedside = useBedside(episodeId);
  useDocumentTitle('Bedside infusion · Engraft');

  if (bedside.isError) {
    return (
      <Alert color="red" title="The bedside page could not be loaded">
        {errorMessage(bedside.error)}
      </Alert>
    );
  }
  if (bedside.isPending) return <Skeleton h={400} />;
  const data = bedside.data;
  const latest = data.checks[0] ?? null;
  const cellTherapy = data.episode.type === 'car-t' || data.episode.type === 'other-cell-therapy';

  return (
    <Stack gap="lg" maw={1000}>
      <PatientHeader data={data} />
      {canInfuse ? (
        <ScanForm episodeId={episodeId} cellTherapy={cellTherapy} />
      ) : (
        <Alert color="gray">Only nurses, physicians and administrators perform bedside checks.</Alert>
      )}
      {latest && !latest.infusionId && (
        <CheckResult check={latest} canInfuse={canInfuse} weightKg={data.patient.weightKg} />
      )}
      {data.infusions
        .filter((i) => !i.endedAt)
        .map((i) => (
          <CompleteForm key={i.id} infusion={i} canInfuse={canInfuse} />
        ))}
      <InfusionsTable infusions={data.infusions} />
      <ChecksTable checks={data.checks} />
    </Stack>
  );
}

function PatientHeader({ data }: { data: BedsideOverview }) {
  return (
    <Group justify="space-between" align="flex-end">
      <div>
        <Title order={1}>Bedside infusion</Title>
        <Text fz="lg">
          <Anchor component={Link} to={`/patients/${data.patient.id}`} fw={700}>
            {data.patient.name}
          </Anchor>{' '}
          · MRN <strong>{data.patient.mrn}</strong> · born {formatDate(data.patient.dateOfBirth)} · ABO{' '}
          {data.patient.aboRh} · {data.patient.weightKg != null ? `${data.patient.weightKg} kg` : 'no weight recorded'}
        </Text>
        <Text c="dimmed">
          {EPISODE_TYPES[data.episode.type as keyof typeof EPISODE_TYPES]} · phase{' '}
          {EPISODE_PHASES[data.episode.phase as keyof typeof EPISODE_PHASES]} · day 0{' '}
          {data.episode.actualDayZero ? (
            <strong>{formatDate(data.episode.actualDayZero)} (actual)</strong>
          ) : (
            `${formatDate(data.episode.plannedDayZero)} (planned)`
          )}
        </Text>
      </div>
    </Group>
  );
}
