import type { UserSummary } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { UsersPage } from './UsersPage';

const nurse: UserSummary = {
  id: '00000000-0000-4000-8000-00000000aa01',
  username: 'ward-nurse',
  displayName: 'Ward Nurse',
  roles: ['nurse'],
  locked: false,
  disabled: false,
  mustChangePassword: false,
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'admin',
  lastSignInAt: null,
};

function answer(users: UserSummary[]) {
  server.use(
    http.get(`${API}/users`, () => HttpResponse.json(users)),
    http.get(`${API}/users/created-recently`, () =>
      HttpResponse.json({
        days: 7,
        accounts: users.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          createdAt: u.createdAt,
          createdBy: 'admin',
        })),
      })
    )
  );
}

describe('Users page', () => {
  it('lists the accounts of the centre and the recently created ones', async () => {
    answer([nurse]);
    await renderPage(<UsersPage />, { url: '/admin/users', roles: ['admin'] });
    const card = await screen.findByRole('article', { name: 'Account ward-nurse' });
    expect(within(card).getByText('Active')).toBeTruthy();
    expect(within(card).getByText(/Created 1 Dec 2026 10:00 UTC by admin · last sign-in never/)).toBeTruthy();
    expect((await screen.findByTestId('recent-account')).textContent).toBe(
      'ward-nurse (Ward Nurse) created by admin on 1 Dec 2026 10:00 UTC'
    );
  });

  it('creates an account with the body the server expects, then lists it', async () => {
    let users: UserSummary[] = [];
    let sent: unknown = null;
    server.use(
      http.get(`${API}/users`, () => HttpResponse.json(users)),
      http.get(`${API}/users/created-recently`, () => HttpResponse.json({ days: 7, accounts: [] })),
      http.post(`${API}/users`, async ({ request }) => {
        sent = await request.json();
        users = [nurse];
        return HttpResponse.json({ id: nurse.id, username: nurse.username }, { status: 201 });
      })
    );
    await renderPage(<UsersPage />, { url: '/admin/users', roles: ['admin'] });
    expect(await screen.findByText('No accounts in this centre.')).toBeTruthy();
    const form = screen.getByRole('region', { name: 'Create an account' });
    await userEvent.type(within(form).getByRole('textbox', { name: /Username/ }), 'ward-nurse');
    await userEvent.type(within(form).getByRole('textbox', { name: /Display name/ }), 'Ward Nurse');
    await userEvent.type(within(form).getByLabelText(/Initial password/), 'Zebra-Lantern-Orchid-42');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Nurse' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Create account' }));
    await screen.findByRole('article', { name: 'Account ward-nurse' });
    expect(sent).toEqual({
      username: 'ward-nurse',
      displayName: 'Ward Nurse',
      password: 'Zebra-Lantern-Orchid-42',
      roles: ['nurse'],
    });
  });

  it('disables an account with a reason', async () => {
    let sent: unknown = null;
    let disabled = false;
    server.use(
      http.get(`${API}/users`, () => HttpResponse.json([{ ...nurse, disabled }])),
      http.get(`${API}/users/created-recently`, () => HttpResponse.json({ days: 7, accounts: [] })),
      http.post(`${API}/users/${nurse.id}/disable`, async ({ request }) => {
        sent = await request.json();
        disabled = true;
        return HttpResponse.json({ ok: true });
      })
    );
    await renderPage(<UsersPage />, { url: '/admin/users', roles: ['admin'] });
    const card = await screen.findByRole('article', { name: 'Account ward-nurse' });
    await userEvent.click(within(card).getByRole('button', { name: 'Disable ward-nurse' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable account: ward-nurse' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'left the unit');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    await within(card).findByText('Disabled');
    expect(sent).toEqual({ reason: 'left the unit' });
  });

  it('shows the server’s words: a refused action in its dialog, a refused list on the page', async () => {
    answer([nurse]);
    server.use(
      http.post(`${API}/users/${nurse.id}/sign-out`, () =>
        problem(409, 'ward-nurse has no open session.', [{ path: 'userId', message: 'no open session' }])
      )
    );
    await renderPage(<UsersPage />, { url: '/admin/users', roles: ['admin'] });
    const card = await screen.findByRole('article', { name: 'Account ward-nurse' });
    await userEvent.click(within(card).getByRole('button', { name: 'Sign ward-nurse out everywhere' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'lost phone');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toContain('ward-nurse has no open session.')
    );
  });

  it('shows why the accounts could not be read', async () => {
    server.use(
      http.get(`${API}/users`, () => problem(403, 'Your role cannot administer users.')),
      http.get(`${API}/users/created-recently`, () => HttpResponse.json({ days: 7, accounts: [] }))
    );
    await renderPage(<UsersPage />, { url: '/admin/users', roles: ['admin'] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the accounts');
    expect(alert.textContent).toContain('Your role cannot administer users.');
  });

  it('tells a non-administrator the page is for administrators', async () => {
    await renderPage(<UsersPage />, { url: '/admin/users', roles: ['nurse'] });
    expect(await screen.findByText('User administration is for administrators.')).toBeTruthy();
  });
});
