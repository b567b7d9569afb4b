// User administration (/admin/users, issue 14): the accounts of the centre with what an administrator can do to
// each (disable/enable, unlock, roles, temporary password, sign out everywhere), a form to create one, and the
// accounts created by administrators within the two-person window. Every action asks for a reason (audited).
import {
  ROLE_LABELS,
  ROLES,
  type RecentAccounts,
  type Role,
  RoleSchema,
  USER_ADMINS,
  UserCreateSchema,
  type UserSummary,
} from '@engraft/domain';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, errorMessage } from '../../api';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { hasAnyRole, useSignedIn } from '../../session';
import { zodResolver } from '../../zodResolver';
import { formatDateTime } from '../../format';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const when = (iso: string | null) => (iso ? formatDateTime(iso, { utc: true }) : 'never');

type Pending =
  | { kind: 'disable' | 'enable' | 'unlock' | 'sign-out'; user: UserSummary }
  | { kind: 'roles'; user: UserSummary; roles: Role[] }
  | { kind: 'password-reset'; user: UserSummary; password: string };

const ACTION_TEXT: Record<Pending['kind'], { title: string; label: string; color: string; text: string }> = {
  disable: {
    title: 'Disable account',
    label: 'Disable',
    color: 'red',
    text: 'The account cannot sign in any more and its open sessions end now.',
  },
  enable: { title: 'Enable account', label: 'Enable', color: 'teal', text: 'The account can sign in again.' },
  unlock: {
    title: 'Unlock account',
    label: 'Unlock',
    color: 'teal',
    text: 'The failed sign-in count is cleared; the user can sign in again.',
  },
  'sign-out': {
    title: 'Sign out everywhere',
    label: 'Sign out everywhere',
    color: 'red',
    text: 'Every open session of this account ends now, on every device.',
  },
  roles: {
    title: 'Change roles',
    label: 'Save roles',
    color: 'teal',
    text: 'The roles apply at once, also to open sessions.',
  },
  'password-reset': {
    title: 'Set a temporary password',
    label: 'Set temporary password',
    color: 'red',
    text: 'Tell the user the temporary password in person. Their sessions end now and they must choose a new password at the next sign-in.',
  },
};

