// Collections of an episode: plan one (method, donor, mobilisation, weight, CD34+ targets), record apheresis
// days (processed volume, CD34+ collected, optionally the bag's DIN) and see the cumulative CD34+/kg against
// the targets ("another day needed" / "target reached"), then mark the collection complete.
import { COLLECTION_WRITERS, type Collection, type EpisodeDonors, type Role } from '@engraft/domain';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { hasAnyRole } from '../../session';
import { CollectionCard } from './CollectionCard';
import { NewCollectionForm } from './NewCollectionForm';

export function CollectionsSection({
  data,
  collections,
  roles,
}: {
  data: EpisodeDonors;
  collections: Collection[];
  roles: readonly Role[];
}) {
  const canWrite = hasAnyRole(roles, COLLECTION_WRITERS);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="collections-heading">
      <Stack gap="md">
        <Title order={2} fz="h4" id="collections-heading">
          Collections
        </Title>
        {collections.length === 0 && <Text c="dimmed">No collection planned yet.</Text>}
        {[...collections].reverse().map((c) => (
          <CollectionCard key={c.id} c={c} data={data} roles={roles} />
        ))}
        {canWrite && (data.takesDonor ? data.donors.some((d) => d.status !== 'cancelled') : true) && (
          <Stack gap={4}>
            <Title order={3} fz="h5">
              Plan a collection
            </Title>
            <NewCollectionForm data={data} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
