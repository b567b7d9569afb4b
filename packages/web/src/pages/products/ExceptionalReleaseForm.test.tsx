import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PRODUCT, productDetail } from '../../components/products/testFixtures';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ExceptionalReleaseForm } from './ExceptionalReleaseForm';

const positive = productDetail({ product: { sterility: 'positive', status: 'stored' } });
const released = productDetail({ product: { sterility: 'positive', status: 'released' } });
const exception = `${API}/products/${PRODUCT}/release-exception`;

async function open() {
  await renderPage(<ExceptionalReleaseForm detail={positive} />, { url: '/f', roles: ['physician'] });
  return screen.getByRole('form', { name: 'Exceptional release (physician)' });
}
const reason = (form: HTMLElement) => within(form).getByLabelText<HTMLInputElement>('Reason');
const authorise = (form: HTMLElement) =>
  userEvent.click(within(form).getByRole('button', { name: 'Authorise release despite positive culture' }));

describe('Exceptional release of a product with a positive culture', () => {
  it('sends the physician’s reason with the CSRF token, says what was released and empties the form', async () => {
    const sent: { body: unknown; csrf: string | null }[] = [];
    server.use(
      http.post(exception, async ({ request }) => {
        sent.push({ body: await request.json(), csrf: request.headers.get('x-csrf-token') });
        return HttpResponse.json(released);
      })
    );
    const form = await open();
    expect(within(form).getByText(/The sterility culture is positive/)).toBeTruthy();
    expect(reason(form).value).toBe('');
    await userEvent.type(reason(form), 'no alternative graft; organism sensitive');
    await authorise(form);
    expect(await screen.findByText('Exceptional release authorised')).toBeTruthy();
    expect(screen.getByText('HPC, Apheresis W9999 26 000101')).toBeTruthy();
    expect(sent).toEqual([{ body: { reason: 'no alternative graft; organism sensitive' }, csrf: 'test-csrf-token' }]);
    await waitFor(() => expect(reason(form).value).toBe(''));
  });

  it('asks for the reason at its field and sends nothing without one', async () => {
    let posts = 0;
    server.use(
      http.post(exception, () => {
        posts += 1;
        return HttpResponse.json(released);
      })
    );
    const form = await open();
    await userEvent.type(reason(form), '  ok ');
    await authorise(form);
    expect(
      await within(form).findByText('Give the reason for releasing a product with a positive culture')
    ).toBeTruthy();
    expect(reason(form).getAttribute('aria-invalid')).toBe('true');
    expect(posts).toBe(0);
  });

  it('shows the server’s refusal under the button and keeps the reason typed', async () => {
    server.use(
      http.post(exception, () =>
        problem(409, 'The product was discarded: it cannot be released.', [
          { path: 'reason', message: 'a discarded product cannot be released' },
        ])
      )
    );
    const form = await open();
    await userEvent.type(reason(form), 'no alternative graft');
    await authorise(form);
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The product was discarded: it cannot be released.'
    );
    expect(within(form).getByText('A discarded product cannot be released')).toBeTruthy();
    expect(reason(form).value).toBe('no alternative graft');
    expect(screen.queryByText('Exceptional release authorised')).toBeNull();
  });
});
