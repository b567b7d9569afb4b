// Cell-therapy manufacturing of an episode (issue 7): orders with their Chain of Identity, status, chain of
// custody, receipt and vein-to-vein time.
import { MANUFACTURING_FINAL, MANUFACTURING_WRITERS } from '@engraft/domain';
import { Alert, Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api';
import { cellTherapyLabel, displayName, formatDate } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { useManufacturingEpisode } from './api';
import { NewOrderForm } from './NewOrderForm';
import { OrderCard } from './OrderCard';

export function ManufacturingPage() {
  const { episodeId = '' } = useParams();
  const roles = useSignedIn().user.roles;
  useDocumentTitle('Manufacturing · Engraft');
  const query = useManufacturingEpisode(episodeId);
  const [ordering, setOrdering] = useState(false);

  if (query.isError) {
    return (
      <Alert color="red" title="Manufacturing">
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const data = query.data;
  if (!data) return <Loader aria-label="Loading the manufacturing orders" />;
  const { episode, patient, orders } = data;
  const active = orders.find((o) => !MANUFACTURING_FINAL.includes(o.status));
  const canOrder =
    hasAnyRole(roles, MANUFACTURING_WRITERS) &&
    !active &&
    (episode.type === 'car-t' || episode.type === 'other-cell-therapy');

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/patients/${patient.id}`} fz="sm">
          ← {displayName(patient)} · MRN {patient.mrn}
        </Anchor>
        <Title order={1} fz="h2">
          Manufacturing
        </Title>
        <Group gap="xs">
          <Text c="dimmed" fz="sm">
            {cellTherapyLabel(episode)} · planned day 0 {formatDate(episode.plannedDayZero)}
            {episode.actualDayZero ? ` · infused ${formatDate(episode.actualDayZero)}` : ''}
            {patient.weightKg
              ? ` · weight ${patient.weightKg} kg (for the label dose)`
              : ' · no weight recorded (the label dose cannot be checked)'}
          </Text>
        </Group>
      </div>
      {orders.length === 0 && !canOrder && <Text c="dimmed">No manufacturing orders on this episode.</Text>}
      {orders.map((o) => (
        <OrderCard key={o.id} order={o} roles={roles} />
      ))}
      {/* A first order is the page's task; a further one (after a failure, say) is opened on purpose. */}
      {canOrder && (orders.length === 0 || ordering) && (
        <NewOrderForm
          episodeId={episode.id}
          cellTherapy={
            episode.type === 'other-cell-therapy'
              ? { cellType: episode.cellType, cellOrigin: episode.cellOrigin }
              : null
          }
          collections={data.collections}
          onPlaced={() => setOrdering(false)}
        />
      )}
      {canOrder && orders.length > 0 && !ordering && (
        <Group>
          <Button variant="default" onClick={() => setOrdering(true)}>
            Place a new order
          </Button>
        </Group>
      )}
    </Stack>
  );
}
