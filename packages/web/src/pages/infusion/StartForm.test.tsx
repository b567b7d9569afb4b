import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { StartForm } from './StartForm';
import { CHECK, passedCheck, path, runningInfusion, url } from './testFixtures';

const check = passedCheck({ confirmedBy: 'Test physician', confirmedAt: '2026-12-06T09:35:00.000Z' });
const infusion = runningInfusion({ weightKg: 72 });
const open = async (weightKg: number | null) => {
  await renderPage(<StartForm check={check} weightKg={weightKg} />, { url, path, roles: ['nurse'] });
  return screen.getByRole('region', { name: '2. Start the infusion' });
};

describe('Start the infusion form', () => {
  it('starts at the time entered with today’s weight, prefilled from the record', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(`${API}/bedside-checks/${CHECK}/infusion`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(infusion, { status: 201 });
      })
    );
    const form = await open(70);
    const weight = within(form).getByLabelText<HTMLInputElement>(/Weight today/);
    expect(weight.value).toBe('70');
    await userEvent.clear(weight);
    await userEvent.type(weight, '72');
    const start = within(form).getByLabelText<HTMLInputElement>('Start');
    await userEvent.clear(start);
    await userEvent.type(start, '2026-12-06T10:00');
    await userEvent.click(within(form).getByRole('button', { name: 'Start infusion' }));
    await waitFor(() => expect(sent).toEqual({ startedAt: '2026-12-06T10:00:00.000Z', weightKg: 72 }));
    expect(csrf).toBe('test-csrf-token');
    expect(await screen.findByText('Infusion started; the product is recorded as infused.')).toBeTruthy();
  });

  it('sends no weight when none is known, and a weight that is not a number as typed (refused naming the field)', async () => {
    const bodies: Record<string, unknown>[] = [];
    server.use(
      http.post(`${API}/bedside-checks/${CHECK}/infusion`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        if (!('weightKg' in body)) return HttpResponse.json(infusion, { status: 201 });
        return HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Invalid request',
            status: 400,
            detail: 'weightKg: weight must be a number in kg',
            errors: [{ path: 'weightKg', message: 'Weight must be a number in kg' }],
          },
          { status: 400, headers: { 'content-type': 'application/problem+json' } }
        );
      })
    );
    const form = await open(null);
    const weight = within(form).getByLabelText<HTMLInputElement>(/Weight today/);
    expect(weight.value).toBe('');
    await userEvent.click(within(form).getByRole('button', { name: 'Start infusion' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(Object.keys(bodies[0]!)).toEqual(['startedAt']);
    await userEvent.type(weight, '7o');
    await userEvent.click(within(form).getByRole('button', { name: 'Start infusion' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]!.weightKg).toBe('7o');
    expect(weight.value).toBe('7o');
    expect(await within(form).findByText('Weight must be a number in kg')).toBeTruthy();
  });

  it('shows the server’s refusal', async () => {
    server.use(
      http.post(`${API}/bedside-checks/${CHECK}/infusion`, () =>
        problem(409, 'This check has already started an infusion.')
      )
    );
    const form = await open(70);
    await userEvent.click(within(form).getByRole('button', { name: 'Start infusion' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('This check has already started an infusion.');
  });
});
