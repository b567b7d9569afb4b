// One collection: method, status, donor, mobilisation; the cumulative CD34+/kg chart and days; the day form and
// the complete/cancel buttons while it is open.
import {
  COLLECTION_METHODS,
  COLLECTION_PRODUCT_REGISTRARS,
  COLLECTION_STATUSES,
  COLLECTION_TRANSITIONS,
  COLLECTION_WRITERS,
  type Collection,
  type CollectionStatus,
  type EpisodeDonors,
  type Role,
} from '@engraft/domain';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '../../format';
import { hasAnyRole } from '../../session';
import { useMoveCollection } from './api';
import { Cd34Chart } from './Cd34Chart';
import { CollectionDayForm } from './CollectionDayForm';
import { CollectionDaysTable, ProgressBanner } from './CollectionDaysTable';
import { ErrorAlert } from '../../components/ErrorAlert';

export function CollectionCard({ c, data, roles }: { c: Collection; data: EpisodeDonors; roles: readonly Role[] }) {
  const canWrite = hasAnyRole(roles, COLLECTION_WRITERS);
  const canRegister = hasAnyRole(roles, COLLECTION_PRODUCT_REGISTRARS);
  const move = useMoveCollection(c.id, c.episodeId);
  const donor = data.donors.find((d) => d.id === c.donorId);
  const open = c.status === 'planned' || c.status === 'in-progress';
  const to = (status: CollectionStatus) => void move.submit({ status, on: data.today });
  return (
    <Paper withBorder p="md" aria-label={`${COLLECTION_METHODS[c.method]} collection`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={3} fz="h5">
              {COLLECTION_METHODS[c.method]}
            </Title>
            <Badge color={c.status === 'complete' ? 'teal' : c.status === 'cancelled' ? 'gray' : 'blue'}>
              {COLLECTION_STATUSES[c.status]}
            </Badge>
          </Group>
          <Text fz="sm" c="dimmed">
            {donor ? `from ${donor.displayName}` : 'from the patient'}
            {c.mobilisation ? ` · ${c.mobilisation}` : ''}
            {c.plannedOn ? ` · planned ${formatDate(c.plannedOn)}` : ''}
            {c.recipientWeightKg ? ` · recipient ${c.recipientWeightKg} kg` : ''}
          </Text>
        </Group>
        <ProgressBanner c={c} />
        <Group align="flex-start" gap="lg" wrap="wrap">
          {c.progress && (
            <div style={{ flex: '1 1 420px', maxWidth: 560 }}>
              <Cd34Chart progress={c.progress} title="Cumulative CD34+ ×10⁶/kg by apheresis day" />
            </div>
          )}
          <div style={{ flex: '1 1 380px' }}>
            <CollectionDaysTable c={c} />
          </div>
        </Group>
        {canWrite && open && <CollectionDayForm c={c} today={data.today} canRegister={canRegister} />}
        {canWrite && open && (
          <Group gap="sm">
            {COLLECTION_TRANSITIONS[c.status].includes('complete') && (
              <Button variant="light" color="teal" disabled={move.submitting} onClick={() => to('complete')}>
                Mark collection complete
              </Button>
            )}
            <Button variant="subtle" color="red" disabled={move.submitting} onClick={() => to('cancelled')}>
              Cancel collection
            </Button>
          </Group>
        )}
        <ErrorAlert error={move.error} mt={0} />
      </Stack>
    </Paper>
  );
}
