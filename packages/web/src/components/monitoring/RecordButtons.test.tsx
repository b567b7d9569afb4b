import type { Role } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { renderPage } from '../../testing/renderPage';
import { MonitoringSection } from './MonitoringSection';
import { alloEpisode, EPISODE_ID, monitoringView, PATIENT_ID } from './testFixtures';

const cartEpisode = { ...alloEpisode, type: 'car-t' as const };
const open = async (roles: Role[], episode = alloEpisode) => {
  server.use(http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () => HttpResponse.json(monitoringView())));
  await renderPage(<MonitoringSection episode={episode} patientId={PATIENT_ID} roles={roles} />, {
    url: `/patients/${PATIENT_ID}`,
    roles,
  });
  await screen.findByRole('group', { name: 'Record monitoring data' });
};
const recordButtons = () =>
  within(screen.getByRole('group', { name: 'Record monitoring data' }))
    .getAllByRole('button')
    .map((b) => b.textContent);

describe('Monitoring "Record…" buttons', () => {
  it('offers a nurse on an allograft each entry behind a button, and no form on the page until one is opened', async () => {
    await open(['nurse']);
    expect(recordButtons()).toEqual([
      'Record acute GVHD…',
      'Record results…',
      'Record transfusion…',
      'Import lab file…',
      'Record chronic GVHD…',
      'Record follow-up event…',
    ]);
    expect(screen.queryByRole('form')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Record acute GVHD…' }));
    const drawer = await screen.findByRole('dialog', { name: 'Acute GVHD assessment' });
    expect(within(drawer).getByRole('form', { name: 'Acute GVHD assessment' })).toBeTruthy();
    await userEvent.click(within(drawer).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
  });

  it('offers CRS/ICANS grading on a CAR-T episode, acute and chronic GVHD only on an allograft', async () => {
    await open(['physician'], cartEpisode);
    expect(recordButtons()).toContain('Record CRS/ICANS…');
    expect(recordButtons()).not.toContain('Record acute GVHD…');
    expect(recordButtons()).not.toContain('Record chronic GVHD…');
    await userEvent.click(screen.getByRole('button', { name: 'Record CRS/ICANS…' }));
    const drawer = await screen.findByRole('dialog', { name: 'Daily CRS/ICANS assessment' });
    expect(within(drawer).getByRole('form', { name: 'Daily CRS and ICANS assessment' })).toBeTruthy();
  });

  it('gives lab staff only lab results and lab files', async () => {
    await open(['lab']);
    expect(recordButtons()).toEqual(['Record results…', 'Import lab file…']);
  });

  it('lets a coordinator record a follow-up event (server: EVENT_WRITERS) and nothing else', async () => {
    await open(['coordinator']);
    expect(recordButtons()).toEqual(['Record follow-up event…']);
  });

  it('records a follow-up event from the drawer: the body sent, the drawer stays open for the next entry', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/clinical-events`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            id: '7a000000-0000-4000-8000-0000000000e1',
            episodeId: EPISODE_ID,
            kind: 'last-contact',
            occurredOn: '2026-12-06',
            details: {},
            recordedBy: 'nurse',
          },
          { status: 201 }
        );
      })
    );
    await open(['nurse']);
    await userEvent.click(screen.getByRole('button', { name: 'Record follow-up event…' }));
    const drawer = await screen.findByRole('dialog', { name: 'Follow-up event' });
    await userEvent.click(within(drawer).getByRole('button', { name: 'Record event' }));
    expect(await screen.findByText('Last contact (alive) recorded on 2026-12-06')).toBeTruthy();
    expect(sent).toEqual({ kind: 'last-contact', occurredOn: '2026-12-06' });
    expect(screen.getByRole('dialog', { name: 'Follow-up event' })).toBeTruthy();
  });

  it('shows the server’s words in the drawer when a follow-up event is refused', async () => {
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/clinical-events`, () =>
        problem(400, 'The event is not valid.', [{ path: 'occurredOn', message: 'date must not be in the future' }])
      )
    );
    await open(['nurse']);
    await userEvent.click(screen.getByRole('button', { name: 'Record follow-up event…' }));
    const drawer = await screen.findByRole('dialog', { name: 'Follow-up event' });
    await userEvent.click(within(drawer).getByRole('button', { name: 'Record event' }));
    expect(await within(drawer).findByText('Date must not be in the future')).toBeTruthy();
  });
});
