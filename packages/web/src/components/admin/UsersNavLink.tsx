import { USER_ADMINS } from '@engraft/domain';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconUserShield } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { hasAnyRole, useSignedIn } from '../../session';

/** The "Users" entry of the main navigation (an icon, the bar is full), for administrators. */
export function UsersNavLink() {
  const info = useSignedIn();
  if (!hasAnyRole(info.user.roles, USER_ADMINS)) return null;
  return (
    <Tooltip label="User administration">
      <ActionIcon component={NavLink} to="/admin/users" variant="subtle" size="lg" aria-label="Users">
        <IconUserShield size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
