import { ActionIcon, Button, Group, Stack, Tooltip } from '@mantine/core';
import { NavLink } from 'react-router';
import { useSignedIn } from '../../session';
import { navItemsFor } from './navItems';

/** The main navigation: a row in the header (wide screens) or a column in the burger drawer (narrow ones). */
export function MainNav({ vertical = false, onNavigate }: { vertical?: boolean; onNavigate?: () => void }) {
  const info = useSignedIn();
  const items = navItemsFor(info.user.roles);
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
    <Group gap="xs" wrap="nowrap">
      {items.map(({ to, label, title, icon: Icon, end, iconOnly }) =>
        iconOnly ? (
          <Tooltip key={to} label={title ?? label}>
            <ActionIcon component={NavLink} to={to} end={end} variant="subtle" size="lg" aria-label={label}>
              <Icon size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ) : (
          <Button
            key={to}
            component={NavLink}
            to={to}
            end={end}
            variant="subtle"
            leftSection={<Icon size={16} aria-hidden />}
          >
            {label}
          </Button>
        )
      )}
    </Group>
  );
}
