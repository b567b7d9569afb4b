// Choosing the donor from a donor search saved on the episode: its ten best donors, each with a "Choose" button
// (donors already chosen are marked).
import { Badge, Button, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { formatDate } from '../../format';
import { useChooseDonor, useDonorSearchResults, useEpisodeDonorSearches } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

export function ChooseFromSearch({ episodeId, chosen }: { episodeId: string; chosen: ReadonlySet<string> }) {
  const searches = useEpisodeDonorSearches(episodeId);
  const [picked, setPicked] = useState('');
  const searchId = picked || searches.data?.[0]?.id || '';
  const results = useDonorSearchResults(searchId);
  const save = useChooseDonor(episodeId);
  const choose = async (donorId: string) => {
    if (!(await save.submit({ kind: 'search-result', searchId, donorId }))) return;
    notifications.show({ color: 'teal', title: 'Donor chosen', message: donorId });
  };
  if (searches.data?.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        No saved donor search on this episode yet: run one from “Donor search”.
      </Text>
    );
  }
  const error =
    save.error ?? ((searches.error ?? results.error) ? errorMessage(searches.error ?? results.error) : null);
  return (
    <Stack gap="xs">
      <NativeSelect
        label="Saved search"
        data={(searches.data ?? []).map((s) => ({
          value: s.id,
          label: `${formatDate(s.createdAt.slice(0, 10))} · ${s.total} donors`,
        }))}
        value={searchId}
        onChange={(e) => setPicked(e.currentTarget.value)}
        w={320}
      />
      <Table fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rank</Table.Th>
            <Table.Th>Donor</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Mismatches</Table.Th>
            <Table.Th>Sex / age</Table.Th>
            <Table.Th>ABO</Table.Th>
            <Table.Th>CMV</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(results.data?.hits ?? []).map((h) => (
            <Table.Tr key={h.donorId}>
              <Table.Td>{h.rank}</Table.Td>
              <Table.Td ff="monospace">
                {h.donorId} ({h.registry})
              </Table.Td>
              <Table.Td>{h.kind}</Table.Td>
              <Table.Td>{h.mismatches}</Table.Td>
              <Table.Td>
                {h.sex ?? '—'} / {h.age ?? '—'}
              </Table.Td>
              <Table.Td>
                {h.abo ?? ''}
                {h.rh ?? ''}
              </Table.Td>
              <Table.Td>{h.cmv ?? '—'}</Table.Td>
              <Table.Td>
                {chosen.has(h.donorId) ? (
                  <Badge variant="light" color="teal">
                    Chosen
                  </Badge>
                ) : (
                  <Button
                    size="xs"
                    variant="light"
                    disabled={save.submitting}
                    onClick={() => void choose(h.donorId)}
                    aria-label={`Choose ${h.donorId}`}
                  >
                    Choose
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={error} mt={0} />
    </Stack>
  );
}
