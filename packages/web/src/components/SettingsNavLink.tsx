import { SETTINGS_WRITERS } from '@engraft/domain';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { hasAnyRole, useSignedIn } from '../session';

/** The "Settings" entry of the main navigation (an icon, the bar is full), for administrators. */
export function SettingsNavLink() {
  const info = useSignedIn();
  if (!hasAnyRole(info.user.roles, SETTINGS_WRITERS)) return null;
  return (
    <Tooltip label="Centre settings">
      <ActionIcon component={NavLink} to="/settings" variant="subtle" size="lg" aria-label="Settings">
        <IconSettings size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
