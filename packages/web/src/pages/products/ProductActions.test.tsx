import { type ProductDetail } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, confirmationRequired, http, HttpResponse, problem, server } from '../../testing/server';
import { ProductPage } from './ProductPage';
import { event, PRODUCT, productDetail } from '../../components/products/testFixtures';

const url = `/products/${PRODUCT}`;
const path = '/products/:productId';

/** Serves the product (re-read after each write) and records what each action was sent. */
function serve(initial: ProductDetail, action: string, answer: (body: unknown, n: number) => Response) {
  let current = initial;
  const sent: { body: unknown; csrf: string | null }[] = [];
  server.use(
    http.get(`${API}/products/${PRODUCT}`, () => HttpResponse.json(current)),
    http.post(`${API}/products/${PRODUCT}/${action}`, async ({ request }) => {
      const body = await request.json();
      sent.push({ body, csrf: request.headers.get('x-csrf-token') });
      const res = answer(body, sent.length);
      if (res.ok) current = (await res.clone().json()) as ProductDetail;
      return res;
    })
  );
  return sent;
}

describe('Product lab actions', () => {
  it('records a processing step with the count as typed and shows it in the history', async () => {
    const done = productDetail({
      product: { status: 'processing' },
      events: [event(2, 'processed', { step: 'plasma-depletion', counts: { tncCells: 4e10 } })],
    });
    const sent = serve(productDetail(), 'processing', () => HttpResponse.json(done));
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const form = await screen.findByRole('form', { name: 'Processing step' });
    await userEvent.selectOptions(within(form).getByLabelText('Step'), 'plasma-depletion');
    await userEvent.type(within(form).getByLabelText('TNC (cells)'), '4e10');
    expect(within(form).getByText('= 4 × 10¹⁰ cells')).toBeTruthy();
    await userEvent.click(within(form).getByRole('button', { name: 'Record step' }));
    const history = screen.getByRole('region', { name: 'History' });
    expect(await within(history).findByText('Plasma depletion · TNC 4.00 ×10¹⁰')).toBeTruthy();
    expect(sent).toEqual([{ body: { step: 'plasma-depletion', counts: { tncCells: 4e10 } }, csrf: 'test-csrf-token' }]);
    expect(await screen.findByText('Processing step recorded')).toBeTruthy();
  });

  it('names the missing step at the field and sends nothing', async () => {
    const sent = serve(productDetail(), 'processing', () => HttpResponse.json(productDetail()));
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const form = await screen.findByRole('form', { name: 'Processing step' });
    await userEvent.click(within(form).getByRole('button', { name: 'Record step' }));
    await waitFor(() => expect(within(form).getByLabelText('Step').getAttribute('aria-invalid')).toBe('true'));
    expect(sent).toEqual([]);
  });

  it('asks for a reason for an implausible count and sends it with the confirmation', async () => {
    const sent = serve(productDetail(), 'processing', (_body, n) =>
      n === 1
        ? confirmationRequired([{ path: 'counts.tncCells', message: 'TNC 4.01 cells is below the usual range' }])
        : HttpResponse.json(productDetail({ product: { tncCells: 4.01 } }))
    );
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const form = await screen.findByRole('form', { name: 'Processing step' });
    await userEvent.selectOptions(within(form).getByLabelText('Step'), 'red-cell-depletion');
    await userEvent.type(within(form).getByLabelText('TNC (cells)'), '4.01');
    await userEvent.click(within(form).getByRole('button', { name: 'Record step' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    expect(within(dialog).getByText('TNC 4.01 cells is below the usual range')).toBeTruthy();
    await userEvent.type(within(dialog).getByRole('textbox'), 'recounted twice');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm with reason' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.body).toEqual({
      step: 'red-cell-depletion',
      counts: { tncCells: 4.01 },
      confirmations: [{ field: 'counts.tncCells', reason: 'recounted twice' }],
    });
  });

  it('shows the server’s reasons when release is refused', async () => {
    serve(productDetail(), 'release-request', () =>
      problem(409, 'Release is blocked: the sterility culture is pending.')
    );
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const form = await screen.findByRole('form', { name: 'Release' });
    await userEvent.click(within(form).getByRole('button', { name: 'Request release (first signature)' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Release is blocked: the sterility culture is pending.'
    );
  });

  it('asks a second, different person to confirm release and shows a refusal of the same person', async () => {
    const awaiting = productDetail({ product: { status: 'processing', releaseRequestedBy: 'Test lab' } });
    const sent = serve(awaiting, 'release', () =>
      problem(409, 'The second signature must be from a different person than the first.')
    );
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    const form = await screen.findByRole('form', { name: 'Release' });
    expect(within(form).getByText('Release was requested by Test lab. A different lab user confirms it.')).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('Note (optional)'), 'counts checked');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm release (second signature)' }));
    expect(await within(form).findByText(/different person than the first/)).toBeTruthy();
    expect(sent[0]!.body).toEqual({ note: 'counts checked' });
  });

  it('offers only the exceptional release to a physician when the culture is positive', async () => {
    const positive = productDetail({ product: { sterility: 'positive', status: 'stored' } });
    const sent = serve(positive, 'release-exception', () =>
      HttpResponse.json(productDetail({ product: { status: 'released', sterility: 'positive' } }))
    );
    await renderPage(<ProductPage />, { url, path, roles: ['physician'] });
    const form = await screen.findByRole('form', { name: 'Exceptional release (physician)' });
    expect(screen.queryByRole('heading', { name: 'Lab actions' })).toBeNull();
    await userEvent.type(within(form).getByLabelText('Reason'), 'no alternative graft');
    await userEvent.click(within(form).getByRole('button', { name: 'Authorise release despite positive culture' }));
    await waitFor(() => expect(sent[0]?.body).toEqual({ reason: 'no alternative graft' }));
    expect(await screen.findByText('Exceptional release authorised')).toBeTruthy();
  });

  it('says that a final product takes no more actions', async () => {
    serve(productDetail({ product: { status: 'discarded' } }), 'processing', () => problem(500, 'unused'));
    await renderPage(<ProductPage />, { url, path, roles: ['lab'] });
    expect(await screen.findByText('This product is discarded: nothing more is done to it.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Processing step' })).toBeNull();
  });
});
