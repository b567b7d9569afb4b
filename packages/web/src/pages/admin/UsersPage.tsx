// User administration (/admin/users, issue 14): the accounts of the centre with what an administrator can do to
// each (disable/enable, unlock, roles, temporary password, sign out everywhere), a form to create one, and the
// accounts created by administrators within the two-person window. Every action asks for a reason (audited).
import { USER_ADMINS } from '@engraft/domain';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { QueryState } from '../../data/QueryState';
import { hasAnyRole, useSignedIn } from '../../session';
import { AccountCard } from './AccountCard';
import { type UserAction, useUserAction, useUsers } from './api';
import { CreateAccountForm } from './CreateAccountForm';
import { RecentAccountsPanel } from './RecentAccountsPanel';
import { ACTION_TEXT } from './userActionText';

export function UsersPage() {
  useDocumentTitle('Users · Engraft');
  const info = useSignedIn();
  if (!hasAnyRole(info.user.roles, USER_ADMINS)) {
    return (
      <Alert color="yellow" title="Administrators only">
        User administration is for administrators.
      </Alert>
    );
  }
  return <UserAdministration />;
}

function UserAdministration() {
  const info = useSignedIn();
  const users = useUsers();
  const userAction = useUserAction();
  const [pending, setPending] = useState<{ action: UserAction; onDone?: () => void } | null>(null);

  const confirm = async (reason: string) => {
    if (!pending) return;
    const { action, onDone } = pending;
    await userAction.run({ action, reason }); // a failure stays in the dialog
    notifications.show({
      color: 'teal',
      title: ACTION_TEXT[action.kind].title,
      message: `${action.user.username}: done`,
    });
    onDone?.();
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>Users</Title>
      <RecentAccountsPanel />
      <section aria-labelledby="accounts-title">
        <Title order={2} fz="h3" id="accounts-title" mb="sm">
          Accounts of {info.centre.name}
        </Title>
        <QueryState
          query={users}
          what="the accounts"
          isEmpty={(u) => u.length === 0}
          empty={<Text>No accounts in this centre.</Text>}
        >
          {(list) => (
            <Stack gap="sm">
              {list.map((u) => (
                <AccountCard
                  key={u.id}
                  user={u}
                  self={u.id === info.user.id}
                  onAction={(action, onDone) => setPending(onDone ? { action, onDone } : { action })}
                />
              ))}
            </Stack>
          )}
        </QueryState>
      </section>
      <CreateAccountForm />
      {pending && (
        <ReasonModal
          opened
          title={`${ACTION_TEXT[pending.action.kind].title}: ${pending.action.user.username}`}
          confirmLabel={ACTION_TEXT[pending.action.kind].label}
          color={ACTION_TEXT[pending.action.kind].color}
          onClose={() => setPending(null)}
          onConfirm={confirm}
        >
          {ACTION_TEXT[pending.action.kind].text}
        </ReasonModal>
      )}
    </Stack>
  );
}
