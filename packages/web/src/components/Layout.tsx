import { ROLE_LABELS } from '@engraft/domain';
import {
  ActionIcon,
  Alert,
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconLogout } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession, useSignedIn } from '../session';
import { MainNav } from './shell/MainNav';

export function Layout() {
  const info = useSignedIn();
  const { signOut, keepAlive, idleWarningMs } = useSession();
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  const [navOpen, nav] = useDisclosure(false);
  // A narrow screen's navigation drawer closes once the user has gone somewhere.
  const closeNav = nav.close;
  useEffect(() => closeNav(), [pathname, closeNav]);
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
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'md', collapsed: { mobile: !navOpen, desktop: true } }}
      padding={{ base: 'xs', sm: 'md' }}
      className="app-shell"
    >
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppShell.Header className="no-print">
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={navOpen ? 'Close the navigation' : 'Open the navigation'}
              aria-expanded={navOpen}
              aria-controls="main-navigation"
            />
            <Anchor
              component={Link}
              to="/patients"
              underline="never"
              c="teal.9"
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
                  color="yellow.4"
                  variant="filled"
                  leftSection={<IconAlertTriangle size={14} aria-hidden />}
                  style={{ flexShrink: 0 }}
                >
                  <Text span inherit visibleFrom="sm">
                    Synthetic demo data
                  </Text>
                  <Text span inherit hiddenFrom="sm">
                    Synthetic
                  </Text>
                </Badge>
              </Tooltip>
            )}
          </Group>
          <nav aria-label="Main" className="main-nav-row">
            <MainNav />
          </nav>
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <div style={{ textAlign: 'right', minWidth: 0 }} className="signed-in-as">
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
              visibleFrom="sm"
              style={{ flexShrink: 0 }}
              leftSection={<IconLogout size={14} aria-hidden />}
              onClick={() => void signOut()}
            >
              Sign out
            </Button>
            <Tooltip label="Sign out">
              <ActionIcon
                variant="default"
                size="lg"
                hiddenFrom="sm"
                aria-label="Sign out"
                onClick={() => void signOut()}
              >
                <IconLogout size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="sm"
        id="main-navigation"
        className="no-print"
        // Collapsed, the drawer is off screen: keep its links out of the tab order and the accessibility tree.
        style={{ visibility: navOpen ? 'visible' : 'hidden' }}
      >
        <nav aria-label="Main (menu)">
          <MainNav vertical onNavigate={nav.close} />
        </nav>
      </AppShell.Navbar>
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
