import { REGISTRY_READERS } from '@engraft/domain';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconReportAnalytics } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { hasAnyRole, useSignedIn } from '../../session';

/** The "Registry reporting" entry of the main navigation (CIBMTR and EBMT; data managers and physicians). */
export function RegistriesNavLink() {
  const info = useSignedIn();
  if (!hasAnyRole(info.user.roles, REGISTRY_READERS)) return null;
  return (
    <Tooltip label="Registry reporting (CIBMTR, EBMT)">
      <ActionIcon component={NavLink} to="/registries" variant="subtle" size="lg" aria-label="Registry reporting">
        <IconReportAnalytics size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
