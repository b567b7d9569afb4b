// "Donor & collection" of an episode (issue 7): the source or donors with their work-up, and the collections
// with apheresis days and the cumulative CD34+/kg against the targets.
import { CollectionSchema, EpisodeDonorsSchema } from '@engraft/domain';
import { z } from 'zod';
import type { Collection, EpisodeDonors } from '@engraft/domain';
import { Alert, Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiGet, errorMessage } from '../../api';
import { cellTherapyLabel, displayName } from '../../format';
import { useSignedIn } from '../../session';
import { CollectionsSection } from './CollectionsSection';
import { DonorCard } from './DonorCard';

export function CellsPage() {
  const { episodeId = '' } = useParams();
  const roles = useSignedIn().user.roles;
  useDocumentTitle('Donor & collection · Engraft');
  const [data, setData] = useState<EpisodeDonors | null>(null);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    Promise.all([
      apiGet(`/episodes/${episodeId}/donors`, EpisodeDonorsSchema),
      apiGet(`/episodes/${episodeId}/collections`, z.array(CollectionSchema)),
    ]).then(
      ([d, c]) => {
        setData(d);
        setCollections(c);
      },
      (e: unknown) => setError(errorMessage(e))
    );
  }, [episodeId]);
  useEffect(() => {
    load();
  }, [load]);
  if (error) {
    return (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    );
  }
  if (!data) return <Loader aria-label="Loading donor and collections" />;
  const { patient, episode } = data;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/patients/${patient.id}`} fz="sm">
          ← {displayName(patient)} ({patient.mrn})
        </Anchor>
        <Group gap="sm" align="baseline">
          <Title order={1} fz="h2">
            Donor & collection
          </Title>
          <Text c="dimmed">{cellTherapyLabel(episode)}</Text>
        </Group>
      </div>
      <DonorCard data={data} roles={roles} onChanged={load} />
      <CollectionsSection data={data} collections={collections} roles={roles} onChanged={load} />
    </Stack>
  );
}
