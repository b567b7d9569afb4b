import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { CellsPage } from './CellsPage';
import { collection, donor, EPISODE_ID, episodeDonors, path, url } from './testFixtures';

const read = (donors = episodeDonors(), collections = [collection()]) => [
  http.get(`${API}/episodes/${EPISODE_ID}/donors`, () => HttpResponse.json(donors)),
  http.get(`${API}/episodes/${EPISODE_ID}/collections`, () => HttpResponse.json(collections)),
];

describe('Donor & collection page', () => {
  it('shows the donor with its work-up and the collection with CD34+ ×10⁶/kg against the targets', async () => {
    server.use(
      ...read(episodeDonors({ donors: [donor()] })),
      http.get(`${API}/episodes/${EPISODE_ID}/donor-searches`, () => HttpResponse.json([]))
    );
    await renderPage(<CellsPage />, { url, path, roles: ['coordinator'] });
    expect(await screen.findByRole('heading', { name: 'Donor & collection' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '← MARSH, Ada (SYN-200)' })).toBeTruthy();
    const card = screen.getByRole('region', { name: 'Donor and source' });
    expect(within(card).getByTestId('donor-status').textContent).toBe('Medically cleared');
    expect(within(card).getByText('sibling, HLA-identical')).toBeTruthy();
    const status = screen.getByTestId('cd34-status');
    expect(status.textContent).toContain('Another day needed — minimum reached, target not yet');
    expect(status.textContent).toContain('Targets: minimum 2, target 4, maximum 8 ×10⁶/kg for 70 kg.');
    // 245 ×10⁶ CD34+ collected, 3.50 ×10⁶/kg for 70 kg
    const days = within(screen.getByRole('region', { name: 'Collections' })).getByRole('table');
    expect(within(days).getByRole('columnheader', { name: 'CD34+ ×10⁶' })).toBeTruthy();
    expect(within(days).getByRole('cell', { name: '245' })).toBeTruthy();
    expect(within(days).getAllByRole('cell', { name: '3.50' })).toHaveLength(2);
    expect(screen.getByRole('img', { name: /Cumulative CD34\+ ×10⁶\/kg by apheresis day/ })).toBeTruthy();
  });

  it('moves the donor to the next work-up step with its date and shows the step after reading again', async () => {
    let current = donor();
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/donors`, () => HttpResponse.json(episodeDonors({ donors: [current] }))),
      http.get(`${API}/episodes/${EPISODE_ID}/collections`, () => HttpResponse.json([])),
      http.get(`${API}/episodes/${EPISODE_ID}/donor-searches`, () => HttpResponse.json([])),
      http.post(`${API}/donors/${current.id}/status`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        current = donor({ status: 'collection-scheduled', statusOn: '2026-12-07' });
        return HttpResponse.json(current);
      })
    );
    await renderPage(<CellsPage />, { url, path, roles: ['coordinator'] });
    const date = await screen.findByLabelText('Date of the step');
    await userEvent.clear(date);
    await userEvent.type(date, '2026-12-07');
    await userEvent.click(screen.getByRole('button', { name: 'Next: Collection scheduled' }));
    await waitFor(() => expect(screen.getByTestId('donor-status').textContent).toBe('Collection scheduled'));
    expect(sent).toEqual({ status: 'collection-scheduled', on: '2026-12-07' });
    expect(csrf).toBe('test-csrf-token');
  });

  it('shows the server’s refusal of a work-up step', async () => {
    const d = donor();
    server.use(
      ...read(episodeDonors({ donors: [d] }), []),
      http.get(`${API}/episodes/${EPISODE_ID}/donor-searches`, () => HttpResponse.json([])),
      http.post(`${API}/donors/${d.id}/status`, () =>
        problem(409, 'The donor cannot move from medically cleared to cancelled without a note.')
      )
    );
    await renderPage(<CellsPage />, { url, path, roles: ['coordinator'] });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel donor' }));
    expect((await screen.findByRole('alert')).textContent).toContain('without a note');
  });

  it('says when no donor is chosen and no collection planned, and offers no form to a role that cannot write', async () => {
    server.use(...read(episodeDonors(), []));
    await renderPage(<CellsPage />, { url, path, roles: ['data-manager'] });
    expect(await screen.findByText('No donor chosen yet.')).toBeTruthy();
    expect(screen.getByText('No collection planned yet.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Plan a collection' })).toBeNull();
    expect(screen.queryByText('Choose the donor')).toBeNull();
  });

  it('shows the patient as the source of an autologous episode', async () => {
    server.use(...read(episodeDonors({ takesDonor: false }), []));
    await renderPage(<CellsPage />, { url, path, roles: ['nurse'] });
    const source = await screen.findByRole('region', { name: 'Source' });
    expect(source.textContent).toContain('The patient is the source: MARSH, Ada (SYN-200) · ABO/Rh A+ · weight 70 kg');
    expect(screen.getByRole('form', { name: 'Plan a collection' })).toBeTruthy();
  });

  it('shows the server’s words when the episode cannot be read', async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/donors`, () => problem(404, 'Episode not found.')),
      http.get(`${API}/episodes/${EPISODE_ID}/collections`, () => problem(404, 'Episode not found.'))
    );
    await renderPage(<CellsPage />, { url, path, roles: ['coordinator'] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the donor and collections');
    expect(alert.textContent).toContain('Episode not found.');
  });
});
