import { SETTINGS_WRITERS } from '@engraft/domain';
import { Button } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { hasAnyRole, useSignedIn } from '../session';

/** The "Settings" entry of the main navigation, for the roles that change centre settings (administrators). */
export function SettingsNavLink() {
  const info = useSignedIn();
  if (!hasAnyRole(info.user.roles, SETTINGS_WRITERS)) return null;
  return (
    <Button component={NavLink} to="/settings" variant="subtle" leftSection={<IconSettings size={16} aria-hidden />}>
      Settings
    </Button>
  );
}
