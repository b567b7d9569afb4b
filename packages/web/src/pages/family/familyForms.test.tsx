import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { AntibodyEntryForm } from './AntibodyEntryForm';
import { CrossmatchForm } from './CrossmatchForm';
import { RecipientCmv } from './RecipientCmv';
import { PID, sara } from './testFixtures';

const test = {
  id: '6f1c1b7e-0000-4000-8000-000000000011',
  testedOn: '2026-03-01',
  source: 'manual',
  fileName: null,
  sampleId: null,
  lab: null,
  results: [{ specificity: 'DQA1*05:01~DQB1*02:01', mfi: 31000 }],
  recordedBy: 'hla',
  recordedAt: '2026-03-01T10:00:00.000Z',
};
const sister = sara;

describe('family work-up forms', () => {
  it('sends antibody results typed by hand, asking a reason for an MFI above 30,000', async () => {
    const bodies: unknown[] = [];
    let saved = 0;
    server.use(
      http.post(`${API}/patients/${PID}/family/antibodies`, async ({ request }) => {
        const body = (await request.json()) as { confirmations?: unknown };
        bodies.push(body);
        if (!body.confirmations) {
          return HttpResponse.json(
            {
              type: 'about:blank',
              title: 'Error',
              status: 422,
              code: 'confirmation-required',
              detail: 'Confirm this value with a reason',
              errors: [
                { path: 'results.0.mfi', message: 'MFI 31,000 MFI is above the usual range (≤ 30,000 MFI); check it' },
              ],
            },
            { status: 422, headers: { 'content-type': 'application/problem+json' } }
          );
        }
        return HttpResponse.json(test, { status: 201 });
      })
    );
    await renderPage(<AntibodyEntryForm patientId={PID} onSaved={() => saved++} />, { url: '/f' });
    const form = screen.getByRole('form', { name: 'Enter antibody results' });
    fireEvent.change(within(form).getByLabelText(/Test date/), { target: { value: '2026-03-01' } });
    await userEvent.type(within(form).getByRole('textbox', { name: /Specificity 1/ }), 'DQA1*05:01~DQB1*02:01');
    await userEvent.type(within(form).getByRole('textbox', { name: /MFI 1/ }), '31000');
    await userEvent.click(within(form).getByRole('button', { name: 'Record results' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(dialog).getByRole('textbox'), 'undiluted serum, checked');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm with reason' }));
    await waitFor(() => expect(saved).toBe(1));
    expect(bodies).toEqual([
      { testedOn: '2026-03-01', results: [{ specificity: 'DQA1*05:01~DQB1*02:01', mfi: 31000 }] },
      {
        testedOn: '2026-03-01',
        results: [{ specificity: 'DQA1*05:01~DQB1*02:01', mfi: 31000 }],
        confirmations: [{ field: 'results.0.mfi', reason: 'undiluted serum, checked' }],
      },
    ]);
  });

  it('shows the server’s words at the field when a specificity is refused', async () => {
    server.use(
      http.post(`${API}/patients/${PID}/family/antibodies`, () =>
        problem(400, 'antibody results refused: result 1: unknown specificity "A*99:99"', [
          { path: 'results.0.specificity', message: 'unknown specificity "A*99:99"' },
        ])
      )
    );
    await renderPage(<AntibodyEntryForm patientId={PID} onSaved={() => undefined} />, { url: '/f' });
    const form = screen.getByRole('form', { name: 'Enter antibody results' });
    fireEvent.change(within(form).getByLabelText(/Test date/), { target: { value: '2026-03-01' } });
    await userEvent.type(within(form).getByRole('textbox', { name: /Specificity 1/ }), 'A*99:99');
    await userEvent.type(within(form).getByRole('textbox', { name: /MFI 1/ }), '2000');
    await userEvent.click(within(form).getByRole('button', { name: 'Record results' }));
    expect((await screen.findByRole('alert')).textContent).toContain('unknown specificity "A*99:99"');
    expect(await screen.findByText('Unknown specificity "A*99:99"')).toBeTruthy();
  });

  it('records a crossmatch and shows a refused field in the server’s words', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/patients/${PID}/family/crossmatches`, async ({ request }) => {
        sent = await request.json();
        return problem(400, 'choose a relative', [{ path: 'relativeId', message: 'choose a relative' }]);
      })
    );
    await renderPage(<CrossmatchForm patientId={PID} relatives={[sister]} onSaved={() => undefined} />, {
      url: '/f',
    });
    const form = screen.getByRole('form', { name: 'Record a C1q or crossmatch result' });
    fireEvent.change(within(form).getByLabelText(/Test date/), { target: { value: '2026-03-02' } });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Note' }), 'weak');
    await userEvent.click(within(form).getByRole('button', { name: 'Record result' }));
    expect(await screen.findByText('Choose a relative')).toBeTruthy();
    expect(sent).toEqual({ relativeId: '', kind: 'c1q', result: '', testedOn: '2026-03-02', note: 'weak' });
  });

  it('reads the recipient CMV for a reader and sets it for a writer', async () => {
    let sent: unknown = null;
    server.use(
      http.put(`${API}/patients/${PID}/cmv`, async ({ request }) => {
        sent = await request.json();
        return problem(403, 'Your role cannot change the patient record.');
      })
    );
    const { unmount } = await renderPage(
      <RecipientCmv patientId={PID} cmv="unknown" canWrite={false} onChanged={() => undefined} />,
      { url: '/f' }
    );
    expect(screen.getByText('Recipient CMV serostatus (patient record): Not recorded')).toBeTruthy();
    unmount();
    await renderPage(<RecipientCmv patientId={PID} cmv="unknown" canWrite onChanged={() => undefined} />, {
      url: '/f',
    });
    await userEvent.click(screen.getAllByLabelText(/Recipient CMV serostatus/)[0]!);
    await userEvent.click(await screen.findByText('CMV IgG positive'));
    expect((await screen.findByRole('alert')).textContent).toContain('Your role cannot change the patient record.');
    expect(sent).toEqual({ cmv: 'positive' });
  });
});
