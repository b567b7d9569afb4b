import { ActionIcon, Button, Group, Stack, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { NavLink } from 'react-router';
import { useSignedIn } from '../../session';
import { headerLabelsFitFrom, navItemsFor } from './navItems';

/** The main navigation: a row in the header (wide screens) or a column in the burger drawer (narrow ones). */
export function MainNav({ vertical = false, onNavigate }: { vertical?: boolean; onNavigate?: () => void }) {
  const info = useSignedIn();
  const items = navItemsFor(info.user.roles);
  const worded = useMediaQuery(`(min-width: ${headerLabelsFitFrom(items)}px)`, true);
  if (vertical) {
    return (
      <Stack gap={4}>
        {items.map(({ to, label, icon: Icon, end }) => (
          <Button
            key={to}
            component={NavLink}
            to={to}
            end={end}
            variant="subtle"
            justify="flex-start"
            fullWidth
            leftSection={<Icon size={18} aria-hidden />}
            onClick={onNavigate}
          >
            {label}
          </Button>
        ))}
      </Stack>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" className={worded ? undefined : 'nav-compact'}>
      {items.map(({ to, label, title, icon: Icon, end, iconOnly }) =>
        iconOnly ? (
          <Tooltip key={to} label={title ?? label}>
            <ActionIcon component={NavLink} to={to} end={end} variant="subtle" size="lg" aria-label={label}>
              <Icon size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ) : (
          <Tooltip key={to} label={label}>
            <Button
              component={NavLink}
              to={to}
              end={end}
              variant="subtle"
              px={10}
              aria-label={label}
              leftSection={<Icon size={16} aria-hidden />}
            >
              <span className="nav-label">{label}</span>
            </Button>
          </Tooltip>
        )
      )}
    </Group>
  );
}
