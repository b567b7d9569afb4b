import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { episode, EPISODE_ID, PATIENT_ID } from '../patient/testFixtures';
import { ClosureBox } from './ClosureBox';
import { EventForm } from './EventForm';
import { PhaseForm } from './PhaseForm';

const url = `/patients/${PATIENT_ID}`;
const noop = () => {};

describe('Phase form', () => {
  it('closes the episode only with a reason, sent with the change', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/phase`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(episode({ phase: 'closed' }));
      })
    );
    await renderPage(<PhaseForm episode={episode()} today="2026-12-06" onChanged={noop} />, { url });
    const form = screen.getByRole('form', { name: 'Move episode to another phase' });
    await userEvent.selectOptions(within(form).getByLabelText('Move to phase'), 'closed');
    await userEvent.click(within(form).getByRole('button', { name: 'Move' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close this episode?' });
    expect(sent).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close the episode' }));
    expect(within(dialog).getByText('Give a reason (at least 3 characters).')).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'moved to another centre');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close the episode' }));
    expect(await screen.findByText('Phase changed')).toBeTruthy();
    expect(sent).toEqual({ phase: 'closed', date: '2026-12-06', reason: 'moved to another centre' });
  });

  it('moves forward without a reason and shows the server’s refusal', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/phase`, async ({ request }) => {
        sent = await request.json();
        return problem(409, 'The infusion phase needs the product released first.');
      })
    );
    await renderPage(<PhaseForm episode={episode()} today="2026-12-06" onChanged={noop} />, { url });
    const form = screen.getByRole('form', { name: 'Move episode to another phase' });
    await userEvent.selectOptions(within(form).getByLabelText('Move to phase'), 'infusion');
    await userEvent.click(within(form).getByRole('button', { name: 'Move' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The infusion phase needs the product released first.'
    );
    expect(sent).toEqual({ phase: 'infusion', date: '2026-12-06' });
  });
});

describe('Closure box', () => {
  const closed = episode({
    phase: 'closed',
    closure: { on: '2026-12-01', by: 'Test physician', fromPhase: 'conditioning', reason: 'patient declined' },
  });

  it('says who closed the episode and why, and reopens it with a reason for an administrator', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/reopen`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(episode({ phase: 'conditioning' }));
      })
    );
    await renderPage(<ClosureBox episode={closed} roles={['admin']} today="2026-12-06" onChanged={noop} />, {
      url,
      roles: ['admin'],
    });
    expect(screen.getByTestId('episode-closure').textContent).toContain(
      'Closed on 1 Dec 2026 by Test physician, from Conditioning. Reason: patient declined'
    );
    await userEvent.click(screen.getByRole('button', { name: 'Reopen episode' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reopen this episode?' });
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'patient consented again');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    expect(await screen.findByText('Episode reopened')).toBeTruthy();
    expect(sent).toEqual({ phase: 'conditioning', date: '2026-12-06', reason: 'patient consented again' });
  });

  it('keeps the dialog open with the server’s refusal', async () => {
    server.use(http.post(`${API}/episodes/${EPISODE_ID}/reopen`, () => problem(409, 'The episode is not closed.')));
    await renderPage(<ClosureBox episode={closed} roles={['admin']} today="2026-12-06" onChanged={noop} />, {
      url,
      roles: ['admin'],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Reopen episode' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reopen this episode?' });
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'by mistake');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The episode is not closed.');
  });

  it('offers no reopening to a physician', async () => {
    await renderPage(<ClosureBox episode={closed} roles={['physician']} today="2026-12-06" onChanged={noop} />, {
      url,
    });
    expect(screen.queryByRole('button', { name: 'Reopen episode' })).toBeNull();
  });
});

describe('Event form', () => {
  it('shows the day from day 0 and refuses an event without words before sending', async () => {
    await renderPage(<EventForm episodeId={EPISODE_ID} today="2026-12-06" dayZero="2026-12-10" onChanged={noop} />, {
      url,
    });
    const form = screen.getByRole('form', { name: 'Record an event' });
    expect(within(form).getByText(/D-4/).textContent).toBe('6 Dec 2026 · D-4');
    await userEvent.click(within(form).getByRole('button', { name: 'Add event' }));
    await waitFor(() => expect(within(form).getByText(/describe the event/i)).toBeTruthy());
  });

  it('shows the server’s refusal under the field', async () => {
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/events`, () =>
        problem(400, 'The event was not recorded.', [{ path: 'date', message: 'the date is after today' }])
      )
    );
    await renderPage(<EventForm episodeId={EPISODE_ID} today="2026-12-06" dayZero="2026-12-10" onChanged={noop} />, {
      url,
    });
    const form = screen.getByRole('form', { name: 'Record an event' });
    await userEvent.type(within(form).getByLabelText('What happened'), 'Discharged');
    await userEvent.click(within(form).getByRole('button', { name: 'Add event' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The event was not recorded.');
    expect(within(form).getByText('The date is after today')).toBeTruthy();
  });
});
