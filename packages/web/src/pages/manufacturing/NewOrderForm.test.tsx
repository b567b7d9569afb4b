import { COMMERCIAL_PRODUCT_KEYS, manufacturingProductLabel } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ManufacturingPage } from './ManufacturingPage';
import { EPISODE, order, page } from './testFixtures';

const url = `/episodes/${EPISODE}/manufacturing`;
const path = '/episodes/:episodeId/manufacturing';
const orders = `${API}/episodes/${EPISODE}/manufacturing-orders`;
const axiCel = COMMERCIAL_PRODUCT_KEYS.find((k) => k.startsWith('axicabtagene'))!;

async function choose(product: string) {
  const form = await screen.findByRole('region', { name: 'New manufacturing order' });
  await userEvent.click(within(form).getByRole('combobox', { name: /^Product/ }));
  await userEvent.click(await screen.findByRole('option', { name: product, hidden: true }));
  return form;
}

describe('Placing a manufacturing order', () => {
  it('places a commercial CAR-T order with the usual manufacturer filled in', async () => {
    let current = page([]);
    let sent: unknown = null;
    server.use(
      http.get(orders, () => HttpResponse.json(current)),
      http.post(orders, async ({ request }) => {
        sent = await request.json();
        current = page([order({ status: 'ordered', nextStatuses: ['cancelled'] })]);
        return HttpResponse.json(current.orders[0], { status: 201 });
      })
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['physician'] });
    const form = await choose(manufacturingProductLabel(axiCel));
    expect(within(form).getByRole<HTMLInputElement>('textbox', { name: /^Manufacturer/ }).value).toBe('Kite (Gilead)');
    await userEvent.click(within(form).getByRole('button', { name: 'Place order' }));
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Ordered'));
    expect(sent).toEqual({ productName: axiCel, manufacturer: 'Kite (Gilead)' });
    expect(screen.queryByRole('region', { name: 'New manufacturing order' })).toBeNull();
  });

  it('shows the server’s refusal above the form', async () => {
    server.use(
      http.get(orders, () => HttpResponse.json(page([]))),
      http.post(orders, () => problem(409, 'The episode already has an active manufacturing order.'))
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    const form = await choose(manufacturingProductLabel(axiCel));
    await userEvent.click(within(form).getByRole('button', { name: 'Place order' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('The order was not placed');
    expect(alert.textContent).toContain('The episode already has an active manufacturing order.');
  });

  it('cannot be placed before a product is chosen, and is not offered to a nurse', async () => {
    server.use(http.get(orders, () => HttpResponse.json(page([]))));
    const { unmount } = await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    const form = await screen.findByRole('region', { name: 'New manufacturing order' });
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Place order' }).disabled).toBe(true);
    unmount();
    await renderPage(<ManufacturingPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('No manufacturing orders on this episode.')).toBeTruthy();
  });

  it('asks the name of an in-house product, and shows an invalid CoI at its field, not above the form', async () => {
    let sent: unknown = null;
    server.use(
      http.get(orders, () => HttpResponse.json(page([]))),
      http.post(orders, async ({ request }) => {
        sent = await request.json();
        return problem(400, 'coi: a Chain of Identity is CH + the centre FIN + year + 6 characters', [
          { path: 'coi', message: 'a Chain of Identity is CH + the centre FIN + year + 6 characters' },
        ]);
      })
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['physician'] });
    const form = await choose('In-house / trial product…');
    const place = within(form).getByRole<HTMLButtonElement>('button', { name: 'Place order' });
    expect(place.disabled).toBe(true);
    await userEvent.type(within(form).getByLabelText(/In-house \/ trial product name/), 'CD19 trial');
    expect(place.disabled).toBe(false);
    await userEvent.type(within(form).getByRole('textbox', { name: /^Manufacturer/ }), 'Centre GMP');
    await userEvent.click(within(form).getByText('NK'));
    await userEvent.type(within(form).getByLabelText(/Chain of Identity/), 'CH-1');
    await userEvent.click(place);
    expect(
      await within(form).findByText('A Chain of Identity is CH + the centre FIN + year + 6 characters')
    ).toBeTruthy();
    expect(within(form).queryByText('The order was not placed')).toBeNull();
    expect(sent).toEqual({
      productName: 'CD19 trial',
      cellType: 'NK',
      cellOrigin: 'autologous',
      manufacturer: 'Centre GMP',
      coi: 'CH-1',
    });
  });
});
