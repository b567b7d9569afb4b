import type { Product } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EPISODE, PRODUCT, productDetail } from './products/testFixtures';
import { renderPage } from '../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../testing/server';
import { EpisodeProducts } from './EpisodeProducts';

const { collectionType: _ct, ...stored } = productDetail({
  product: { status: 'stored', storage: { freezer: 'LN2 tank 1', rack: '2' } },
}).product;
const product: Product = stored;
const list = `${API}/episodes/${EPISODE}/products`;

describe('Cell products of an episode', () => {
  it('lists each product with its DIN linked to its page, status, CD34+ and location', async () => {
    server.use(http.get(list, () => HttpResponse.json([product])));
    await renderPage(<EpisodeProducts episodeId={EPISODE} roles={['nurse']} />, { url: '/patient' });
    const link = await screen.findByRole('link', { name: 'W9999 26 000101 K' });
    expect(link.getAttribute('href')).toBe(`/products/${PRODUCT}`);
    const row = link.closest('tr')!;
    expect(within(row).getByText('Cryopreserved / stored')).toBeTruthy();
    expect(within(row).getByText('3.50 ×10⁸')).toBeTruthy();
    expect(within(row).getByText('LN2 tank 1 · rack 2')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Register a product' })).toBeNull();
  });

  it('says when the episode has no product', async () => {
    server.use(http.get(list, () => HttpResponse.json([])));
    await renderPage(<EpisodeProducts episodeId={EPISODE} roles={['lab']} />, { url: '/patient' });
    expect(await screen.findByText('No product recorded for this episode.')).toBeTruthy();
  });

  it('shows the server’s words when the products cannot be read', async () => {
    server.use(http.get(list, () => problem(404, 'Episode not found.')));
    await renderPage(<EpisodeProducts episodeId={EPISODE} roles={['lab']} />, { url: '/patient' });
    expect(await screen.findByText('Episode not found.')).toBeTruthy();
  });

  it('registers a cord unit with its counts as typed and its storage', async () => {
    let sent: unknown = null;
    server.use(
      http.get(list, () => HttpResponse.json([])),
      http.post(list, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(productDetail(), { status: 201 });
      })
    );
    await renderPage(<EpisodeProducts episodeId={EPISODE} roles={['lab']} />, { url: '/patient' });
    await userEvent.click(await screen.findByRole('button', { name: 'Register a product' }));
    const form = await screen.findByRole('form', { name: 'Register a product' });
    await userEvent.type(within(form).getByLabelText(/^DIN/), 'W9999 26 700001 Z');
    await userEvent.type(within(form).getByLabelText('Product code'), 's1308');
    await userEvent.type(within(form).getByLabelText('TNC (cells)'), '1.8e9');
    await userEvent.type(within(form).getByLabelText('Freezer / tank'), 'LN2 tank 2');
    await userEvent.click(within(form).getByRole('button', { name: 'Register product' }));
    expect(await screen.findByText('Product registered')).toBeTruthy();
    expect(sent).toEqual({
      din: 'W9999 26 700001 Z',
      productCode: 'S1308',
      division: '00',
      kind: 'hpc-cord',
      tncCells: 1.8e9,
      cryopreserved: true,
      storage: { freezer: 'LN2 tank 2' },
    });
  });

  it('shows a wrong check character at the DIN, in the server’s words', async () => {
    server.use(
      http.get(list, () => HttpResponse.json([])),
      http.post(list, () =>
        problem(422, 'The DIN is not valid.', [
          { path: 'din', message: 'check character Z does not match (expected K)' },
        ])
      )
    );
    await renderPage(<EpisodeProducts episodeId={EPISODE} roles={['lab']} />, { url: '/patient' });
    await userEvent.click(await screen.findByRole('button', { name: 'Register a product' }));
    const form = await screen.findByRole('form', { name: 'Register a product' });
    await userEvent.type(within(form).getByLabelText(/^DIN/), 'W9999 26 000101 Z');
    await userEvent.type(within(form).getByLabelText('Product code'), 'S1308');
    await userEvent.click(within(form).getByRole('button', { name: 'Register product' }));
    expect(await within(form).findByText('Check character Z does not match (expected K)')).toBeTruthy();
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe('The DIN is not valid.'));
  });
});
