import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../data/queryClient';
import { SessionProvider, useSession } from '../session';
import { sessionFor } from '../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../testing/server';
import { theme } from '../theme';
import { ChangePasswordPage } from './ChangePasswordPage';
import { LoginPage } from './LoginPage';
import { NotFoundPage } from './NotFoundPage';

// The pages shown before the app: sign-in, the forced password change, and the page for an unknown address.

function Patients() {
  const { state } = useSession();
  return <p>{state.status === 'signed-in' ? `Patients for ${state.info.user.displayName}` : state.status}</p>;
}

function renderAt(url: string, page: React.ReactElement, path = url) {
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={createQueryClient({ retry: false })}>
        <SessionProvider>
          <MemoryRouter initialEntries={[url]}>
            <Routes>
              <Route path={path} element={page} />
              <Route path="/patients" element={<Patients />} />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

const signedOut = () => http.get(`${API}/session`, () => problem(401, 'Not signed in.'));

describe('Sign-in page', () => {
  it('signs in with the username and password typed, then opens the patient list', async () => {
    let sent: unknown = null;
    server.use(
      signedOut(),
      http.post(`${API}/session`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(sessionFor(['nurse']));
      })
    );
    renderAt('/login', <LoginPage />);
    await userEvent.type(await screen.findByLabelText(/Username/), 'nurse.rowan');
    await userEvent.type(screen.getByLabelText(/Password/), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Patients for Test nurse')).toBeTruthy();
    expect(sent).toEqual({ username: 'nurse.rowan', password: 'correct horse battery' });
  });

  it('asks for both fields before sending anything', async () => {
    let posts = 0;
    server.use(
      signedOut(),
      http.post(`${API}/session`, () => {
        posts += 1;
        return HttpResponse.json(sessionFor(['nurse']));
      })
    );
    renderAt('/login', <LoginPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getAllByRole('textbox', { name: /Username/ })[0]!.getAttribute('aria-invalid')).toBe('true');
    expect(posts).toBe(0);
  });

  it('gives one answer for a wrong password or a locked account, and clears the password', async () => {
    server.use(
      signedOut(),
      http.post(`${API}/session`, () => problem(401, 'Invalid credentials.'))
    );
    renderAt('/login', <LoginPage />);
    await userEvent.type(await screen.findByLabelText(/Username/), 'nurse.rowan');
    await userEvent.type(screen.getByLabelText(/Password/), 'wrong password!');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Sign-in failed');
    expect(alert.textContent).toContain('Wrong username or password, or the account is locked');
    expect(screen.getByLabelText<HTMLInputElement>(/Password/).value).toBe('');
  });

  it('says to wait after too many attempts, and shows the server’s words for any other refusal', async () => {
    server.use(
      signedOut(),
      http.post(`${API}/session`, () => problem(429, 'Rate limit exceeded.'), { once: true }),
      http.post(`${API}/session`, () => problem(503, 'The database is not reachable.'))
    );
    renderAt('/login', <LoginPage />);
    await userEvent.type(await screen.findByLabelText(/Username/), 'nurse.rowan');
    await userEvent.type(screen.getByLabelText(/Password/), 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too many sign-in attempts. Wait a minute');
    await userEvent.type(screen.getByLabelText(/Password/), 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The database is not reachable.'));
  });
});

describe('Forced password change', () => {
  const mustChange = () =>
    http.get(`${API}/session`, () => HttpResponse.json({ ...sessionFor(['nurse']), mustChangePassword: true }));

  it('sends the temporary and the new password, not the repetition', async () => {
    let sent: unknown = null;
    server.use(
      mustChange(),
      http.post(`${API}/session/password`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(sessionFor(['nurse']));
      })
    );
    renderAt('/', <ChangePasswordPage />);
    await userEvent.type(await screen.findByLabelText(/Temporary password/), 'Temp-password-1');
    await userEvent.type(screen.getByLabelText(/^New password/), 'a long new passphrase');
    await userEvent.type(screen.getByLabelText(/Repeat the new password/), 'a long new passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    await waitFor(() =>
      expect(sent).toEqual({ currentPassword: 'Temp-password-1', newPassword: 'a long new passphrase' })
    );
  });

  it('refuses two different new passwords before sending', async () => {
    let posts = 0;
    server.use(
      mustChange(),
      http.post(`${API}/session/password`, () => {
        posts += 1;
        return HttpResponse.json(sessionFor(['nurse']));
      })
    );
    renderAt('/', <ChangePasswordPage />);
    await userEvent.type(await screen.findByLabelText(/Temporary password/), 'Temp-password-1');
    await userEvent.type(screen.getByLabelText(/^New password/), 'a long new passphrase');
    await userEvent.type(screen.getByLabelText(/Repeat the new password/), 'a long new passphrasE');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('the two new passwords differ')).toBeTruthy();
    expect(posts).toBe(0);
  });

  it('shows the server’s refusal above the form and at the field it names', async () => {
    server.use(
      mustChange(),
      http.post(`${API}/session/password`, () =>
        problem(422, 'The new password is too common.', [{ path: 'newPassword', message: 'is a common password' }])
      )
    );
    renderAt('/', <ChangePasswordPage />);
    await userEvent.type(await screen.findByLabelText(/Temporary password/), 'Temp-password-1');
    await userEvent.type(screen.getByLabelText(/^New password/), 'a perfectly fine phrase');
    await userEvent.type(screen.getByLabelText(/Repeat the new password/), 'a perfectly fine phrase');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The new password is too common.');
    expect(screen.getByText('Is a common password')).toBeTruthy();
  });
});

describe('Unknown address', () => {
  it('says the page does not exist', async () => {
    server.use(http.get(`${API}/session`, () => HttpResponse.json(sessionFor(['nurse']))));
    renderAt('/nowhere', <NotFoundPage />);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the patient list' }).getAttribute('href')).toBe('/patients');
  });
});
