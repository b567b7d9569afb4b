import type { BedsideCheck } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { BedsidePage } from './BedsidePage';
import { EPISODE, overview, passedCheck, path, product, runningInfusion, url } from './testFixtures';

const check = (over: Partial<BedsideCheck> = {}): BedsideCheck =>
  passedCheck({
    id: '00000000-0000-4000-8000-0000000000c7',
    productId: null,
    product: null,
    scanned: { mrn: 'SYN-100', din: 'W0000 26 000009', productCode: null, division: null, coi: null },
    result: 'stop',
    stops: [
      {
        code: 'wrong-patient',
        severity: 'stop',
        message: 'This product is intended for another patient. Do not infuse.',
      },
    ],
    ...over,
  });
const infusion = runningInfusion;

describe('Bedside infusion page', () => {
  it('shows the patient and says when nothing was checked or infused yet', async () => {
    server.use(http.get(`${API}${url}`, () => HttpResponse.json(overview())));
    await renderPage(<BedsidePage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByRole('heading', { name: 'Bedside infusion' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'ROWAN, Bedside demo' })).toBeTruthy();
    expect(screen.getByText('No infusion recorded yet.')).toBeTruthy();
    expect(screen.getByText('No check yet.')).toBeTruthy();
  });

  it('sends what was scanned and shows the red STOP the server decided, with its reason', async () => {
    let checks: BedsideCheck[] = [];
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.get(`${API}${url}`, () => HttpResponse.json(overview({ checks }))),
      http.post(`${API}/episodes/${EPISODE}/bedside-checks`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        checks = [check()];
        return HttpResponse.json(checks[0], { status: 201 });
      })
    );
    await renderPage(<BedsidePage />, { url, path, roles: ['nurse'] });
    await userEvent.type(await screen.findByRole('textbox', { name: /wristband/ }), 'SYN-100{Enter}');
    await userEvent.type(screen.getByRole('textbox', { name: /DIN/ }), 'W0000 26 000009');
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    const result = await screen.findByTestId('bedside-result');
    expect(result.textContent).toContain('STOP — do not infuse');
    expect(result.textContent).toContain('This product is intended for another patient. Do not infuse.');
    expect(within(result).queryByRole('button', { name: 'Second person: confirm' })).toBeNull();
    expect(sent).toEqual({ mrn: 'SYN-100', din: 'W0000 26 000009' });
    expect(csrf).toBe('test-csrf-token');
    expect(screen.getByText('Bedside checks (1)')).toBeTruthy();
  });

  it('offers the second check on a match and shows the server’s refusal of the same person in the dialog', async () => {
    const pass = check({ result: 'pass', stops: [], productId: infusion().productId, product });
    let sent: unknown = null;
    server.use(
      http.get(`${API}${url}`, () => HttpResponse.json(overview({ checks: [pass] }))),
      http.post(`${API}/bedside-checks/${pass.id}/confirm`, async ({ request }) => {
        sent = await request.json();
        return problem(422, 'The second check must be done by a different person.');
      })
    );
    await renderPage(<BedsidePage />, { url, path, roles: ['nurse'] });
    expect((await screen.findByTestId('bedside-result')).textContent).toContain('Match — ready for second check');
    await userEvent.click(screen.getByRole('button', { name: 'Second person: confirm' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Your username'), 'nurse');
    await userEvent.type(within(dialog).getByLabelText('Your password'), 'secret');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm the match' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('different person');
    expect(sent).toEqual({ username: 'nurse', password: 'secret' });
  });

  it('records the end of a running infusion with its volume', async () => {
    let sent: unknown = null;
    server.use(
      http.get(`${API}${url}`, () => HttpResponse.json(overview({ infusions: [infusion()] }))),
      http.post(`${API}/infusions/${infusion().id}/complete`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(infusion({ endedAt: '2026-12-06T10:30:00.000Z', volumeMl: 95 }));
      })
    );
    await renderPage(<BedsidePage />, { url, path, roles: ['nurse'] });
    const running = await screen.findByRole('region', { name: /Infusing: HPC, Apheresis/ });
    expect(running.textContent).toContain('No dose: no weight recorded');
    await userEvent.type(within(running).getByLabelText('Volume infused (mL)'), '95');
    await userEvent.click(within(running).getByRole('button', { name: 'Record end of infusion' }));
    await waitFor(() => expect(sent).toMatchObject({ volumeMl: 95, reactions: ['none'] }));
  });

  it('shows a CAR-T dose in ×10⁶, the label check in words and the rule ids only behind "Details"', async () => {
    const dose = {
      weightKg: 80,
      measures: [
        {
          measure: 'car-positive-viable-t' as const,
          product: 'car-t' as const,
          totalCells: 120e6,
          cellsPerKg: 1.5e6,
          value: 1.5,
          unit: 'x10^6/kg',
          adequate: true,
          explanation: '1.50 x10^6/kg CAR+ viable T cells',
          ruleId: 'cell-dose@1',
        },
      ],
      cartLabel: {
        product: 'tisagenlecleucel-lbcl',
        withinLabel: true,
        explanation:
          '120.0 x10^6 cells is within the label dose 60.0-600.0 x10^6 for 80.0 kg (Kymriah (LBCL): 0.6-6.0 x10^8)',
        ruleId: 'cart-label-dose@1',
      },
      ruleIds: ['cell-dose@1', 'cart-label-dose@1'],
    };
    server.use(http.get(`${API}${url}`, () => HttpResponse.json(overview({ infusions: [infusion({ dose })] }))));
    await renderPage(<BedsidePage />, { url, path, roles: ['nurse'] });
    const running = await screen.findByRole('region', { name: /Infusing: HPC, Apheresis/ });
    expect(within(running).getByText('1.50 ×10⁶/kg CAR+ viable T cells')).toBeTruthy();
    expect(
      within(running).getByText(
        '120.0 ×10⁶ cells is within the label dose 60.0-600.0 ×10⁶ for 80.0 kg (Kymriah (LBCL): 0.6-6.0 ×10⁸)'
      )
    ).toBeTruthy();
    expect(running.textContent).not.toMatch(/x10\^/);
    // the rule ids are in a closed <details>, under its "Details" summary
    const details = within(running).getByText('Details').closest('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('cell-dose@1, cart-label-dose@1');
  });

  it('does not offer the scan to a role that does not infuse', async () => {
    server.use(http.get(`${API}${url}`, () => HttpResponse.json(overview())));
    await renderPage(<BedsidePage />, { url, path, roles: ['coordinator'] });
    expect(await screen.findByText('Only nurses, physicians and administrators perform bedside checks.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Check' })).toBeNull();
  });

  it('shows the server’s words when the page cannot be read', async () => {
    server.use(http.get(`${API}${url}`, () => problem(404, 'Episode not found.')));
    await renderPage(<BedsidePage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('The bedside page could not be loaded')).toBeTruthy();
    expect(screen.getByText('Episode not found.')).toBeTruthy();
  });
});
