import { Button } from '@mantine/core';
import { IconChartLine } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { OUTCOME_READERS } from '@engraft/domain';
import { hasAnyRole, useSignedIn } from '../../session';

/** The "Outcomes" entry of the main navigation, for the roles that may see programme outcomes. */
export function OutcomesNavLink() {
  const info = useSignedIn();
  if (!hasAnyRole(info.user.roles, OUTCOME_READERS)) return null;
  return (
    <Button component={NavLink} to="/outcomes" variant="subtle" leftSection={<IconChartLine size={16} aria-hidden />}>
      Outcomes
    </Button>
  );
}
