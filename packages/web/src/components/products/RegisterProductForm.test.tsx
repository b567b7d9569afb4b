// The lab's product registration form on its own (EpisodeProducts.test covers it from the episode's product list:
// a registered cord unit's body, and the server's DIN refusal at the field).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, confirmationRequired, http, HttpResponse, problem, server } from '../../testing/server';
import { RegisterProductForm } from './RegisterProductForm';
import { EPISODE, PRODUCT, productDetail } from './testFixtures';

const products = `${API}/episodes/${EPISODE}/products`;

/** The form, and where the app is (it opens the registered product's page). */
function Harness() {
  return (
    <>
      <RegisterProductForm episodeId={EPISODE} />
      <output aria-label="Location">{useLocation().pathname}</output>
    </>
  );
}

async function open() {
  await renderPage(<Harness />, { url: '/patient', path: '*', roles: ['lab'] });
  return screen.getByRole('form', { name: 'Register a product' });
}
const field = (form: HTMLElement, label: string | RegExp) => within(form).getByLabelText<HTMLInputElement>(label);

describe('Registering a product on an episode', () => {
  it('starts as a cryopreserved cord unit of division 00', async () => {
    const form = await open();
    expect(field(form, /^DIN/).value).toBe('');
    expect(field(form, 'Product code').value).toBe('');
    expect(field(form, 'Division').value).toBe('00');
    expect(within(form).getByLabelText<HTMLSelectElement>('Kind').value).toBe('hpc-cord');
    expect(field(form, 'Received cryopreserved').checked).toBe(true);
    expect(field(form, 'TNC (cells)').value).toBe('');
  });

  it('confirms an unusual count with a reason, sends it with the CSRF token and opens the product’s page', async () => {
    const sent: { body: unknown; csrf: string | null }[] = [];
    server.use(
      http.post(products, async ({ request }) => {
        const body = (await request.json()) as { confirmations?: unknown };
        sent.push({ body, csrf: request.headers.get('x-csrf-token') });
        if (!body.confirmations) {
          return confirmationRequired([{ path: 'viabilityPct', message: 'viability 30 % is below the usual range' }]);
        }
        return HttpResponse.json(productDetail(), { status: 201 });
      })
    );
    const form = await open();
    await userEvent.type(field(form, /^DIN/), 'W9999 26 000101 K');
    await userEvent.type(field(form, 'Product code'), 's1398');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'hpc-marrow');
    await userEvent.type(field(form, 'Viability (%)'), '30');
    await userEvent.click(field(form, 'Received cryopreserved'));
    await userEvent.click(within(form).getByRole('button', { name: 'Register product' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /viability 30 %/ }), 'old harvest, checked');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm with reason' }));
    expect(await screen.findByText('Product registered')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Location' }).textContent).toBe(`/products/${PRODUCT}`)
    );
    const body = {
      din: 'W9999 26 000101 K',
      productCode: 'S1398',
      division: '00',
      kind: 'hpc-marrow',
      viabilityPct: 30,
      cryopreserved: false,
    };
    expect(sent).toEqual([
      { body, csrf: 'test-csrf-token' },
      {
        body: { ...body, confirmations: [{ field: 'viabilityPct', reason: 'old harvest, checked' }] },
        csrf: 'test-csrf-token',
      },
    ]);
  });

  it('names each field the schema refuses and sends nothing', async () => {
    let posts = 0;
    server.use(
      http.post(products, () => {
        posts += 1;
        return HttpResponse.json(productDetail(), { status: 201 });
      })
    );
    const form = await open();
    await userEvent.type(field(form, 'TNC (cells)'), '1e9');
    await userEvent.type(field(form, 'CD34+ (cells)'), '2e9');
    await userEvent.click(within(form).getByRole('button', { name: 'Register product' }));
    expect(await within(form).findByText('A DIN has 13 characters (plus an optional check character)')).toBeTruthy();
    expect(within(form).getByText(/^A product description code is a letter and 4 characters/)).toBeTruthy();
    expect(within(form).getByText(/cannot be more than the TNC/)).toBeTruthy();
    expect(field(form, 'CD34+ (cells)').getAttribute('aria-invalid')).toBe('true');
    expect(field(form, 'TNC (cells)').getAttribute('aria-invalid')).not.toBe('true');
    expect(posts).toBe(0);
  });

  it('shows the server’s refusal under the button and stays on the form', async () => {
    server.use(http.post(products, () => problem(409, 'A product with DIN W9999 26 000101 is already registered.')));
    const form = await open();
    await userEvent.type(field(form, /^DIN/), 'W9999 26 000101');
    await userEvent.type(field(form, 'Product code'), 'S1398');
    await userEvent.click(within(form).getByRole('button', { name: 'Register product' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'A product with DIN W9999 26 000101 is already registered.'
    );
    expect(screen.getByRole('status', { name: 'Location' }).textContent).toBe('/patient');
    expect(field(form, /^DIN/).value).toBe('W9999 26 000101');
  });
});
