import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ManufacturingPage } from './ManufacturingPage';
import { custody, EPISODE, ORDER, order, page } from './testFixtures';

const url = `/episodes/${EPISODE}/manufacturing`;
const path = '/episodes/:episodeId/manufacturing';
const orders = `${API}/episodes/${EPISODE}/manufacturing-orders`;

async function fill(from: string, to: string, temperature: string) {
  const form = await screen.findByRole('region', { name: 'Record a hand-over' });
  const from_ = within(form).getByLabelText(/Handed from/);
  await userEvent.clear(from_);
  await userEvent.type(from_, from);
  await userEvent.type(within(form).getByLabelText(/Handed to/), to);
  await userEvent.type(within(form).getByLabelText('Temperature (°C)'), temperature);
  await userEvent.click(within(form).getByRole('button', { name: 'Record hand-over' }));
  return form;
}

describe('Chain of custody of an order', () => {
  it('says when no hand-over is recorded', async () => {
    server.use(http.get(orders, () => HttpResponse.json(page([order()]))));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('No hand-overs recorded yet.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Record a hand-over' })).toBeNull();
  });

  it('records a hand-over with its temperature and shows it in the chain', async () => {
    let current = order();
    let sent: Record<string, unknown> | null = null;
    server.use(
      http.get(orders, () => HttpResponse.json(page([current]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/custody`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        current = order({
          custody: [{ ...custody('hand-over', 'Kite', 'World Courier', String(sent.handedAt), 1), temperatureC: -160 }],
        });
        return HttpResponse.json(current);
      })
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    await fill('Kite', 'World Courier', '-160');
    const table = await screen.findByRole('table', { name: 'Chain of custody' });
    expect(within(table).getByText('-160 °C')).toBeTruthy();
    expect(sent).toEqual({
      leg: 'return',
      fromParty: 'Kite',
      toParty: 'World Courier',
      handedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/) as unknown,
      temperatureC: -160,
    });
  });

  it('shows the server’s refusal of a hand-over earlier than the last one above the form', async () => {
    server.use(
      http.get(orders, () => HttpResponse.json(page([order()]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/custody`, () =>
        problem(409, 'a custody event cannot be earlier than the previous one')
      )
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    const form = await fill('Kite', 'World Courier', '4');
    expect(await within(form).findByText('a custody event cannot be earlier than the previous one')).toBeTruthy();
  });

  it('shows an invalid temperature at its field', async () => {
    server.use(
      http.get(orders, () => HttpResponse.json(page([order()]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/custody`, () =>
        problem(400, 'The request is invalid.', [{ path: 'temperatureC', message: 'must be at least -273 °C' }])
      )
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    const form = await fill('Kite', 'World Courier', '-300');
    expect(await within(form).findByText('Must be at least -273 °C')).toBeTruthy();
    await waitFor(() => expect(within(form).queryByText('The request is invalid.')).toBeNull());
  });
});
