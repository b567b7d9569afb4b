// One account of the centre with what an administrator can do to it: roles, a temporary password, disable or
// enable, unlock, sign out everywhere. Each action is confirmed with a reason by the page (issue 14).
import { ROLE_LABELS, ROLES, type Role, RoleSchema, type UserSummary } from '@engraft/domain';
import { Badge, Button, Group, MultiSelect, Paper, PasswordInput, SimpleGrid, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import type { UserAction } from './api';

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const when = (iso: string | null) => (iso ? formatDateTime(iso, { utc: true }) : 'never');

export function AccountCard({
  user: u,
  self,
  onAction,
}: {
  user: UserSummary;
  /** The signed-in administrator's own account: cannot be disabled or given a temporary password. */
  self: boolean;
  /** Asks for the action's reason; `onDone` runs once it succeeded. */
  onAction: (action: UserAction, onDone?: () => void) => void;
}) {
  const [draft, setDraft] = useState<Role[]>(u.roles);
  const [tempPassword, setTempPassword] = useState('');
  const rolesChanged = [...draft].sort().join() !== [...u.roles].sort().join();
  return (
    <Paper withBorder p="sm" component="article" aria-label={`Account ${u.username}`}>
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
            onChange={(v) => setDraft(v.map((r) => RoleSchema.parse(r)))}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button
            variant="default"
            disabled={draft.length === 0 || !rolesChanged}
            onClick={() => onAction({ kind: 'roles', user: u, roles: draft })}
          >
            Save roles
          </Button>
        </Group>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <PasswordInput
            label={`Temporary password for ${u.username}`}
            autoComplete="new-password"
            value={tempPassword}
            onChange={(e) => setTempPassword(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 0 }}
            disabled={self}
          />
          <Button
            variant="default"
            disabled={self || !tempPassword}
            onClick={() =>
              onAction({ kind: 'password-reset', user: u, password: tempPassword }, () => setTempPassword(''))
            }
          >
            Reset
          </Button>
        </Group>
      </SimpleGrid>
      <Group gap="xs" mt="xs">
        {u.disabled ? (
          <Button size="xs" color="teal" variant="light" onClick={() => onAction({ kind: 'enable', user: u })}>
            Enable {u.username}
          </Button>
        ) : (
          <Button
            size="xs"
            color="red"
            variant="light"
            disabled={self}
            onClick={() => onAction({ kind: 'disable', user: u })}
          >
            Disable {u.username}
          </Button>
        )}
        {u.locked && (
          <Button size="xs" variant="light" onClick={() => onAction({ kind: 'unlock', user: u })}>
            Unlock {u.username}
          </Button>
        )}
        <Button size="xs" variant="light" color="red" onClick={() => onAction({ kind: 'sign-out', user: u })}>
          Sign {u.username} out everywhere
        </Button>
      </Group>
    </Paper>
  );
}
