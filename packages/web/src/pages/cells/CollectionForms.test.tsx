import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, confirmationRequired, confirmFirst, http, HttpResponse, problem, server } from '../../testing/server';
import { CollectionCard } from './CollectionCard';
import { NewCollectionForm } from './NewCollectionForm';
import { collection, EPISODE_ID, episodeDonors, path, url } from './testFixtures';

const autologous = episodeDonors({ takesDonor: false });
const c = collection();

describe('Plan a collection form', () => {
  it('plans an autologous tandem apheresis for the recipient’s weight', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/collections`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(collection({ days: [], progress: null, status: 'planned' }), { status: 201 });
      })
    );
    await renderPage(<NewCollectionForm data={autologous} />, { url, path, roles: ['coordinator'] });
    const form = screen.getByRole('form', { name: 'Plan a collection' });
    await userEvent.click(within(form).getByLabelText('Tandem (collect for two transplants)'));
    await userEvent.click(within(form).getByRole('button', { name: 'Plan collection' }));
    expect(await screen.findByText('Collection planned')).toBeTruthy();
    expect(sent).toEqual({
      method: 'apheresis',
      mobilisation: 'G-CSF',
      plannedOn: '2026-12-06',
      recipientWeightKg: 70,
      tandem: true,
    });
  });

  it('shows the server’s refusal', async () => {
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/collections`, () =>
        problem(409, 'The episode is closed: no collection can be planned.')
      )
    );
    await renderPage(<NewCollectionForm data={autologous} />, { url, path, roles: ['coordinator'] });
    await userEvent.click(screen.getByRole('button', { name: 'Plan collection' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The episode is closed: no collection can be planned.');
  });
});

describe('Collection day form', () => {
  it('sends CD34+ typed in ×10⁶ as whole cells and an unusual count only with a reason', async () => {
    const bodies: Record<string, unknown>[] = [];
    server.use(
      http.post(
        `${API}/collections/${c.id}/days`,
        confirmFirst(bodies, [{ path: 'cd34Cells', message: 'CD34+ 9.0 ×10⁹ cells is above the usual range' }], () =>
          HttpResponse.json(collection(), { status: 201 })
        )
      )
    );
    await renderPage(<CollectionCard c={c} data={autologous} roles={['nurse']} />, { url, path, roles: ['nurse'] });
    const form = screen.getByRole('form', { name: 'Record an apheresis day' });
    await userEvent.type(within(form).getByLabelText('Processed volume (L)'), '20');
    await userEvent.type(within(form).getByLabelText('CD34+ collected (×10⁶ cells)'), '9000');
    await userEvent.click(within(form).getByRole('button', { name: 'Record day' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /above the usual range/ }), 'counted twice');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm with reason' }));
    expect(await screen.findByText('Collection day recorded')).toBeTruthy();
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual({ collectedOn: '2026-12-06', processedVolumeL: 20, cd34Cells: 9_000_000_000 });
    expect(bodies[1]).toEqual({
      ...bodies[0],
      confirmations: [{ field: 'cd34Cells', reason: 'counted twice' }],
    });
    // the next apheresis day is offered
    await waitFor(() => expect(within(form).getByLabelText<HTMLInputElement>('Date').value).toBe('2026-12-07'));
  });

  it('sends nothing more when the unusual count is not confirmed', async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/collections/${c.id}/days`, () => {
        posts += 1;
        return confirmationRequired([{ path: 'cd34Cells', message: 'CD34+ is above the usual range' }]);
      })
    );
    await renderPage(<CollectionCard c={c} data={autologous} roles={['nurse']} />, { url, path, roles: ['nurse'] });
    const form = screen.getByRole('form', { name: 'Record an apheresis day' });
    await userEvent.type(within(form).getByLabelText('CD34+ collected (×10⁶ cells)'), '9000');
    await userEvent.click(within(form).getByRole('button', { name: 'Record day' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel and correct' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(posts).toBe(1);
    expect(screen.queryByText('Collection day recorded')).toBeNull();
  });

  it('shows the server’s refusal of a bag whose check character is wrong, under the field', async () => {
    server.use(
      http.post(`${API}/collections/${c.id}/days`, () =>
        problem(400, 'The bag DIN is not valid.', [
          { path: 'product.din', message: 'check character K does not match computed 7' },
        ])
      )
    );
    await renderPage(<CollectionCard c={c} data={autologous} roles={['nurse']} />, { url, path, roles: ['nurse'] });
    const form = screen.getByRole('form', { name: 'Record an apheresis day' });
    await userEvent.type(within(form).getByLabelText('CD34+ collected (×10⁶ cells)'), '150');
    await userEvent.type(within(form).getByLabelText('Bag DIN (with check character)'), 'W9999 26 123456 K');
    await userEvent.click(within(form).getByRole('button', { name: 'Record day' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The bag DIN is not valid.');
    expect(within(form).getByText('Check character K does not match computed 7')).toBeTruthy();
  });

  it('marks the collection complete on today’s date', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/collections/${c.id}/status`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(collection({ status: 'complete' }));
      })
    );
    await renderPage(<CollectionCard c={c} data={autologous} roles={['coordinator']} />, {
      url,
      path,
      roles: ['coordinator'],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Mark collection complete' }));
    await waitFor(() => expect(sent).toEqual({ status: 'complete', on: '2026-12-06' }));
  });

  it('offers no day form on a completed collection', async () => {
    const done = collection({ status: 'complete' });
    await renderPage(<CollectionCard c={done} data={autologous} roles={['coordinator']} />, {
      url,
      path,
      roles: ['coordinator'],
    });
    expect(screen.getByTestId('cd34-status')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Record an apheresis day' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mark collection complete' })).toBeNull();
  });
});
