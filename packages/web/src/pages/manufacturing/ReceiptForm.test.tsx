import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ManufacturingPage } from './ManufacturingPage';
import { EPISODE, ORDER, order, page } from './testFixtures';

const url = `/episodes/${EPISODE}/manufacturing`;
const path = '/episodes/:episodeId/manufacturing';
const orders = `${API}/episodes/${EPISODE}/manufacturing-orders`;
const shipped = order({ status: 'shipped-to-centre', nextStatuses: ['cancelled'] });

async function receive(coi: string) {
  const form = await screen.findByRole('region', { name: 'Receive the product' });
  await userEvent.type(within(form).getByLabelText(/CoI on the product/), coi);
  await userEvent.type(within(form).getByLabelText(/^DIN/), 'W999926000777');
  await userEvent.type(within(form).getByLabelText(/Product code/), 's1295');
  await userEvent.type(within(form).getByLabelText(/CAR\+ viable T cells/), '150');
  await userEvent.click(within(form).getByRole('button', { name: 'Receive product' }));
  return form;
}

describe('Receiving the manufactured product', () => {
  it('is offered only once the order is shipped back to the centre', async () => {
    server.use(http.get(orders, () => HttpResponse.json(page([order()]))));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['lab'] });
    await screen.findByRole('article', { name: 'Order CHW999926000001' });
    expect(screen.queryByRole('region', { name: 'Receive the product' })).toBeNull();
  });

  it('sends the scanned CoI, DIN, product code and the dose in cells, and shows the order received', async () => {
    let current = shipped;
    let sent: unknown = null;
    server.use(
      http.get(orders, () => HttpResponse.json(page([current]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/receipt`, async ({ request }) => {
        sent = await request.json();
        current = order({ status: 'received', nextStatuses: [] });
        return HttpResponse.json(current);
      })
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['lab'] });
    await receive('CHW999926000001');
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Received'));
    expect(sent).toEqual({
      coi: 'CHW999926000001',
      din: 'W999926000777',
      productCode: 'S1295',
      division: '00',
      kind: 'car-t',
      carTCells: 150_000_000,
      bags: 1,
      cryopreserved: true,
    });
  });

  it('refuses a product with another Chain of Identity, in the server’s words, above the form', async () => {
    server.use(
      http.get(orders, () => HttpResponse.json(page([shipped]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/receipt`, () =>
        problem(409, 'Chain of Identity mismatch: the product carries CoI CHW999926ZZZZZZ.', [
          { path: 'coi', message: 'Chain of Identity mismatch: the product carries CoI CHW999926ZZZZZZ.' },
        ])
      )
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['lab'] });
    const form = await receive('CHW999926ZZZZZZ');
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Not received');
    expect(alert.textContent).toContain('Chain of Identity mismatch: the product carries CoI CHW999926ZZZZZZ.');
    expect(screen.getByTestId('order-status').textContent).toBe('Shipped to centre');
  });

  it('cannot be sent until the CoI, DIN, product code and dose are given', async () => {
    server.use(http.get(orders, () => HttpResponse.json(page([shipped]))));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['lab'] });
    const form = await screen.findByRole('region', { name: 'Receive the product' });
    const button = within(form).getByRole<HTMLButtonElement>('button', { name: 'Receive product' });
    expect(within(form).getByLabelText<HTMLInputElement>(/^Division/).value).toBe('00');
    expect(within(form).getByLabelText<HTMLInputElement>(/^Bags/).value).toBe('1');
    expect(within(form).getByLabelText<HTMLInputElement>('Cryopreserved').checked).toBe(true);
    expect(button.disabled).toBe(true);
    await userEvent.type(within(form).getByLabelText(/CoI on the product/), 'CHW999926000001');
    await userEvent.type(within(form).getByLabelText(/^DIN/), 'W999926000777');
    await userEvent.type(within(form).getByLabelText(/Product code/), 'S1295');
    expect(button.disabled).toBe(true);
    await userEvent.type(within(form).getByLabelText(/CAR\+ viable T cells/), '150');
    expect(button.disabled).toBe(false);
  });

  it('shows an invalid field in the server’s words at the field, not above the form', async () => {
    let sent: Record<string, unknown> | null = null;
    server.use(
      http.get(orders, () => HttpResponse.json(page([shipped]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/receipt`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return problem(400, 'carTCells: the dose must be a number of cells', [
          { path: 'carTCells', message: 'the dose must be a number of cells' },
        ]);
      })
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['lab'] });
    const form = await screen.findByRole('region', { name: 'Receive the product' });
    await userEvent.type(within(form).getByLabelText(/CoI on the product/), 'CHW999926000001');
    await userEvent.type(within(form).getByLabelText(/^DIN/), 'W999926000777');
    await userEvent.type(within(form).getByLabelText(/Product code/), 'S1295');
    await userEvent.type(within(form).getByLabelText(/CAR\+ viable T cells/), '15O');
    await userEvent.click(within(form).getByRole('button', { name: 'Receive product' }));
    expect(await within(form).findByText('The dose must be a number of cells')).toBeTruthy();
    expect(within(form).queryByText('Not received')).toBeNull();
    expect(sent!.carTCells).toBe('15O');
    expect(screen.getByTestId('order-status').textContent).toBe('Shipped to centre');
  });
});
