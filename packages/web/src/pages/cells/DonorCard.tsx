// The source of the cells: the patient (autologous) or the donors and cord units chosen for an allogeneic
// episode, each with its work-up stepper (dates, who recorded each step) and a "next status" button; forms to
// choose a donor from a saved search, add a related donor or a cord unit.
import { DONOR_STATUSES, DONOR_WORKUP_WRITERS, type Donor, type EpisodeDonors, type Role } from '@engraft/domain';
import { Badge, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { displayName, formatDate } from '../../format';
import { hasAnyRole } from '../../session';
import { ChooseFromSearch } from './ChooseFromSearch';
import { CordUnitForm } from './CordUnitForm';
import { DonorDetails } from './DonorDetails';
import { RelatedDonorForm } from './RelatedDonorForm';
import { WorkupStepper } from './WorkupStepper';

const SOURCE_LABEL: Record<Donor['source'], string> = {
  autologous: 'Autologous',
  related: 'Related donor',
  unrelated: 'Unrelated donor',
  cord: 'Cord unit',
};

function AutologousSource({ patient }: { patient: EpisodeDonors['patient'] }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="source-heading">
      <Title order={2} fz="h4" id="source-heading">
        Source
      </Title>
      <Text mt="xs">
        <Badge color="blue" mr="xs">
          Autologous
        </Badge>
        The patient is the source: {displayName(patient)} ({patient.mrn}) · ABO/Rh {patient.aboRh} · weight{' '}
        {patient.weightKg ? `${patient.weightKg} kg` : 'not recorded'}
      </Text>
    </Paper>
  );
}

function ChosenDonor({ d, today, canWrite }: { d: Donor; today: string; canWrite: boolean }) {
  return (
    <Paper withBorder p="sm" bg={d.status === 'cancelled' ? 'gray.0' : undefined} aria-label={`Donor ${d.displayName}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Text fw={700}>{d.displayName}</Text>
          <Badge variant="light">{SOURCE_LABEL[d.source]}</Badge>
          <Badge
            color={d.status === 'cancelled' ? 'gray' : d.status === 'collected' ? 'teal' : 'blue'}
            data-testid="donor-status"
          >
            {DONOR_STATUSES[d.status]}
          </Badge>
        </Group>
        <Text fz="xs" c="dimmed">
          since {formatDate(d.statusOn)}
        </Text>
      </Group>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <div style={{ flex: '1 1 260px' }}>
          <DonorDetails d={d} today={today} />
        </div>
        <div style={{ flex: '2 1 480px' }}>
          <WorkupStepper d={d} canWrite={canWrite} today={today} />
        </div>
      </Group>
    </Paper>
  );
}

export function DonorCard({ data, roles }: { data: EpisodeDonors; roles: readonly Role[] }) {
  const canWrite = hasAnyRole(roles, DONOR_WORKUP_WRITERS);
  const [adding, setAdding] = useState<'search' | 'related' | 'cord'>('search');
  if (!data.takesDonor) return <AutologousSource patient={data.patient} />;
  const active = data.donors.filter((d) => d.status !== 'cancelled');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="source-heading">
      <Stack gap="md">
        <Title order={2} fz="h4" id="source-heading">
          Donor and source
        </Title>
        {data.donors.length === 0 && <Text c="dimmed">No donor chosen yet.</Text>}
        {data.donors.map((d) => (
          <ChosenDonor key={d.id} d={d} today={data.today} canWrite={canWrite} />
        ))}
        {canWrite && (
          <Stack gap="xs">
            <Title order={3} fz="h5">
              {active.length ? 'Add another donor or cord unit' : 'Choose the donor'}
            </Title>
            <SegmentedControl
              value={adding}
              onChange={(v) => setAdding(v === 'related' || v === 'cord' ? v : 'search')}
              data={[
                { value: 'search', label: 'From a saved search' },
                { value: 'related', label: 'Related donor' },
                { value: 'cord', label: 'Cord unit' },
              ]}
              w="fit-content"
            />
            {adding === 'search' && (
              <ChooseFromSearch
                episodeId={data.episode.id}
                chosen={new Set(active.flatMap((d) => (d.registryDonorId ? [d.registryDonorId] : [])))}
              />
            )}
            {adding === 'related' && <RelatedDonorForm episodeId={data.episode.id} />}
            {adding === 'cord' && <CordUnitForm episodeId={data.episode.id} />}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
