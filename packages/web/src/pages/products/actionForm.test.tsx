// The lab action forms' shared machinery (useActionForm, ActionCard, the Counts and Location fields), through the
// Store and Processing step cards: the server's field errors under the prefixed field, a cancelled confirmation,
// the storage of a cryopreservation step. Request bodies, the schema's refusal and a 409 are in ProductActions.test.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PRODUCT, productDetail } from '../../components/products/testFixtures';
import { renderPage } from '../../testing/renderPage';
import { API, confirmationRequired, http, HttpResponse, problem, server } from '../../testing/server';
import { ProductActions } from './ProductActions';

const collected = productDetail();

async function card(name: string) {
  await renderPage(<ProductActions detail={collected} />, { url: '/f', roles: ['lab'] });
  return screen.getByRole('form', { name });
}

describe('lab action forms', () => {
  it('stores the location typed, trimmed, and empties the card once recorded', async () => {
    const sent: { body: unknown; csrf: string | null }[] = [];
    server.use(
      http.post(`${API}/products/${PRODUCT}/storage`, async ({ request }) => {
        sent.push({ body: await request.json(), csrf: request.headers.get('x-csrf-token') });
        return HttpResponse.json(productDetail({ product: { storage: { freezer: 'LN2 tank 1', rack: '3' } } }));
      })
    );
    const form = await card('Store');
    await userEvent.type(within(form).getByLabelText('Freezer / tank'), ' LN2 tank 1 ');
    await userEvent.type(within(form).getByLabelText('Rack'), '3');
    await userEvent.click(within(form).getByRole('button', { name: 'Store' }));
    expect(await screen.findByText('Storage location recorded')).toBeTruthy();
    expect(sent).toEqual([{ body: { location: { freezer: 'LN2 tank 1', rack: '3' } }, csrf: 'test-csrf-token' }]);
    await waitFor(() => expect(within(form).getByLabelText<HTMLInputElement>('Freezer / tank').value).toBe(''));
  });

  it('names the freezer at its field when only a position is typed, and sends nothing', async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/products/${PRODUCT}/storage`, () => {
        posts += 1;
        return HttpResponse.json(collected);
      })
    );
    const form = await card('Store');
    await userEvent.type(within(form).getByLabelText('Position'), '12');
    await userEvent.click(within(form).getByRole('button', { name: 'Store' }));
    expect(await within(form).findByText('Name the freezer or tank')).toBeTruthy();
    expect(within(form).getByLabelText('Freezer / tank').getAttribute('aria-invalid')).toBe('true');
    expect(posts).toBe(0);
  });

  it('shows the server’s refusal of a count under the button and at the count', async () => {
    server.use(
      http.post(`${API}/products/${PRODUCT}/processing`, () =>
        problem(409, 'The CD34+ count cannot exceed the TNC count.', [
          { path: 'counts.cd34Cells', message: 'CD34+ 5 ×10¹⁰ cells exceeds the TNC 4 ×10¹⁰ cells' },
        ])
      )
    );
    const form = await card('Processing step');
    await userEvent.selectOptions(within(form).getByLabelText('Step'), 'plasma-depletion');
    await userEvent.type(within(form).getByLabelText('CD34+ (cells)'), '5e10');
    await userEvent.click(within(form).getByRole('button', { name: 'Record step' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The CD34+ count cannot exceed the TNC count.');
    expect(within(form).getByText('CD34+ 5 ×10¹⁰ cells exceeds the TNC 4 ×10¹⁰ cells')).toBeTruthy();
    expect(within(form).getByLabelText('CD34+ (cells)').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText('TNC (cells)').getAttribute('aria-invalid')).not.toBe('true');
    expect(within(form).getByLabelText<HTMLInputElement>('CD34+ (cells)').value).toBe('5e10');
  });

  it('records nothing when the confirmation of an unusual count is cancelled, and keeps what was typed', async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/products/${PRODUCT}/processing`, () => {
        posts += 1;
        return confirmationRequired([
          { path: 'counts.viabilityPct', message: 'viability 20 % is below the usual range' },
        ]);
      })
    );
    const form = await card('Processing step');
    await userEvent.selectOptions(within(form).getByLabelText('Step'), 'red-cell-depletion');
    await userEvent.type(within(form).getByLabelText('Viability (%)'), '20');
    await userEvent.click(within(form).getByRole('button', { name: 'Record step' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel and correct' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Confirm unusual values' })).toBeNull());
    expect(posts).toBe(1);
    expect(screen.queryByText('Processing step recorded')).toBeNull();
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(within(form).getByLabelText<HTMLInputElement>('Viability (%)').value).toBe('20');
  });

  it('asks where a cryopreserved product is stored and sends it with the step', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/products/${PRODUCT}/processing`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(productDetail({ product: { status: 'stored', cryopreserved: true } }));
      })
    );
    const form = await card('Processing step');
    expect(within(form).queryByLabelText('Freezer / tank')).toBeNull();
    await userEvent.selectOptions(within(form).getByLabelText('Step'), 'cryopreservation');
    await userEvent.type(await within(form).findByLabelText('Freezer / tank'), 'LN2 tank 2');
    await userEvent.type(within(form).getByLabelText('Box'), 'B');
    await userEvent.type(within(form).getByLabelText('Volume (mL)'), '120');
    await userEvent.click(within(form).getByRole('button', { name: 'Record step' }));
    expect(await screen.findByText('Processing step recorded')).toBeTruthy();
    expect(sent).toEqual({
      step: 'cryopreservation',
      counts: { volumeMl: 120 },
      storage: { freezer: 'LN2 tank 2', box: 'B' },
    });
  });
});
