import type { AdministrationView } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { AdministrationButton } from './AdministrationButton';
import { EPISODE, PATIENT, PLAN, plan } from './testFixtures';

const active = plan({ status: 'active', verifiedBy: 'Dr Second', verifiedAt: '2026-12-06T10:00:00.000Z' });
const firstFlu = active.computed.days[0]!.items[0]!;

const given = (over: Partial<AdministrationView> = {}): AdministrationView => ({
  id: '00000000-0000-4000-8000-000000000a01',
  planId: PLAN,
  episodeId: EPISODE,
  patientId: PATIENT,
  agentIndex: firstFlu.agentIndex,
  agent: 'fludarabine',
  agentLabel: 'Fludarabine',
  day: active.computed.days[0]!.day,
  sequence: 1,
  plannedAmount: firstFlu.amountPerAdministration,
  unit: 'mg',
  outcome: 'as-planned',
  amount: firstFlu.amountPerAdministration,
  startedAt: '2026-12-14T08:00:00.000Z',
  endedAt: null,
  reason: null,
  recordedBy: 'Test nurse',
  recordedAt: '2026-12-14T09:00:00.000Z',
  correctedBy: null,
  correctedAt: null,
  correctionReason: null,
  ...over,
});

const render = (p = active, roles: Parameters<typeof renderPage>[1]['roles'] = ['nurse']) =>
  renderPage(<AdministrationButton plan={p} />, { url: '/x', roles });

describe('AdministrationButton', () => {
  it('lists the doses given and records one with the planned amount of the chosen line', async () => {
    let items = [given()];
    let sent: Record<string, unknown> | undefined;
    server.use(
      http.get(`${API}/conditioning-plans/${PLAN}/administrations`, () =>
        HttpResponse.json({ planId: PLAN, planStatus: 'active', items })
      ),
      http.post(`${API}/conditioning-plans/${PLAN}/administrations`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        const saved = given({ id: '00000000-0000-4000-8000-000000000a02', sequence: 1, day: sent.day as number });
        items = [...items, saved];
        return HttpResponse.json(saved);
      })
    );
    await render();
    const table = await screen.findByRole('table', { name: 'Doses given' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Record a dose' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a dose' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save dose' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toMatchObject({
      agentIndex: firstFlu.agentIndex,
      day: active.computed.days[0]!.day,
      sequence: 1,
      outcome: 'as-planned',
      unit: 'mg',
      amount: firstFlu.amountPerAdministration,
    });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
  });

  it("keeps the dialog open with the server's reason when a dose is refused", async () => {
    server.use(
      http.get(`${API}/conditioning-plans/${PLAN}/administrations`, () =>
        HttpResponse.json({ planId: PLAN, planStatus: 'active', items: [] })
      ),
      http.post(`${API}/conditioning-plans/${PLAN}/administrations`, () =>
        problem(400, 'reason: an omitted dose needs a reason', [
          { path: 'reason', message: 'an omitted dose needs a reason' },
        ])
      )
    );
    await render();
    expect(await screen.findByText('No dose recorded yet.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Record a dose' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a dose' });
    await userEvent.selectOptions(within(dialog).getByLabelText('Given'), 'omitted');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save dose' }));
    expect(await within(dialog).findByText('An omitted dose needs a reason')).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toContain('an omitted dose needs a reason');
  });

  it('offers no recording before the plan is verified, nor to a data manager', async () => {
    server.use(
      http.get(`${API}/conditioning-plans/${PLAN}/administrations`, () =>
        HttpResponse.json({ planId: PLAN, planStatus: 'active', items: [] })
      )
    );
    await render(plan());
    expect(await screen.findByText('Doses are recorded once the plan is verified.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record a dose' })).toBeNull();
  });
});
