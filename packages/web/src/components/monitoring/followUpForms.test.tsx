import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { renderPage } from '../../testing/renderPage';
import { MonitoringSection } from './MonitoringSection';
import { alloEpisode, EPISODE_ID, monitoringView, PATIENT_ID } from './testFixtures';

const url = `/patients/${PATIENT_ID}`;

async function openEventForm() {
  await renderPage(<MonitoringSection episode={alloEpisode} patientId={PATIENT_ID} roles={['physician']} />, {
    url,
    roles: ['physician'],
  });
  await userEvent.click(await screen.findByRole('button', { name: 'Record follow-up event…' }));
  return screen.findByRole('form', { name: 'Record a follow-up event' });
}

describe('Monitoring: the follow-up event form', () => {
  it('asks for the organism of an infection before sending, then sends the event and says so', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () => HttpResponse.json(monitoringView())),
      http.post(`${API}/episodes/${EPISODE_ID}/clinical-events`, async ({ request }) => {
        const body = (await request.json()) as { kind: string; occurredOn: string; organism?: string };
        bodies.push(body);
        return HttpResponse.json(
          {
            id: '7a000000-0000-4000-8000-0000000000e1',
            episodeId: EPISODE_ID,
            kind: body.kind,
            occurredOn: body.occurredOn,
            details: { organism: body.organism },
            recordedBy: 'Dr Test',
          },
          { status: 201 }
        );
      })
    );
    const form = await openEventForm();
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Event' }), 'infection');
    await userEvent.click(within(form).getByRole('button', { name: /Record event/ }));
    expect(await within(form).findByText('Name the organism (or "unknown")')).toBeTruthy();
    expect(bodies).toEqual([]);

    await userEvent.type(within(form).getByRole('textbox', { name: /Organism/ }), 'CMV');
    await userEvent.type(within(form).getByRole('textbox', { name: /Site/ }), 'blood');
    await userEvent.click(within(form).getByRole('button', { name: /Record event/ }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ kind: 'infection', occurredOn: '2026-12-06', organism: 'CMV', site: 'blood' });
    expect(await screen.findByText('Infection recorded on 2026-12-06')).toBeTruthy();
  });

  it('shows a refused date at the field in the server’s words and keeps the form', async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () => HttpResponse.json(monitoringView())),
      http.post(`${API}/episodes/${EPISODE_ID}/clinical-events`, () =>
        problem(400, 'The event is before the episode began.', [
          { path: 'occurredOn', message: 'event date is before the episode began' },
        ])
      )
    );
    const form = await openEventForm();
    await userEvent.click(within(form).getByRole('button', { name: /Record event/ }));
    expect(await within(form).findByText('Event date is before the episode began')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Record a follow-up event' })).toBeTruthy();
  });
});
