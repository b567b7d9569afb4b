import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ConditioningPage } from './ConditioningPage';
import { EPISODE, path, plan, planList, preview, regimens, url } from './testFixtures';

/** An episode with no plan; previews computed by the pure rule from the weight sent. */
function serveEmpty(previews: unknown[] = []) {
  server.use(
    http.get(`${API}/episodes/${EPISODE}/conditioning-plans`, () => HttpResponse.json(planList([]))),
    http.get(`${API}/conditioning/regimens`, () => HttpResponse.json(regimens)),
    http.post(`${API}/conditioning/preview`, async ({ request }) => {
      const body = (await request.json()) as { templateId: string; weightKg?: number };
      previews.push(body);
      return HttpResponse.json(preview(body.templateId, body.weightKg ?? 70));
    })
  );
}

async function chooseFluBu4() {
  await renderPage(<ConditioningPage />, { url, path, roles: ['physician'] });
  const form = await screen.findByRole('region', { name: 'Prescribe a plan' });
  await userEvent.selectOptions(within(form).getByLabelText('Regimen template'), 'flu-bu4');
  return form;
}

describe('PlanForm', () => {
  it('previews the plan computed by the server and prescribes exactly what was typed', async () => {
    const previews: unknown[] = [];
    serveEmpty(previews);
    let sent: unknown;
    server.use(
      http.post(`${API}/episodes/${EPISODE}/conditioning-plans`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(plan());
      })
    );
    const form = await chooseFluBu4();
    await userEvent.type(within(form).getByLabelText(/Weight today/), '64.5');
    await waitFor(() => expect(previews.at(-1)).toMatchObject({ episodeId: EPISODE, weightKg: 64.5 }));
    expect(await within(form).findByRole('region', { name: 'Computed plan (not saved)' })).toBeTruthy();
    const prescribe = within(form).getByRole('button', { name: 'Prescribe' });
    await waitFor(() => expect(prescribe.hasAttribute('disabled')).toBe(false));
    await userEvent.click(prescribe);
    await waitFor(() =>
      expect(sent).toEqual({ templateId: 'flu-bu4', options: {}, weightKg: 64.5, confirmations: [] })
    );
  });

  it('never shows or prescribes the plan of values typed before the last keystroke (H-COND-3)', async () => {
    const waiting = new Map<number, () => void>();
    server.use(
      http.get(`${API}/episodes/${EPISODE}/conditioning-plans`, () => HttpResponse.json(planList([]))),
      http.get(`${API}/conditioning/regimens`, () => HttpResponse.json(regimens)),
      http.post(`${API}/conditioning/preview`, async ({ request }) => {
        const body = (await request.json()) as { templateId: string; weightKg?: number };
        // The answer for the new weight waits until the test lets it go.
        if (body.weightKg !== undefined) await new Promise<void>((r) => waiting.set(body.weightKg!, r));
        return HttpResponse.json(preview(body.templateId, body.weightKg ?? 70));
      })
    );
    const form = await chooseFluBu4();
    expect(await within(form).findByRole('region', { name: 'Computed plan (not saved)' })).toBeTruthy();
    await userEvent.type(within(form).getByLabelText(/Weight today/), '58');
    await waitFor(() => expect(within(form).queryByRole('region', { name: 'Computed plan (not saved)' })).toBeNull());
    expect(within(form).getByRole('button', { name: 'Prescribe' }).hasAttribute('disabled')).toBe(true);
    expect(within(form).getByLabelText('Computing the plan')).toBeTruthy();
    await waitFor(() => expect(waiting.has(58)).toBe(true));
    waiting.get(58)!();
    expect(await within(form).findByRole('region', { name: 'Computed plan (not saved)' })).toBeTruthy();
    await waitFor(() =>
      expect(within(form).getByRole('button', { name: 'Prescribe' }).hasAttribute('disabled')).toBe(false)
    );
  });

  it('asks for a reason for an unusual value and sends it as a confirmation', async () => {
    serveEmpty();
    const bodies: { confirmations: unknown[] }[] = [];
    server.use(
      http.post(`${API}/episodes/${EPISODE}/conditioning-plans`, async ({ request }) => {
        const body = (await request.json()) as { confirmations: unknown[] };
        bodies.push(body);
        if (!body.confirmations.length) {
          return HttpResponse.json(
            {
              type: 'about:blank',
              title: 'Confirmation required',
              status: 422,
              code: 'confirmation-required',
              detail: 'Confirm the unusual values.',
              errors: [{ path: 'weightKg', message: 'A weight of 250 kg is unusual' }],
            },
            { status: 422, headers: { 'content-type': 'application/problem+json' } }
          );
        }
        return HttpResponse.json(plan());
      })
    );
    const form = await chooseFluBu4();
    await userEvent.type(within(form).getByLabelText(/Weight today/), '250');
    const prescribe = within(form).getByRole('button', { name: 'Prescribe' });
    await waitFor(() => expect(prescribe.hasAttribute('disabled')).toBe(false));
    await userEvent.click(prescribe);
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(dialog).getByLabelText(/A weight of 250 kg is unusual/), 'weighed twice today');
    await userEvent.click(within(dialog).getByRole('button', { name: /Confirm/ }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]!.confirmations).toEqual([{ field: 'weightKg', reason: 'weighed twice today' }]);
  });

  it("shows the server's refusal of the preview naming the field, and does not let it be prescribed", async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE}/conditioning-plans`, () => HttpResponse.json(planList([]))),
      http.get(`${API}/conditioning/regimens`, () => HttpResponse.json(regimens)),
      http.post(`${API}/conditioning/preview`, () =>
        problem(400, 'weightKg: must be at least 0.3 kg', [{ path: 'weightKg', message: 'must be at least 0.3 kg' }])
      )
    );
    const form = await chooseFluBu4();
    await userEvent.type(within(form).getByLabelText(/Weight today/), '0');
    expect(await within(form).findByText('Cannot compute this plan')).toBeTruthy();
    expect(await within(form).findByText('Must be at least 0.3 kg')).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Prescribe' }).hasAttribute('disabled')).toBe(true);
  });

  it('keeps Prescribe disabled while the preview has a blocking finding', async () => {
    const blocked = preview('flu-bu4');
    blocked.computed.findings.push({
      severity: 'blocking',
      code: 'outside-domain',
      field: 'weightKg',
      message: 'busulfan: the dose is not computable at this weight',
    });
    server.use(
      http.get(`${API}/episodes/${EPISODE}/conditioning-plans`, () => HttpResponse.json(planList([]))),
      http.get(`${API}/conditioning/regimens`, () => HttpResponse.json(regimens)),
      http.post(`${API}/conditioning/preview`, () => HttpResponse.json(blocked))
    );
    const form = await chooseFluBu4();
    expect(await within(form).findByText('Resolve the blocking findings above to prescribe.')).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Prescribe' }).hasAttribute('disabled')).toBe(true);
  });
});
