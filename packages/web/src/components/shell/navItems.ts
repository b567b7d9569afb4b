// The main navigation as one list: the header shows it in a row on wide screens, the burger drawer in a column
// on narrow ones (a ward tablet or phone). Each entry names the roles that see it (absent: everyone).
import {
  HL7_REVIEWERS,
  OUTCOME_READERS,
  PRODUCT_PROCESSORS,
  REGISTRY_READERS,
  type Role,
  SETTINGS_WRITERS,
  USER_ADMINS,
} from '@engraft/domain';
import {
  IconCalculator,
  IconCalendarDue,
  IconChartLine,
  IconFlask,
  IconInbox,
  IconReportAnalytics,
  IconSettings,
  IconUserShield,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export interface NavItem {
  to: string;
  label: string;
  /** Longer name for the tooltip and the accessible name when the entry is shown as an icon. */
  title?: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  /** Shown as an icon only in the header row (the bar is full); always with its label in the drawer. */
  iconOnly?: boolean;
  end?: boolean;
  roles?: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/today', label: 'Today', icon: IconCalendarDue },
  { to: '/patients', label: 'Patients', icon: IconUsers, end: true },
  { to: '/lab', label: 'Lab', icon: IconFlask, roles: PRODUCT_PROCESSORS },
  { to: '/outcomes', label: 'Outcomes', icon: IconChartLine, roles: OUTCOME_READERS },
  { to: '/calculators', label: 'Calculators', icon: IconCalculator },
  {
    to: '/settings',
    label: 'Settings',
    title: 'Centre settings',
    icon: IconSettings,
    iconOnly: true,
    roles: SETTINGS_WRITERS,
  },
  {
    to: '/hl7/review',
    label: 'Hospital feed review',
    title: 'Hospital feed review (HL7)',
    icon: IconInbox,
    iconOnly: true,
    roles: HL7_REVIEWERS,
  },
  {
    to: '/registries',
    label: 'Registry reporting',
    title: 'Registry reporting (CIBMTR, EBMT)',
    icon: IconReportAnalytics,
    iconOnly: true,
    roles: REGISTRY_READERS,
  },
  {
    to: '/admin/users',
    label: 'Users',
    title: 'User administration',
    icon: IconUserShield,
    iconOnly: true,
    roles: USER_ADMINS,
  },
];

/** The entries a user with these roles sees, in order. */
export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.roles || i.roles.some((r) => roles.includes(r)));
}

/**
 * The narrowest screen (px) on which the header row shows its entries with their words: the brand, the synthetic-data
 * badge, the user's name and Sign out take about 600 px; a worded entry 40 px plus 8 px a letter, an icon 34 px (and
 * 10 px between entries; measured in Chromium at 1440 px).
 * Narrower, the row shows icons only (each named and with a tooltip) rather than cutting words to "Toda…".
 */
export function headerLabelsFitFrom(items: readonly NavItem[]): number {
  const row = items.reduce((w, i) => w + 10 + (i.iconOnly ? 34 : 40 + 8 * i.label.length), 0);
  return 600 + row;
}
