import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ROLE_OPTIONS } from './AccountCard';
import { CreateAccountForm } from './CreateAccountForm';

const open = async () => {
  await renderPage(<CreateAccountForm />, { url: '/admin/users', roles: ['admin'] });
  return screen.getByRole('region', { name: 'Create an account' });
};
const username = (form: HTMLElement) => within(form).getByRole<HTMLInputElement>('textbox', { name: /Username/ });
const displayName = (form: HTMLElement) =>
  within(form).getByRole<HTMLInputElement>('textbox', { name: /Display name/ });
const password = (form: HTMLElement) => within(form).getByLabelText<HTMLInputElement>(/Initial password/);

async function fill(form: HTMLElement) {
  await userEvent.type(username(form), 'ward-nurse');
  await userEvent.type(displayName(form), 'Ward Nurse');
  await userEvent.type(password(form), 'Zebra-Lantern-Orchid-42');
  await userEvent.click(within(form).getByRole('checkbox', { name: 'Nurse' }));
}

describe('Create an account form', () => {
  it('shows the empty fields and every role, none ticked', async () => {
    const form = await open();
    expect(username(form).value).toBe('');
    expect(displayName(form).value).toBe('');
    expect(password(form).value).toBe('');
    const roles = within(form).getAllByRole<HTMLInputElement>('checkbox');
    expect(roles).toHaveLength(ROLE_OPTIONS.length);
    expect(roles.every((r) => !r.checked)).toBe(true);
    for (const o of ROLE_OPTIONS) expect(within(form).getByRole('checkbox', { name: o.label })).toBeTruthy();
  });

  it('sends the account with the CSRF header, tells who can sign in and empties the form', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(`${API}/users`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(
          { id: '00000000-0000-4000-8000-00000000aa01', username: 'ward-nurse' },
          { status: 201 }
        );
      })
    );
    const form = await open();
    await fill(form);
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Physician' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('ward-nurse can sign in now')).toBeTruthy();
    expect(sent).toEqual({
      username: 'ward-nurse',
      displayName: 'Ward Nurse',
      password: 'Zebra-Lantern-Orchid-42',
      roles: ['nurse', 'physician'],
    });
    expect(csrf).toBe('test-csrf-token');
    await waitFor(() => expect(username(form).value).toBe(''));
    expect(password(form).value).toBe('');
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Nurse' }).checked).toBe(false);
  });

  it('refuses, before sending, an account without a role or with a short password, naming each field', async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/users`, () => {
        posts += 1;
        return HttpResponse.json({ id: '00000000-0000-4000-8000-00000000aa01', username: 'x' }, { status: 201 });
      })
    );
    const form = await open();
    await userEvent.type(username(form), 'ward-nurse');
    await userEvent.type(displayName(form), 'Ward Nurse');
    await userEvent.type(password(form), 'Orchid-42');
    await userEvent.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await within(form).findByText('Give the user at least one role')).toBeTruthy();
    // Mantine marks the password's inner input with data-invalid (no aria-invalid)
    expect(password(form).dataset.invalid).toBe('true');
    expect(within(form).getByText('At least 12 characters')).toBeTruthy();
    expect(username(form).getAttribute('aria-invalid')).toBeNull();
    expect(posts).toBe(0);
  });

  it('shows the server’s refusal at the field it names, with its detail, and keeps what was typed', async () => {
    server.use(
      http.post(`${API}/users`, () =>
        problem(409, 'username: ward-nurse is already taken', [
          { path: 'username', message: 'this username is already taken' },
        ])
      )
    );
    const form = await open();
    await fill(form);
    await userEvent.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await within(form).findByText('This username is already taken')).toBeTruthy();
    expect(username(form).getAttribute('aria-invalid')).toBe('true');
    expect(username(form).value).toBe('ward-nurse');
    const alert = within(form).getByRole('alert');
    expect(alert.textContent).toContain('Account not created');
    expect(alert.textContent).toContain('username: ward-nurse is already taken');
  });
});
