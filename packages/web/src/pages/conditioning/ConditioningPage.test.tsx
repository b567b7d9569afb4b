import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ConditioningPage } from './ConditioningPage';
import { EPISODE, path, PLAN, plan, planList, regimens, url } from './testFixtures';

const SELF = '00000000-0000-4000-8000-000000000001'; // the signed-in user of renderPage

function serve(list: ReturnType<typeof planList>) {
  server.use(
    http.get(`${API}/episodes/${EPISODE}/conditioning-plans`, () => HttpResponse.json(list)),
    http.get(`${API}/conditioning/regimens`, () => HttpResponse.json(regimens)),
    http.get(`${API}/conditioning-plans/${PLAN}/administrations`, () => HttpResponse.json({ items: [] }))
  );
}

describe('ConditioningPage', () => {
  it('shows the open plan with its calendar and lets another physician verify it', async () => {
    let list = planList([plan()]);
    serve(list);
    let verified = 0;
    server.use(
      http.post(`${API}/conditioning-plans/${PLAN}/verify`, () => {
        verified++;
        const p = plan({
          status: 'active',
          verifiedById: SELF,
          verifiedBy: 'Test physician',
          verifiedAt: '2026-12-06T10:00:00.000Z',
        });
        list = planList([p]);
        return HttpResponse.json(p);
      }),
      http.get(`${API}/episodes/${EPISODE}/conditioning-plans`, () => HttpResponse.json(list))
    );
    await renderPage(<ConditioningPage />, { url, path, roles: ['physician'] });
    const current = await screen.findByRole('region', { name: 'Current plan' });
    expect(within(current).getByRole('heading', { name: 'Flu/Bu4' })).toBeTruthy();
    expect(within(current).getByText(/Prescribed by/)).toBeTruthy();
    expect(screen.getByTestId('awaiting-verification')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Verify plan' }));
    await waitFor(() => expect(screen.queryByTestId('awaiting-verification')).toBeNull());
    expect(verified).toBe(1);
    expect(await screen.findAllByText('Verified (active)')).not.toHaveLength(0);
  });

  it('tells the prescriber that another physician must verify, and offers no Verify button', async () => {
    serve(planList([plan({ prescribedById: SELF, prescribedBy: 'Test physician' })]));
    await renderPage(<ConditioningPage />, { url, path, roles: ['physician'] });
    expect(await screen.findByText('You prescribed this version, so another physician must verify it.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Verify plan' })).toBeNull();
  });

  it("shows the server's refusal to verify", async () => {
    serve(planList([plan()]));
    server.use(
      http.post(`${API}/conditioning-plans/${PLAN}/verify`, () =>
        problem(409, 'This plan cannot be verified: the busulfan dose is outside its formula domain')
      )
    );
    await renderPage(<ConditioningPage />, { url, path, roles: ['physician'] });
    await userEvent.click(await screen.findByRole('button', { name: 'Verify plan' }));
    expect(await screen.findByText(/outside its formula domain/)).toBeTruthy();
  });

  it('cancels the plan with the reason typed, which is sent with the request', async () => {
    serve(planList([plan()]));
    let sent: unknown;
    server.use(
      http.post(`${API}/conditioning-plans/${PLAN}/cancel`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(plan({ status: 'cancelled', endReason: 'patient not fit' }));
      })
    );
    await renderPage(<ConditioningPage />, { url, path, roles: ['physician'] });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel plan…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel the plan' });
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'patient not fit');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel plan' }));
    await waitFor(() => expect(sent).toEqual({ reason: 'patient not fit' }));
  });

  it('lists every version with who prescribed and verified it', async () => {
    const v1 = plan({
      id: '00000000-0000-4000-8000-0000000000f0',
      status: 'superseded',
      verifiedBy: 'Dr Second',
      verifiedById: SELF,
      verifiedAt: '2026-12-05T09:00:00.000Z',
    });
    serve(planList([v1, plan({ version: 2, reason: 'weight 64 kg today' })]));
    await renderPage(<ConditioningPage />, { url, path, roles: ['nurse'] });
    const versions = await screen.findByRole('region', { name: 'Versions' });
    const rows = within(versions).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('Dr Second');
    expect(rows[2]!.textContent).toContain('weight 64 kg today');
    expect(screen.queryByRole('button', { name: 'Change…' })).toBeNull();
  });

  it('says there is no plan to a nurse when none is prescribed (the empty state)', async () => {
    serve(planList([]));
    await renderPage(<ConditioningPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('No conditioning plan is prescribed for this episode.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Prescribe a plan' })).toBeNull();
  });

  it('is titled Lymphodepletion, not Conditioning, for a CAR-T episode', async () => {
    const base = planList([]);
    serve({ ...base, episode: { ...base.episode, type: 'car-t' } });
    await renderPage(<ConditioningPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Lymphodepletion' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1, name: 'Conditioning' })).toBeNull();
  });

  it("shows the server's message when the plans cannot be read", async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE}/conditioning-plans`, () =>
        problem(404, 'There is no episode with this id.')
      ),
      http.get(`${API}/conditioning/regimens`, () => HttpResponse.json(regimens))
    );
    await renderPage(<ConditioningPage />, { url, path, roles: ['physician'] });
    expect((await screen.findByRole('alert')).textContent).toContain('There is no episode with this id.');
  });
});
