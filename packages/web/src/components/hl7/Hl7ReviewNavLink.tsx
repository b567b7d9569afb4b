import { HL7_REVIEWERS } from '@engraft/domain';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { hasAnyRole, useSignedIn } from '../../session';

/** The "Hospital feed review" entry of the main navigation, for those who reconcile the HL7 feed. */
export function Hl7ReviewNavLink() {
  const info = useSignedIn();
  if (!hasAnyRole(info.user.roles, HL7_REVIEWERS)) return null;
  return (
    <Tooltip label="Hospital feed review (HL7)">
      <ActionIcon component={NavLink} to="/hl7/review" variant="subtle" size="lg" aria-label="Hospital feed review">
        <IconInbox size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
