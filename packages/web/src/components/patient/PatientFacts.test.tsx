import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { PatientBanner } from './PatientBanner';
import { PatientFacts } from './PatientFacts';
import { PATIENT_ID, patientRecord } from './testFixtures';

const record = (cmv?: 'positive' | 'negative' | 'unknown') => {
  const r = patientRecord();
  return { ...r, patient: { ...r.patient, ...(cmv ? { cmv } : {}) } };
};

describe('patient facts: the recipient CMV serostatus', () => {
  it('shows the CMV serostatus and sets it (PUT /patients/:id/cmv); the record is then read again', async () => {
    let sent: unknown = null;
    let changed = 0;
    const r = record('unknown');
    server.use(
      http.put(`${API}/patients/${PATIENT_ID}/cmv`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...r.patient, cmv: 'negative' });
      })
    );
    await renderPage(<PatientFacts record={r} canWrite onChanged={() => changed++} />, { url: '/p' });
    expect(screen.getByText('not recorded')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Set CMV…' }));
    const form = await screen.findByRole('form', { name: 'CMV serostatus' });
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: /CMV IgG serostatus/ }), 'negative');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(changed).toBe(1));
    expect(sent).toEqual({ cmv: 'negative' });
  });

  it('shows the server’s refusal in the form', async () => {
    const r = record('positive');
    server.use(
      http.put(`${API}/patients/${PATIENT_ID}/cmv`, () => problem(403, 'Your role may not change the patient record.'))
    );
    await renderPage(<PatientFacts record={r} canWrite onChanged={() => undefined} />, { url: '/p' });
    expect(screen.getByText('IgG positive')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Set CMV…' }));
    const form = await screen.findByRole('form', { name: 'CMV serostatus' });
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: /CMV IgG serostatus/ }), 'negative');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('may not change the patient record');
  });

  it('offers no change to a reader, and the banner shows the CMV next to the blood group', async () => {
    const r = record('negative');
    await renderPage(
      <>
        <PatientBanner patient={r.patient} today="2026-12-06" />
        <PatientFacts record={r} canWrite={false} onChanged={() => undefined} />
      </>,
      { url: '/p' }
    );
    expect(screen.queryByRole('button', { name: 'Set CMV…' })).toBeNull();
    const banner = screen.getByRole('region', { name: 'Patient' });
    expect(within(banner).getByText('IgG negative')).toBeTruthy();
    expect(within(banner).getByText('B+')).toBeTruthy();
  });

  it('leaves the banner without CMV when the record does not carry it', async () => {
    await renderPage(<PatientBanner patient={record().patient} today="2026-12-06" />, { url: '/p' });
    expect(within(screen.getByRole('region', { name: 'Patient' })).queryByText('CMV')).toBeNull();
  });
});
