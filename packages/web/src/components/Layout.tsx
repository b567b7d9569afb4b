import { ROLE_LABELS } from '@engraft/domain';
import { Alert, Anchor, AppShell, Badge, Button, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCalendarDue, IconLogout, IconUsers } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useSession, useSignedIn } from '../session';
import { CalculatorsNavLink } from './monitoring/CalculatorsNavLink';
import { LabNavLink } from './products/LabNavLink';
import { OutcomesNavLink } from './outcomes/OutcomesNavLink';
import { SettingsNavLink } from './SettingsNavLink';
import { UsersNavLink } from './admin/UsersNavLink';
import { Hl7ReviewNavLink } from './hl7/Hl7ReviewNavLink';
import { RegistriesNavLink } from './registries/RegistriesNavLink';

export function Layout() {
  const info = useSignedIn();
  const { signOut, keepAlive, idleWarningMs } = useSession();
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  // After client-side navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const id = window.setTimeout(() => {
      const h1 = document.querySelector<HTMLElement>('#main h1');
      if (h1 && !h1.contains(document.activeElement)) {
        h1.tabIndex = -1;
        h1.focus({ preventScroll: true });
      }
    }, 50);
    return () => window.clearTimeout(id);
  }, [pathname]);
  const synthetic = /synthetic/i.test(info.centre.name);
  const roles = info.user.roles.map((r) => ROLE_LABELS[r]).join(', ');

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Anchor
              component={Link}
              to="/patients"
              underline="never"
              c="teal.8"
              fw={750}
              fz="xl"
              aria-label="Engraft home: patient list"
            >
              Engraft
            </Anchor>
            <Text c="dimmed" fz="sm" visibleFrom="xl" truncate maw={260}>
              {info.centre.name}
            </Text>
            {synthetic && (
              <Tooltip label="Every patient here is invented. Do not enter real patient data.">
                <Badge
                  color="orange"
                  variant="filled"
                  leftSection={<IconAlertTriangle size={14} aria-hidden />}
                  style={{ flexShrink: 0 }}
                >
                  Synthetic demo data
                </Badge>
              </Tooltip>
            )}
          </Group>
          <nav aria-label="Main">
            <Group gap="xs" wrap="nowrap">
              <Button
                component={NavLink}
                to="/today"
                variant="subtle"
                leftSection={<IconCalendarDue size={16} aria-hidden />}
              >
                Today
              </Button>
              <Button
                component={NavLink}
                to="/patients"
                end
                variant="subtle"
                leftSection={<IconUsers size={16} aria-hidden />}
              >
                Patients
              </Button>
              <LabNavLink />
              <OutcomesNavLink />
              <CalculatorsNavLink />
              <SettingsNavLink />
              <Hl7ReviewNavLink />
              <RegistriesNavLink />
              <UsersNavLink />
            </Group>
          </nav>
          <Group gap="sm" wrap="nowrap">
            <div style={{ textAlign: 'right', minWidth: 0 }}>
              <Text fz="sm" fw={600} lh={1.2} truncate maw={180}>
                <VisuallyHidden>Signed in as </VisuallyHidden>
                {info.user.displayName}
              </Text>
              <Text fz="xs" c="dimmed" lh={1.2} truncate maw={180} visibleFrom="lg">
                {roles}
              </Text>
            </div>
            <Button
              variant="default"
              size="xs"
              style={{ flexShrink: 0 }}
              leftSection={<IconLogout size={14} aria-hidden />}
              onClick={() => void signOut()}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        {idleWarningMs != null && (
          <Alert color="yellow" mb="md" title="You will be signed out soon" role="alert">
            <Group justify="space-between">
              <Text fz="sm">
                {idleWarningMs < 60_000
                  ? 'Without activity you will be signed out in less than a minute.'
                  : `Without activity you will be signed out in about ${Math.ceil(idleWarningMs / 60_000)} minutes.`}
              </Text>
              <Button size="xs" onClick={() => void keepAlive()}>
                Stay signed in
              </Button>
            </Group>
          </Alert>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
