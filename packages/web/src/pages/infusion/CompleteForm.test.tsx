import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { CompleteForm } from './CompleteForm';
import { path, runningInfusion, url } from './testFixtures';

const infusion = runningInfusion();
const completeUrl = `${API}/infusions/${infusion.id}/complete`;

const open = async (canInfuse = true) => {
  await renderPage(<CompleteForm infusion={infusion} canInfuse={canInfuse} />, { url, path, roles: ['nurse'] });
  return screen.getByRole('region', { name: 'Infusing: HPC, Apheresis · DIN W0000 26 000001' });
};
const endAt = async (form: HTMLElement, local: string) => {
  const end = within(form).getByLabelText<HTMLInputElement>('End');
  await userEvent.clear(end);
  await userEvent.type(end, local);
};

describe('End of infusion form', () => {
  it('shows the running infusion, the end prefilled with now, no volume and no reaction ticked', async () => {
    const form = await open();
    expect(form.textContent).toContain(
      'Started 6 Dec 2026 10:00 UTC · checked by Test nurse, confirmed by Test physician'
    );
    expect(within(form).getByLabelText<HTMLInputElement>('End').value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(within(form).getByLabelText<HTMLInputElement>('Volume infused (mL)').value).toBe('');
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: 'None' }).checked).toBe(true);
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Fever' }).checked).toBe(false);
    expect(within(form).queryByLabelText('What was seen and done')).toBeNull();
  });

  it('records the end with the volume, the reactions seen and what was done, with the CSRF header', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(completeUrl, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json({ ...infusion, endedAt: '2026-12-06T10:45:00.000Z', volumeMl: 95 });
      })
    );
    const form = await open();
    await endAt(form, '2026-12-06T10:45');
    await userEvent.type(within(form).getByLabelText('Volume infused (mL)'), '95');
    // ticking a reaction unticks "None"
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Fever' }));
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Chills / rigors' }));
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: 'None' }).checked).toBe(false);
    await userEvent.type(within(form).getByLabelText('What was seen and done'), '  paracetamol  ');
    await userEvent.click(within(form).getByRole('button', { name: 'Record end of infusion' }));
    expect(await screen.findByText('End of infusion recorded.')).toBeTruthy();
    expect(sent).toEqual({
      endedAt: '2026-12-06T10:45:00.000Z',
      volumeMl: 95,
      reactions: ['fever', 'chills'],
      reactionNote: 'paracetamol',
    });
    expect(csrf).toBe('test-csrf-token');
  });

  it('ticking "None" again clears the reactions and their note', async () => {
    let sent: unknown = null;
    server.use(
      http.post(completeUrl, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...infusion, endedAt: '2026-12-06T10:45:00.000Z' });
      })
    );
    const form = await open();
    await endAt(form, '2026-12-06T10:45');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Hypotension' }));
    expect(await within(form).findByLabelText('What was seen and done')).toBeTruthy();
    await userEvent.click(within(form).getByRole('checkbox', { name: 'None' }));
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Hypotension' }).checked).toBe(false);
    expect(within(form).queryByLabelText('What was seen and done')).toBeNull();
    await userEvent.click(within(form).getByRole('button', { name: 'Record end of infusion' }));
    await waitFor(() => expect(sent).toEqual({ endedAt: '2026-12-06T10:45:00.000Z', reactions: ['none'] }));
  });

  it('sends a volume that is not a number as typed, and shows the server’s refusal at the field', async () => {
    let sent: Record<string, unknown> | null = null;
    server.use(
      http.post(completeUrl, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return problem(400, 'volumeMl: the volume must be a number in mL', [
          { path: 'volumeMl', message: 'Volume must be a number in mL' },
        ]);
      })
    );
    const form = await open();
    const volume = within(form).getByLabelText<HTMLInputElement>('Volume infused (mL)');
    await userEvent.type(volume, '9o');
    await userEvent.click(within(form).getByRole('button', { name: 'Record end of infusion' }));
    expect(await within(form).findByText('Volume must be a number in mL')).toBeTruthy();
    expect(sent!.volumeMl).toBe('9o');
    expect(volume.value).toBe('9o');
    expect(volume.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the server’s refusal of an end before the start at the End field', async () => {
    server.use(
      http.post(completeUrl, () =>
        problem(400, 'endedAt: the end of the infusion is before its start', [
          { path: 'endedAt', message: 'the end of the infusion is before its start' },
        ])
      )
    );
    const form = await open();
    await endAt(form, '2026-12-06T09:00');
    await userEvent.click(within(form).getByRole('button', { name: 'Record end of infusion' }));
    // the field's message as the server wrote it, capitalised
    expect(await within(form).findByText('The end of the infusion is before its start')).toBeTruthy();
    expect(within(form).getByLabelText('End').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toBe('endedAt: the end of the infusion is before its start');
  });

  it('shows the dose but no end-of-infusion fields to a role that does not infuse', async () => {
    const form = await open(false);
    expect(form.textContent).toContain('No dose: no weight recorded');
    expect(within(form).queryByLabelText('End')).toBeNull();
    expect(within(form).queryByRole('button', { name: 'Record end of infusion' })).toBeNull();
  });
});
