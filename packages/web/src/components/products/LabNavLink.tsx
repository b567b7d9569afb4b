import { PRODUCT_PROCESSORS } from '@engraft/domain';
import { Button } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { hasAnyRole, useSignedIn } from '../../session';

/** The "Lab" entry of the main navigation, for the processing laboratory (PRODUCT_PROCESSORS). */
export function LabNavLink() {
  const info = useSignedIn();
  if (!hasAnyRole(info.user.roles, PRODUCT_PROCESSORS)) return null;
  return (
    <Button component={NavLink} to="/lab" variant="subtle" leftSection={<IconFlask size={16} aria-hidden />}>
      Lab
    </Button>
  );
}
