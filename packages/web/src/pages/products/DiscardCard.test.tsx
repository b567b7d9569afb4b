import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ProductPage } from './ProductPage';
import { PRODUCT, productDetail } from '../../components/products/testFixtures';

const url = `/products/${PRODUCT}`;
const path = '/products/:productId';
const pending = {
  requestedById: '00000000-0000-4000-8000-000000000002',
  requestedBy: 'Other lab',
  requestedAt: '2026-12-05T10:00:00.000Z',
  reason: 'bag cracked',
};

describe('Two-person discard', () => {
  it('requests a discard with a reason, warning that an autologous product is irreplaceable', async () => {
    let current = productDetail();
    let sent: unknown = null;
    server.use(
      http.get(`${API}/products/${PRODUCT}`, () => HttpResponse.json(current)),
      http.post(`${API}/products/${PRODUCT}/discard-request`, async ({ request }) => {
        sent = await request.json();
        current = productDetail({ discardRequest: { ...pending, requestedBy: 'Test lab', reason: 'bag cracked' } });
        return HttpResponse.json(current);
      })
    );
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const card = await screen.findByRole('region', { name: 'Discard' });
    await userEvent.click(within(card).getByRole('button', { name: 'Request discard' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request discard (first person)' });
    expect(within(dialog).getByText('This product is irreplaceable')).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'bag cracked');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request discard' }));
    expect((await screen.findByTestId('discard-pending')).textContent).toContain('Test lab asked to discard');
    expect(sent).toEqual({ reason: 'bag cracked' });
    expect(within(card).getByRole('button', { name: 'Confirm discard (second person)' })).toBeTruthy();
  });

  it('keeps the dialog open with the server’s words when the same person confirms', async () => {
    server.use(
      http.get(`${API}/products/${PRODUCT}`, () => HttpResponse.json(productDetail({ discardRequest: pending }))),
      http.post(`${API}/products/${PRODUCT}/discard`, () =>
        problem(409, 'The discard must be confirmed by a different person than the first.')
      )
    );
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const card = await screen.findByRole('region', { name: 'Discard' });
    expect(within(card).getByText(/Requested by Other lab/)).toBeTruthy();
    await userEvent.click(within(card).getByRole('button', { name: 'Confirm discard (second person)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm discard (second person)' });
    expect(within(dialog).getByText('The product will be discarded. This cannot be undone.')).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'I am sure');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm discard' }));
    expect(await within(dialog).findByText(/different person than the first/)).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Confirm discard (second person)' })).toBeTruthy();
  });

  it('refuses a reason shorter than three characters without sending it', async () => {
    server.use(http.get(`${API}/products/${PRODUCT}`, () => HttpResponse.json(productDetail())));
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const card = await screen.findByRole('region', { name: 'Discard' });
    await userEvent.click(within(card).getByRole('button', { name: 'Request discard' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request discard (first person)' });
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'no');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request discard' }));
    expect(await within(dialog).findByText('Give a reason (at least 3 characters).')).toBeTruthy();
  });
});
