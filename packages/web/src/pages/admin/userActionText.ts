// What each account action does, in the words the confirmation dialog shows (issue 14).
import type { UserAction } from './api';

export const ACTION_TEXT: Record<UserAction['kind'], { title: string; label: string; color: string; text: string }> = {
  disable: {
    title: 'Disable account',
    label: 'Disable',
    color: 'red',
    text: 'The account cannot sign in any more and its open sessions end now.',
  },
  enable: { title: 'Enable account', label: 'Enable', color: 'teal', text: 'The account can sign in again.' },
  unlock: {
    title: 'Unlock account',
    label: 'Unlock',
    color: 'teal',
    text: 'The failed sign-in count is cleared; the user can sign in again.',
  },
  'sign-out': {
    title: 'Sign out everywhere',
    label: 'Sign out everywhere',
    color: 'red',
    text: 'Every open session of this account ends now, on every device.',
  },
  roles: {
    title: 'Change roles',
    label: 'Save roles',
    color: 'teal',
    text: 'The roles apply at once, also to open sessions.',
  },
  'password-reset': {
    title: 'Set a temporary password',
    label: 'Set temporary password',
    color: 'red',
    text: 'Tell the user the temporary password in person. Their sessions end now and they must choose a new password at the next sign-in.',
  },
};