export function UsersPage() {
  useDocumentTitle('Users · Engraft');
  const info = useSignedIn();
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [recent, setRecent] = useState<RecentAccounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [rolesDraft, setRolesDraft] = useState<Record<string, Role[]>>({});
  const [tempPassword, setTempPassword] = useState<Record<string, string>>({});

  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    Promise.all([api<UserSummary[]>('GET', '/users'), api<RecentAccounts>('GET', '/users/created-recently')]).then(
      ([u, r]) => {
        setUsers(u);
        setRecent(r);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e))
    );
  }, [version]);

  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', displayName: '', password: '', roles: [] as Role[] },
    validate: zodResolver(UserCreateSchema),
  });
  const create = form.onSubmit(async (values) => {
    try {
      await api('POST', '/users', values);
      notifications.show({ color: 'teal', title: 'Account created', message: `${values.username} can sign in now` });
      form.reset();
      load();
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      notifications.show({ color: 'red', title: 'Account not created', message: errorMessage(e) });
    }
  });

  if (!hasAnyRole(info.user.roles, USER_ADMINS)) {
    return (
      <Alert color="yellow" title="Administrators only">
        User administration is for administrators.
      </Alert>
    );
  }

  const run = async (p: Pending, reason: string) => {
    const base = `/users/${p.user.id}`;
    if (p.kind === 'roles') await api('PUT', `${base}/roles`, { roles: p.roles, reason });
    else if (p.kind === 'password-reset') await api('POST', `${base}/password-reset`, { password: p.password, reason });
    else await api('POST', `${base}/${p.kind}`, { reason });
    notifications.show({ color: 'teal', title: ACTION_TEXT[p.kind].title, message: `${p.user.username}: done` });
    if (p.kind === 'password-reset') setTempPassword((t) => ({ ...t, [p.user.id]: '' }));
    load();
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>Users</Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="recent-title">
        <Title order={2} fz="h4" id="recent-title">
          Accounts created by administrators in the last {recent?.days ?? '…'} days
        </Title>
        <Text fz="sm" c="dimmed" mb="xs">
          Within this window such an account cannot be the second person of a two-person check (release, plan
          verification, bedside check) with its creator, or with another account from the same creator. Review that each
          belongs to a real, different person.
        </Text>
        {recent && recent.accounts.length === 0 && <Text fz="sm">None.</Text>}
        <Stack gap={4}>
          {recent?.accounts.map((a) => (
            <Text fz="sm" key={a.id} data-testid="recent-account">
              <b>{a.username}</b> ({a.displayName}) created by {a.createdBy} on {when(a.createdAt)}
            </Text>
          ))}
        </Stack>
      </Paper>

      <section aria-labelledby="accounts-title">
        <Title order={2} fz="h3" id="accounts-title" mb="sm">
          Accounts of {info.centre.name}
        </Title>
        {!users && !error && <Loader aria-label="Loading accounts" />}
        <Stack gap="sm">
          {users?.map((u) => {
            const draft = rolesDraft[u.id] ?? u.roles;
            const self = u.id === info.user.id;
            return (
              <Paper withBorder p="sm" key={u.id} component="article" aria-label={`Account ${u.username}`}>
                <Group justify="space-between" align="flex-start" gap="xs">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600}>
                      {u.displayName}{' '}
                      <Text span c="dimmed">
                        ({u.username})
                      </Text>
                    </Text>
                    <Text fz="xs" c="dimmed">
                      Created {when(u.createdAt)} by {u.createdBy ?? 'the command line or set-up'} · last sign-in{' '}
                      {when(u.lastSignInAt)}
                    </Text>
                  </div>
                  <Group gap={4}>
                    {u.disabled && <Badge color="red">Disabled</Badge>}
                    {u.locked && <Badge color="orange">Locked</Badge>}
                    {u.mustChangePassword && <Badge color="yellow">Must change password</Badge>}
                    {!u.disabled && !u.locked && (
                      <Badge color="teal" variant="light">
                        Active
                      </Badge>
                    )}
                  </Group>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                  <Group gap="xs" align="flex-end" wrap="nowrap">
                    <MultiSelect
                      label={`Roles of ${u.username}`}
                      data={ROLE_OPTIONS}
                      value={draft}
                      onChange={(v) => setRolesDraft((d) => ({ ...d, [u.id]: v.map((r) => RoleSchema.parse(r)) }))}
                      style={{ flex: 1, minWidth: 0 }}
                    />
                    <Button
                      variant="default"
                      disabled={draft.length === 0 || [...draft].sort().join() === [...u.roles].sort().join()}
                      onClick={() => setPending({ kind: 'roles', user: u, roles: draft })}
                    >
                      Save roles
                    </Button>
                  </Group>
                  <Group gap="xs" align="flex-end" wrap="nowrap">
                    <PasswordInput
                      label={`Temporary password for ${u.username}`}
                      autoComplete="new-password"
                      value={tempPassword[u.id] ?? ''}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setTempPassword((t) => ({ ...t, [u.id]: v }));
                      }}
                      style={{ flex: 1, minWidth: 0 }}
                      disabled={self}
                    />
                    <Button
                      variant="default"
                      disabled={self || !(tempPassword[u.id] ?? '')}
                      onClick={() =>
                        setPending({ kind: 'password-reset', user: u, password: tempPassword[u.id] ?? '' })
                      }
                    >
                      Reset
                    </Button>
                  </Group>
                </SimpleGrid>
                <Group gap="xs" mt="xs">
                  {u.disabled ? (
                    <Button
                      size="xs"
                      color="teal"
                      variant="light"
                      onClick={() => setPending({ kind: 'enable', user: u })}
                    >
                      Enable {u.username}
                    </Button>
                  ) : (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      disabled={self}
                      onClick={() => setPending({ kind: 'disable', user: u })}
                    >
                      Disable {u.username}
                    </Button>
                  )}
                  {u.locked && (
                    <Button size="xs" variant="light" onClick={() => setPending({ kind: 'unlock', user: u })}>
                      Unlock {u.username}
                    </Button>
                  )}
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => setPending({ kind: 'sign-out', user: u })}
                  >
                    Sign {u.username} out everywhere
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      </section>

      <Paper withBorder p="md" component="section" aria-labelledby="create-title">
        <Title order={2} fz="h3" id="create-title" mb="sm">
          Create an account
        </Title>
        <form onSubmit={create} noValidate>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Username" required autoComplete="off" {...form.getInputProps('username')} />
            <TextInput label="Display name" required {...form.getInputProps('displayName')} />
            <PasswordInput
              label="Initial password"
              description="At least 12 characters; common passwords and the username are refused."
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <Checkbox.Group label="Roles" withAsterisk {...form.getInputProps('roles')}>
              <SimpleGrid cols={2} spacing={6} mt={6}>
                {ROLE_OPTIONS.map((o) => (
                  <Checkbox key={o.value} value={o.value} label={o.label} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button type="submit">Create account</Button>
          </Group>
        </form>
      </Paper>

      {pending && (
        <ReasonModal
          opened
          title={`${ACTION_TEXT[pending.kind].title}: ${pending.user.username}`}
          confirmLabel={ACTION_TEXT[pending.kind].label}
          color={ACTION_TEXT[pending.kind].color}
          onClose={() => setPending(null)}
          onConfirm={(reason) => run(pending, reason)}
        >
          {ACTION_TEXT[pending.kind].text}
        </ReasonModal>
      )}
    </Stack>
  );
}
