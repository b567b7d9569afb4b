import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { http, HttpResponse, problem, server } from '../../testing/server';
import { PID, RID, relativesUrl, sara, typingOfSara } from './testFixtures';
import { TypingHistoryModal } from './TypingHistoryModal';

const version = (n: number, gl: string, withdrawn?: string) =>
  typingOfSara(n, gl, {
    withdrawnAt: withdrawn ? '2026-02-03T09:00:00.000Z' : null,
    withdrawalReason: withdrawn ?? null,
  });
const v1 = version(1, 'A*01:01+A*02:01');
const v2 = version(2, 'A*01:01+A*03:01');
const historyUrl = `${relativesUrl}/${RID}/hla`;

const render = (onChanged: () => void = () => undefined) =>
  renderPage(
    <TypingHistoryModal patientId={PID} relative={sara} canWrite onClose={() => undefined} onChanged={onChanged} />,
    { url: '/f' }
  );

describe('typing versions of a relative', () => {
  it('withdraws a version with a reason; it then shows as withdrawn and the page re-reads the ranking', async () => {
    let versions = [v2, v1];
    let sent: unknown = null;
    let changed = 0;
    server.use(
      http.get(historyUrl, () => HttpResponse.json({ versions })),
      http.delete(`${historyUrl}/${v2.id}`, async ({ request }) => {
        sent = await request.json();
        versions = [version(2, v2.glString, 'wrong sample'), v1];
        return HttpResponse.json({ versions });
      })
    );
    await render(() => changed++);
    const table = await screen.findByRole('table', { name: 'Typing versions' });
    expect(within(table).getByText('A*01:01+A*03:01')).toBeTruthy();
    expect(within(table).getByText('Current')).toBeTruthy();
    expect(within(table).getByText('Superseded')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw typing v2' }));
    const dialog = await screen.findByRole('dialog', { name: /Withdraw typing v2 of Sara/ });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /reason/i }), 'wrong sample');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Withdraw typing' }));
    await waitFor(() => expect(changed).toBe(1));
    expect(sent).toEqual({ reason: 'wrong sample' });
    expect(await screen.findByText('Withdrawn')).toBeTruthy();
    expect(screen.getByText(/wrong sample/)).toBeTruthy();
    // v1 is now the current typing, and the withdrawn version has no withdraw button any more.
    const rows = within(screen.getByRole('table', { name: 'Typing versions' })).getAllByRole('row');
    expect(within(rows[2]!).getByText('Current')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Withdraw typing v2' })).toBeNull();
  });

  it('keeps the dialog open with the refusal for a chosen donor', async () => {
    server.use(
      http.get(historyUrl, () => HttpResponse.json({ versions: [v1] })),
      http.delete(`${historyUrl}/${v1.id}`, () =>
        problem(409, 'Sara is the chosen donor of an episode: cancel that donor in the donor work-up first')
      )
    );
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Withdraw typing v1' }));
    const dialog = await screen.findByRole('dialog', { name: /Withdraw typing v1 of Sara/ });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /reason/i }), 'entered twice');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Withdraw typing' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Sara is the chosen donor');
  });

  it('says when the relative has no typing', async () => {
    server.use(http.get(historyUrl, () => HttpResponse.json({ versions: [] })));
    await render();
    expect(await screen.findByText('No typing recorded for this relative.')).toBeTruthy();
  });

  it('shows a server error', async () => {
    server.use(http.get(historyUrl, () => problem(500, 'The database is not reachable')));
    await render();
    expect((await screen.findByRole('alert')).textContent).toContain('The database is not reachable');
  });
});
