import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { useBedside } from './api';
import { ConfirmModal } from './ConfirmModal';
import { EPISODE, passedCheck, path, url } from './testFixtures';

const check = passedCheck({ performedBy: 'Nurse Scanner' });
const confirmUrl = `${API}/bedside-checks/${check.id}/confirm`;
let reads = 0;
const bedsideAnswer = http.get(`${API}/episodes/${EPISODE}/bedside`, () => {
  reads += 1;
  return problem(404, 'The page behind the dialog is not what this test looks at.');
});

/** The bedside page's query, as the page behind the dialog holds it: a conflict reads it again. */
function BedsideReads() {
  const bedside = useBedside(EPISODE);
  return <p>{bedside.isFetching ? 'reading' : 'read'}</p>;
}

const open = async (onClose: () => void = () => {}) => {
  reads = 0;
  server.use(bedsideAnswer);
  await renderPage(
    <>
      <BedsideReads />
      <ConfirmModal check={check} opened onClose={onClose} />
    </>,
    { url, path, roles: ['nurse'] }
  );
  return screen.findByRole('dialog', { name: 'Second person: sign to confirm' });
};

describe('Second person confirm dialog', () => {
  it('names who scanned, starts empty and cannot be sent without both username and password', async () => {
    const dialog = await open();
    expect(dialog.textContent).toContain('Nurse Scanner scanned; the second person must be someone else.');
    const username = within(dialog).getByLabelText<HTMLInputElement>('Your username');
    const password = within(dialog).getByLabelText<HTMLInputElement>('Your password');
    expect(username.value).toBe('');
    expect(password.value).toBe('');
    const confirm = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Confirm the match' });
    expect(confirm.disabled).toBe(true);
    await userEvent.type(username, 'dr-second');
    expect(confirm.disabled).toBe(true);
    await userEvent.type(password, 'secret');
    expect(confirm.disabled).toBe(false);
  });

  it('sends the second person’s credentials with the CSRF header, tells the user and closes', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(confirmUrl, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json({ ...check, confirmedBy: 'Dr Second', confirmedAt: '2026-12-06T09:35:00.000Z' });
      })
    );
    const onClose = vi.fn();
    const dialog = await open(onClose);
    await userEvent.type(within(dialog).getByLabelText('Your username'), 'dr-second');
    await userEvent.type(within(dialog).getByLabelText('Your password'), 'Correct-Horse-9');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm the match' }));
    expect(await screen.findByText('Second check recorded.')).toBeTruthy();
    expect(sent).toEqual({ username: 'dr-second', password: 'Correct-Horse-9' });
    expect(csrf).toBe('test-csrf-token');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('keeps the dialog open with the server’s words when the second person is refused', async () => {
    // the server re-authenticates the second person: a wrong password is a 400, never a 401 (which signs out)
    server.use(
      http.post(confirmUrl, () =>
        problem(400, 'second person: username or password is wrong', [
          { path: 'password', message: 'username or password is wrong' },
        ])
      )
    );
    const onClose = vi.fn();
    const dialog = await open(onClose);
    await userEvent.type(within(dialog).getByLabelText('Your username'), 'dr-second');
    await userEvent.type(within(dialog).getByLabelText('Your password'), 'wrong');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm the match' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('second person: username or password is wrong');
    expect(onClose).not.toHaveBeenCalled();
    expect(reads).toBe(1);
  });

  it('shows a conflict (confirmed by someone else meanwhile) and reads the bedside page again', async () => {
    server.use(http.post(confirmUrl, () => problem(409, 'This check was already confirmed.')));
    const dialog = await open();
    await waitFor(() => expect(reads).toBe(1));
    await userEvent.type(within(dialog).getByLabelText('Your username'), 'dr-second');
    await userEvent.type(within(dialog).getByLabelText('Your password'), 'secret');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm the match' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('This check was already confirmed.');
    await waitFor(() => expect(reads).toBe(2));
  });
});
