// "Donor & collection" of an episode (issue 7): the source or donors with their work-up, and the collections
// with apheresis days and the cumulative CD34+/kg against the targets.
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../data/QueryState';
import { cellTherapyLabel, displayName } from '../../format';
import { useSignedIn } from '../../session';
import { useCollections, useEpisodeDonors } from './api';
import { CollectionsSection } from './CollectionsSection';
import { DonorCard } from './DonorCard';

export function CellsPage() {
  const { episodeId = '' } = useParams();
  const roles = useSignedIn().user.roles;
  useDocumentTitle('Donor & collection · Engraft');
  const donors = useEpisodeDonors(episodeId);
  const collections = useCollections(episodeId);
  return (
    <QueryState query={donors} what="the donor and collections">
      {(data) => (
        <Stack gap="lg">
          <div>
            <Anchor component={Link} to={`/patients/${data.patient.id}`} fz="sm">
              ← {displayName(data.patient)} ({data.patient.mrn})
            </Anchor>
            <Group gap="sm" align="baseline">
              <Title order={1} fz="h2">
                Donor & collection
              </Title>
              <Text c="dimmed">{cellTherapyLabel(data.episode)}</Text>
            </Group>
          </div>
          <DonorCard data={data} roles={roles} />
          <QueryState query={collections} what="the collections">
            {(list) => <CollectionsSection data={data} collections={list} roles={roles} />}
          </QueryState>
        </Stack>
      )}
    </QueryState>
  );
}
