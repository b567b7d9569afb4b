import type { PatientList } from '@engraft/domain';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../testing/server';
import { PatientListPage } from './PatientListPage';

const list = (items: PatientList['items'], total = items.length): PatientList => ({
  total,
  totalIsLowerBound: false,
  items,
  today: '2026-12-06',
});

const rowan: PatientList['items'][number] = {
  id: '00000000-0000-4000-8000-0000000000a1',
  mrn: 'SYN-100',
  familyName: 'ROWAN',
  givenName: 'Demo',
  dateOfBirth: '1970-03-01',
  sex: 'female',
  episode: { id: '00000000-0000-4000-8000-0000000000e1', type: 'car-t', phase: 'infusion', dayZero: '2026-12-01' },
};

describe('Patient list page', () => {
  it('lists the patients with their current episode and searches by what is typed', async () => {
    const asked: (string | null)[] = [];
    server.use(
      http.get(`${API}/patients`, ({ request }) => {
        const q = new URL(request.url).searchParams.get('q');
        asked.push(q);
        return HttpResponse.json(q === 'nobody' ? list([]) : list([rowan]));
      })
    );
    await renderPage(<PatientListPage />, { url: '/patients', roles: ['coordinator'] });
    expect(await screen.findByRole('link', { name: /ROWAN/ })).toBeTruthy();
    expect(screen.getByText('SYN-100')).toBeTruthy();
    expect(screen.getByText('Showing 1–1 of 1 patient')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New patient' })).toBeTruthy();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search patients' }), 'nobody');
    expect(await screen.findByText('No patient matches “nobody”.')).toBeTruthy();
    await waitFor(() => expect(asked.at(-1)).toBe('nobody'));
  });

  it('stays on the patient clicked while the search was still settling', async () => {
    server.use(http.get(`${API}/patients`, () => HttpResponse.json(list([rowan]))));
    // As in the app, the patient page is loaded lazily: the list stays on screen while it loads, and a search
    // timer firing meanwhile must not navigate back to the list.
    const SlowPatientPage = lazy(
      () =>
        new Promise<{ default: () => ReactElement }>((r) =>
          setTimeout(() => r({ default: () => <p>Patient page</p> }), 600)
        )
    );
    await renderPage(<PatientListPage />, {
      url: '/patients',
      roles: ['coordinator'],
      otherRoutes: <Route path="/patients/:patientId" element={<SlowPatientPage />} />,
    });
    const link = await screen.findByRole('link', { name: /ROWAN/ });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search patients' }), 'Row');
    await userEvent.click(link); // within the 300 ms the search waits before asking the server
    expect(await screen.findByText('Patient page', {}, { timeout: 2000 })).toBeTruthy();
  });

  it('says when no patient is registered, and offers no registration to a nurse', async () => {
    server.use(http.get(`${API}/patients`, () => HttpResponse.json(list([]))));
    await renderPage(<PatientListPage />, { url: '/patients', roles: ['nurse'] });
    expect(await screen.findByText('No patients registered yet.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'New patient' })).toBeNull();
  });

  it('shows the server’s words when the list cannot be read', async () => {
    server.use(http.get(`${API}/patients`, () => problem(503, 'The database is not reachable.')));
    await renderPage(<PatientListPage />, { url: '/patients', roles: ['nurse'] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load patients');
    expect(alert.textContent).toContain('The database is not reachable.');
  });
});
