// Accounts created by administrators within the two-person window, for review (issue 14).
import { Paper, Stack, Text, Title } from '@mantine/core';
import { QueryState } from '../../data/QueryState';
import { formatDateTime } from '../../format';
import { useRecentAccounts } from './api';

export function RecentAccountsPanel() {
  const recent = useRecentAccounts();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="recent-title">
      <Title order={2} fz="h4" id="recent-title">
        Accounts created by administrators in the last {recent.data?.days ?? '…'} days
      </Title>
      <Text fz="sm" c="dimmed" mb="xs">
        Within this window such an account cannot be the second person of a two-person check (release, plan
        verification, bedside check) with its creator, or with another account from the same creator. Review that each
        belongs to a real, different person.
      </Text>
      <QueryState
        query={recent}
        what="the recently created accounts"
        isEmpty={(r) => r.accounts.length === 0}
        empty={<Text fz="sm">None.</Text>}
      >
        {(r) => (
          <Stack gap={4}>
            {r.accounts.map((a) => (
              <Text fz="sm" key={a.id} data-testid="recent-account">
                <b>{a.username}</b> ({a.displayName}) created by {a.createdBy} on{' '}
                {formatDateTime(a.createdAt, { utc: true })}
              </Text>
            ))}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
