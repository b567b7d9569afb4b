import type { Hl7ReviewItem } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { renderPage } from '../../testing/renderPage';
import { Hl7ReviewPage } from './Hl7ReviewPage';

const item: Hl7ReviewItem = {
  id: '6f1c1b7e-0000-4000-8000-000000000001',
  kind: 'unknown-patient',
  segment: 'PID',
  mrn: 'SYN-999',
  patientId: null,
  summary: 'ORU^R01 for MRN SYN-999, not registered',
  proposal: {
    results: [
      { obx: 1, status: 'F', observation: { analyte: 'anc', value: 0.4, unit: '10*9/L', observedOn: '2026-12-01' } },
    ],
  },
  status: 'open',
  createdAt: '2026-12-01T08:00:00.000Z',
  resolvedBy: null,
  resolvedAt: null,
  resolutionReason: null,
  message: { id: '6f1c1b7e-0000-4000-8000-0000000000aa', controlId: 'MSG-1', type: 'ORU^R01', sendingFacility: 'LAB' },
};

describe('Hospital feed review page', () => {
  it('lists the open items and applies one with a reason, then reloads the queue', async () => {
    let open = [item];
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.get(`${API}/hl7/review`, ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get('status') === 'open'
            ? { items: open, total: open.length }
            : { items: [], total: 0 }
        )
      ),
      http.post(`${API}/hl7/review/${item.id}/resolution`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        open = [];
        return HttpResponse.json({ ...item, status: 'applied', resolutionReason: 'merged by hand' });
      })
    );
    await renderPage(<Hl7ReviewPage />, { url: '/hl7/review', roles: ['data-manager'] });
    const card = await screen.findByRole('article', { name: /SYN-999/ });
    await userEvent.click(within(card).getByRole('button', { name: /apply/i }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /reason/i }), 'merged by hand');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await screen.findByText('No open items.');
    expect(sent).toEqual({ action: 'apply', reason: 'merged by hand' });
    expect(csrf).toBe('test-csrf-token');
  });

  it('says when the queue is empty', async () => {
    server.use(http.get(`${API}/hl7/review`, () => HttpResponse.json({ items: [], total: 0 })));
    await renderPage(<Hl7ReviewPage />, { url: '/hl7/review', roles: ['data-manager'] });
    expect(await screen.findByText('No open items.')).toBeTruthy();
  });

  it('shows the server’s words when the queue cannot be read', async () => {
    server.use(http.get(`${API}/hl7/review`, () => problem(403, 'Your role cannot read the hospital feed review.')));
    await renderPage(<Hl7ReviewPage />, { url: '/hl7/review', roles: ['nurse'] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the queue');
    expect(alert.textContent).toContain('Your role cannot read the hospital feed review.');
  });

  it('keeps the dialog open with the error when applying fails', async () => {
    server.use(
      http.get(`${API}/hl7/review`, () => HttpResponse.json({ items: [item], total: 1 })),
      http.post(`${API}/hl7/review/${item.id}/resolution`, () => problem(409, 'The item was resolved by someone else.'))
    );
    await renderPage(<Hl7ReviewPage />, { url: '/hl7/review', roles: ['data-manager'] });
    const card = await screen.findByRole('article', { name: /SYN-999/ });
    await userEvent.click(within(card).getByRole('button', { name: /discard/i }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /reason/i }), 'duplicate');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.getByText('The item was resolved by someone else.')).toBeTruthy());
  });
});
