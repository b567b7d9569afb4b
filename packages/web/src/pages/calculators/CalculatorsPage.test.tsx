import { clinicalRules, runRule } from '@engraft/clinical';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { CalculatorsPage } from './CalculatorsPage';

/** The server's rule endpoints, computed by the same pure rules; every request body kept. */
function serveRules(bodies: Record<string, unknown[]>) {
  server.use(
    http.post(`${API}/clinical/:rule`, async ({ request, params }) => {
      const name = String(params.rule);
      const body = (await request.json()) as { input: unknown };
      (bodies[name] ??= []).push(body);
      const r = runRule(clinicalRules[name]!, body.input);
      return r.ok
        ? HttpResponse.json(r.output as Record<string, never>)
        : problem(400, r.error, [{ path: `input.${r.path}`, message: r.error }]);
    })
  );
}

describe('CalculatorsPage', () => {
  it('grades CRS and ICANS from what was typed and says nothing is stored', async () => {
    const bodies: Record<string, unknown[]> = {};
    serveRules(bodies);
    await renderPage(<CalculatorsPage />, { url: '/calculators', roles: ['nurse'] });
    const form = screen.getByRole('form', { name: 'CRS and ICANS calculator' });
    await userEvent.type(within(form).getByLabelText(/Patient age/), '45');
    await userEvent.type(within(form).getByLabelText(/Highest temperature/), '39.2');
    await userEvent.click(within(form).getByLabelText('ICE done today'));
    await userEvent.click(within(form).getByRole('button', { name: 'Calculate grades' }));
    expect(await within(form).findByText('Result (not stored)')).toBeTruthy();
    expect(bodies.crs).toEqual([
      { input: { maxTempC: 39.2, feverMaskedByTreatment: false, hypotension: 'none', oxygen: 'none' } },
    ]);
    expect(bodies.ice).toBeUndefined();
    expect(bodies.icans?.[0]).toMatchObject({ input: { ageYears: 45, ice: null } });
  });

  it('asks for the age before grading, and sends nothing', async () => {
    const bodies: Record<string, unknown[]> = {};
    serveRules(bodies);
    await renderPage(<CalculatorsPage />, { url: '/calculators', roles: ['nurse'] });
    const form = screen.getByRole('form', { name: 'CRS and ICANS calculator' });
    await userEvent.click(within(form).getByLabelText('ICE done today'));
    await userEvent.click(within(form).getByRole('button', { name: 'Calculate grades' }));
    expect(await within(form).findByText(/Age is needed/)).toBeTruthy();
    expect(bodies).toEqual({});
  });

  it("shows the server's refusal", async () => {
    server.use(http.post(`${API}/clinical/:rule`, () => problem(503, 'The rules are not available right now.')));
    await renderPage(<CalculatorsPage />, { url: '/calculators', roles: ['physician'] });
    const form = screen.getByRole('form', { name: 'CRS and ICANS calculator' });
    await userEvent.type(within(form).getByLabelText(/Patient age/), '8');
    await userEvent.click(within(form).getByLabelText('ICE done today'));
    await userEvent.click(within(form).getByRole('button', { name: 'Calculate grades' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('The rules are not available right now.');
    expect(within(form).queryByText('Result (not stored)')).toBeNull();
  });

  it('stages acute GVHD with the MAGIC rule', async () => {
    const bodies: Record<string, unknown[]> = {};
    serveRules(bodies);
    await renderPage(<CalculatorsPage />, { url: '/calculators', roles: ['physician'] });
    await userEvent.click(screen.getByRole('tab', { name: /Acute GVHD/ }));
    const form = await screen.findByRole('form', { name: 'Acute GVHD calculator' });
    const rash = within(form).getByLabelText(/Active rash/);
    await userEvent.clear(rash);
    await userEvent.type(rash, '30');
    await userEvent.type(within(form).getByLabelText(/Total bilirubin/), '1.2');
    await userEvent.type(within(form).getByLabelText('Stool output (mL/day)'), '300');
    await userEvent.click(within(form).getByRole('button', { name: 'Calculate stages and grade' }));
    await waitFor(() => expect(bodies.agvhd).toHaveLength(1));
    expect(bodies.agvhd![0]).toMatchObject({
      input: { skinRashBsaPercent: 30, bilirubinMgDl: 1.2, stoolMlPerDay: 300 },
    });
    expect(await within(form).findByText('Result (not stored)')).toBeTruthy();
  });
});
