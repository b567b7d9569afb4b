import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ProductPage } from './ProductPage';
import { event, PRODUCT, productDetail } from '../../components/products/testFixtures';

const url = `/products/${PRODUCT}`;
const path = '/products/:productId';

const serve = (detail = productDetail()) =>
  server.use(http.get(`${API}/products/${PRODUCT}`, () => HttpResponse.json(detail)));

describe('Product page', () => {
  it('shows the identity, the dose per kg, what blocks release, the QC results and the history', async () => {
    serve(
      productDetail({
        product: { sterility: 'negative', storage: { freezer: 'LN2-A', rack: '3' } },
        events: [
          event(1, 'registered', { productCode: 'S1398', collectionType: '1', division: '00' }),
          event(2, 'processed', {
            step: 'plasma-depletion',
            counts: { tncCells: 4e10 },
            confirmed: { tncCells: 'recounted' },
          }),
          event(3, 'qc', { test: 'sterility', outcome: 'negative' }),
        ],
      })
    );
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    expect((await screen.findByTestId('din')).textContent).toBe('W9999 26 000101K');
    expect(screen.getByLabelText('check character K')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'ROWAN, Lab' })).toBeTruthy();
    const counts = screen.getByRole('region', { name: 'Counts and doses' });
    expect(within(counts).getByText('3.50 ×10⁸')).toBeTruthy();
    expect(within(counts).getByText('5.00 ×10⁶/kg')).toBeTruthy();
    expect(within(counts).getByText('meets minimum')).toBeTruthy();
    const release = screen.getByRole('region', { name: 'Release' });
    expect(within(release).getByText('Release is blocked')).toBeTruthy();
    expect(within(release).getByText('Sterility culture is pending.')).toBeTruthy();
    expect(screen.getByTestId('storage').textContent).toBe('LN2-A · rack 3');
    expect(screen.getByTestId('label-blockers').textContent).toContain('No expiry date.');
    const qc = screen.getByRole('region', { name: 'QC results' });
    expect(within(qc).getByText('negative')).toBeTruthy();
    const rows = within(screen.getByRole('region', { name: 'History' })).getAllByRole('row');
    expect(rows).toHaveLength(4);
    // newest first, counts in the app's one formatter, the reason for an implausible count kept
    expect(rows[1]!.textContent).toContain('Sterility');
    expect(rows[2]!.textContent).toContain('Plasma depletion · TNC 4.00 ×10¹⁰ · confirmed tncCells: recounted');
    expect(screen.getByRole('heading', { name: 'Lab actions' })).toBeTruthy();
  });

  it('says when no QC result is recorded and hides the lab actions from a role that cannot process', async () => {
    serve();
    await renderPage(<ProductPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('No QC results yet.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Lab actions' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Print label (PDF)' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Exceptional release (physician)' })).toBeNull();
  });

  it('offers the label PDF to the lab once the record is complete', async () => {
    serve(productDetail({ label: { printable: true, blockers: [] } }));
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const link = await screen.findByRole('link', { name: 'Print label (PDF)' });
    expect(link.getAttribute('href')).toBe(`/api/v1/products/${PRODUCT}/label.pdf`);
  });

  it('shows a pending discard request with who asked and why', async () => {
    serve(
      productDetail({
        discardRequest: {
          requestedById: null,
          requestedBy: 'Test lab',
          requestedAt: '2026-12-05T10:00:00.000Z',
          reason: 'bag cracked',
        },
      })
    );
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    expect((await screen.findByTestId('discard-pending')).textContent).toContain(
      'Test lab asked to discard this product (5 Dec 2026 10:00): “bag cracked”.'
    );
  });

  it('shows the server’s words when the product cannot be read', async () => {
    server.use(http.get(`${API}/products/${PRODUCT}`, () => problem(404, 'Product not found.')));
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    expect(await screen.findByText('Product not found.')).toBeTruthy();
  });
});
