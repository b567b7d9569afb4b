// CountField in the form that uses it most (a collection day: CD34+ typed in ×10⁶, TNC in ×10⁸, sent as cells).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, confirmFirst, http, HttpResponse, problem, server } from '../../testing/server';
import { CollectionCard } from './CollectionCard';
import { collection, episodeDonors, path, url } from './testFixtures';

const autologous = episodeDonors({ takesDonor: false });
const c = collection();
const open = async () => {
  await renderPage(<CollectionCard c={c} data={autologous} roles={['nurse']} />, { url, path, roles: ['nurse'] });
  return screen.getByRole('form', { name: 'Record an apheresis day' });
};

describe('CountField', () => {
  it('refuses an impossible count before sending, naming the field under it', async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/collections/${c.id}/days`, () => {
        posts += 1;
        return HttpResponse.json(collection(), { status: 201 });
      })
    );
    const form = await open();
    const cd34 = within(form).getByLabelText<HTMLInputElement>('CD34+ collected (×10⁶ cells)');
    await userEvent.type(cd34, '-5');
    await userEvent.click(within(form).getByRole('button', { name: 'Record day' }));
    await waitFor(() => expect(cd34.getAttribute('aria-invalid')).toBe('true'));
    const errorId = cd34
      .getAttribute('aria-describedby')!
      .split(' ')
      .find((id) => id.endsWith('-error'))!;
    expect(document.getElementById(errorId)?.textContent).toBe('CD34+ cells must be more than 0 cells');
    expect(posts).toBe(0);
    expect(cd34.value).toBe('-5');
  });

  it('keeps the typed text as typed and shows what it reads, in the field’s unit', async () => {
    let sent: Record<string, unknown> | null = null;
    server.use(
      http.post(`${API}/collections/${c.id}/days`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(collection(), { status: 201 });
      })
    );
    const form = await open();
    const tnc = within(form).getByLabelText<HTMLInputElement>('TNC (×10⁸ cells)');
    await userEvent.type(tnc, '2.5e2');
    expect(tnc.value).toBe('2.5e2');
    expect(within(form).getByText('= 250 ×10⁸ cells', { exact: false })).toBeTruthy();
    const cd34 = within(form).getByLabelText<HTMLInputElement>('CD34+ collected (×10⁶ cells)');
    await userEvent.type(cd34, '4,5');
    expect(cd34.value).toBe('4,5');
    await userEvent.click(within(form).getByRole('button', { name: 'Record day' }));
    expect(cd34.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toBeNull();
    await userEvent.clear(cd34);
    await userEvent.type(cd34, '450');
    await userEvent.click(within(form).getByRole('button', { name: 'Record day' }));
    await waitFor(() =>
      expect(sent).toEqual({ collectedOn: '2026-12-06', cd34Cells: 450_000_000, tncCells: 25_000_000_000 })
    );
  });

  it('needs a confirmation for an implausible count, and shows a refusal of the whole-cell field under it', async () => {
    const bodies: Record<string, unknown>[] = [];
    server.use(
      http.post(
        `${API}/collections/${c.id}/days`,
        confirmFirst(bodies, [{ path: 'tncCells', message: 'TNC 9.0 ×10¹² cells is above the usual range' }], () =>
          problem(422, 'A field is wrong.', [{ path: 'tncCells', message: 'TNC does not match the bag label' }])
        )
      )
    );
    const form = await open();
    await userEvent.type(within(form).getByLabelText('TNC (×10⁸ cells)'), '90000');
    await userEvent.click(within(form).getByRole('button', { name: 'Record day' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /above the usual range/ }), 'recounted');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm with reason' }));
    expect(await within(form).findByText('TNC does not match the bag label')).toBeTruthy();
    expect(within(form).getByLabelText('TNC (×10⁸ cells)').getAttribute('aria-invalid')).toBe('true');
    expect(bodies[1]).toEqual({
      collectedOn: '2026-12-06',
      tncCells: 9_000_000_000_000,
      confirmations: [{ field: 'tncCells', reason: 'recounted' }],
    });
  });
});
