// Donor search of an allogeneic episode (issues 6 and 16): whose search it is, the registry's state, the criteria
// form prefilled from the patient record, and the saved searches with their ranked hits.
import { DONOR_SEARCHERS } from '@engraft/domain';
import { Anchor, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../data/QueryState';
import { displayName } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { useDonorRegistry, useDonorSearches, useEpisodePatient, useFrequencySets, usePatientHla } from './api';
import { DonorSearchForm } from './DonorSearchForm';
import { DonorSearchResults } from './DonorSearchResults';
import { RegistryStatusBanner } from './RegistryStatusBanner';

export function DonorSearchPage() {
  const { episodeId = '' } = useParams();
  useDocumentTitle('Donor search · Engraft');
  const canSearch = hasAnyRole(useSignedIn().user.roles, DONOR_SEARCHERS);
  const episode = useEpisodePatient(episodeId);
  const owner = episode.data?.patient;
  const hla = usePatientHla(owner?.id);
  const sets = useFrequencySets();
  const registry = useDonorRegistry();
  const searches = useDonorSearches(episodeId);
  // The search shown: the one chosen or just made, else the newest.
  const [chosen, setChosen] = useState<string | null>(null);
  const current = chosen ?? searches.data?.[0]?.id ?? null;

  return (
    <Stack gap="lg">
      {owner && (
        <Anchor component={Link} to={`/patients/${owner.id}`} fz="sm">
          ← {displayName(owner)} · MRN {owner.mrn}
        </Anchor>
      )}
      <Title order={1} fz="h2">
        Donor search
      </Title>
      <RegistryStatusBanner registry={registry.data ?? null} />
      {canSearch && (
        <DonorSearchForm
          episodeId={episodeId}
          recordTyping={hla.data?.current?.glString}
          recordWeightKg={owner?.weightKg}
          recordAboRh={owner?.aboRh}
          sets={sets.data}
          registryLoading={registry.data?.state === 'loading'}
          onSaved={setChosen}
        />
      )}
      <QueryState query={searches} what="the saved searches">
        {(list) => <DonorSearchResults episodeId={episodeId} searches={list} current={current} onSelect={setChosen} />}
      </QueryState>
      <Anchor component={Link} to={owner ? `/patients/${owner.id}` : '/patients'} fz="sm">
        {owner ? 'Back to the patient' : 'Back to patients'}
      </Anchor>
    </Stack>
  );
}
