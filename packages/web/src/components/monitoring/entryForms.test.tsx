import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API, confirmFirst, http, HttpResponse, server } from '../../testing/server';
import { renderPage } from '../../testing/renderPage';
import { MonitoringSection } from './MonitoringSection';
import { alloEpisode, EPISODE_ID, monitoringView, PATIENT_ID, point } from './testFixtures';

const url = `/patients/${PATIENT_ID}`;
const anc = point(7, '2026-12-05', 119, 0.3, '10*9/L');
const observation = (value: number) => ({
  id: anc.id,
  patientId: PATIENT_ID,
  analyte: 'anc',
  lineage: null,
  observedOn: '2026-12-06',
  value,
  unit: '10*9/L',
  reportedValue: value,
  reportedUnit: '10*9/L',
  source: 'manual',
});

describe('Monitoring entry forms', () => {
  it('adds a result outside the usual range only with a reason, sent as a confirmation', async () => {
    const bodies: Record<string, unknown>[] = [];
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () => HttpResponse.json(monitoringView())),
      http.post(
        `${API}/patients/${PATIENT_ID}/observations`,
        confirmFirst(bodies, [{ path: 'value', message: 'ANC 95 x10^9/L is above the usual range (0–50)' }], () =>
          HttpResponse.json(observation(95), { status: 201 })
        )
      )
    );
    await renderPage(<MonitoringSection episode={alloEpisode} patientId={PATIENT_ID} roles={['nurse']} />, {
      url,
      roles: ['nurse'],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Record results…' }));
    const form = await screen.findByRole('form', { name: 'Add a lab result' });
    await userEvent.type(within(form).getByRole('textbox', { name: /Value/ }), '95');
    await userEvent.click(within(form).getByRole('button', { name: 'Add result' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /above the usual range/ }), 'checked with lab');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm with reason' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({
      analyte: 'anc',
      observedOn: '2026-12-06',
      value: 95,
      unit: 'x10^9/L',
      lineage: null,
      confirmations: [{ field: 'value', reason: 'checked with lab' }],
    });
    expect(await screen.findByText('Result recorded')).toBeTruthy();
  });

  it('deletes a recorded result with a reason and reads the section again', async () => {
    let series: Record<string, (typeof anc)[]> = { anc: [anc] };
    let sent: unknown = null;
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () => HttpResponse.json(monitoringView({ series }))),
      http.delete(`${API}/observations/${anc.id}`, async ({ request }) => {
        sent = await request.json();
        series = {};
        return new HttpResponse(null, { status: 204 });
      })
    );
    await renderPage(<MonitoringSection episode={alloEpisode} patientId={PATIENT_ID} roles={['nurse']} />, {
      url,
      roles: ['nurse'],
    });
    await userEvent.click(await screen.findByRole('button', { name: /Delete .* of 2026-12-05/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason for deleting/ }), 'wrong patient');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(
      await screen.findByText('No blood counts recorded yet: add a result or import a lab file below.')
    ).toBeTruthy();
    expect(sent).toEqual({ reason: 'wrong patient' });
  });

  it('keeps the correction dialog open (its date spelled out) with the server’s words when a correction is refused', async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () =>
        HttpResponse.json(monitoringView({ series: { anc: [anc] } }))
      ),
      http.put(`${API}/observations/${anc.id}`, () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            detail: 'The result was corrected by someone else; reload and try again.',
          },
          { status: 409, headers: { 'content-type': 'application/problem+json' } }
        )
      )
    );
    await renderPage(<MonitoringSection episode={alloEpisode} patientId={PATIENT_ID} roles={['nurse']} />, {
      url,
      roles: ['nurse'],
    });
    await userEvent.click(await screen.findByRole('button', { name: /Correct .* of 2026-12-05/ }));
    const dialog = await screen.findByRole('dialog');
    // the date is spelled out under the browser's own date input, which may read 12/05/2026
    expect(within(dialog).getByText('5 Dec 2026')).toBeTruthy();
    expect(
      within(dialog).getByText(
        (_, el) => el?.tagName === 'P' && /^Recorded: .* on 5 Dec 2026\.$/.test(el.textContent ?? '')
      )
    ).toBeTruthy();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason for the correction/ }), 'typo');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save correction' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The result was corrected by someone else; reload and try again.'
    );
  });

  it('corrects a transfusion with a reason, the body carrying the new product, date and reason', async () => {
    const txId = '7a000000-0000-4000-8000-0000000000f1';
    const tx = { id: txId, product: 'platelets', date: '2026-12-04', day: 118, correctedAt: null };
    let sent: unknown = null;
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () =>
        HttpResponse.json(monitoringView({ transfusions: [tx] }))
      ),
      http.put(`${API}/transfusions/${txId}`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({
          id: txId,
          patientId: PATIENT_ID,
          product: 'red-cells',
          givenOn: '2026-12-03',
          correctedAt: '2026-12-06T10:00:00.000Z',
        });
      })
    );
    await renderPage(<MonitoringSection episode={alloEpisode} patientId={PATIENT_ID} roles={['nurse']} />, {
      url,
      roles: ['nurse'],
    });
    await userEvent.click(await screen.findByRole('button', { name: /Correct Platelet transfusion of 2026-12-04/ }));
    const form = await screen.findByRole('form', { name: 'Correct a transfusion' });
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Product' }), 'red-cells');
    const date = within(form).getByLabelText('Date given');
    await userEvent.clear(date);
    await userEvent.type(date, '2026-12-03');
    await userEvent.click(within(form).getByRole('button', { name: 'Save correction' }));
    expect(await within(form).findByText('Required', { exact: false })).toBeTruthy();
    expect(sent).toBeNull();
    await userEvent.type(within(form).getByRole('textbox', { name: /Reason for the correction/ }), 'wrong bag');
    await userEvent.click(within(form).getByRole('button', { name: 'Save correction' }));
    await waitFor(() => expect(sent).toEqual({ product: 'red-cells', givenOn: '2026-12-03', reason: 'wrong bag' }));
    expect(await screen.findByText('Transfusion corrected')).toBeTruthy();
  });
});
