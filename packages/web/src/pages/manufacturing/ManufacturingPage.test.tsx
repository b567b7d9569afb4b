import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ManufacturingPage } from './ManufacturingPage';
import { EPISODE, infused, ORDER, order, page } from './testFixtures';

const url = `/episodes/${EPISODE}/manufacturing`;
const path = '/episodes/:episodeId/manufacturing';

describe('Manufacturing page', () => {
  it('shows an infused order as infused, its custody through the thaw and the ward to the bedside', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => HttpResponse.json(page([infused]))));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['nurse'] });
    const card = await screen.findByRole('article', { name: 'Order CHW999926000001' });
    expect(within(card).getByTestId('order-status').textContent).toBe('Infused');
    const rows = within(within(card).getByRole('table', { name: 'Chain of custody' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => r.querySelectorAll('td')[1]!.textContent)).toEqual([
      'Back',
      'Thaw',
      'To the ward',
      'Infusion',
    ]);
    expect(rows[3]!.textContent).toContain('Patient (infused)');
    expect(within(card).getByTestId('vein-to-vein').textContent).toContain('13 days');
  });

  it('moves an order one step and reads the orders again', async () => {
    let current = order();
    let sent: unknown = null;
    server.use(
      http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => HttpResponse.json(page([current]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/status`, async ({ request }) => {
        sent = await request.json();
        current = order({ status: 'shipped-to-centre', nextStatuses: ['received', 'cancelled'] });
        return HttpResponse.json(current);
      })
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    await userEvent.click(await screen.findByRole('button', { name: 'Mark shipped to centre' }));
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Shipped to centre'));
    expect(sent).toEqual({ status: 'shipped-to-centre' });
  });

  it('shows the server’s refusal of a move', async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => HttpResponse.json(page([order()]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/status`, () =>
        problem(409, 'shipped to centre at 2026-03-01 would be earlier than the previous status')
      )
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    await userEvent.click(await screen.findByRole('button', { name: 'Mark shipped to centre' }));
    expect(await screen.findByText(/would be earlier than the previous status/)).toBeTruthy();
  });

  it('says when the episode has no order and the role cannot place one', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => HttpResponse.json(page([]))));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('No manufacturing orders on this episode.')).toBeTruthy();
  });

  it('shows the server’s words when the orders cannot be read', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => problem(404, 'Episode not found.')));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('Episode not found.')).toBeTruthy();
  });
});
