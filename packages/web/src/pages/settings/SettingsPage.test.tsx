import { DEFAULT_MONITORING_SETTINGS, type MonitoringSettingsView } from '@engraft/domain';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { SettingsPage } from './SettingsPage';

const view = (over: Partial<MonitoringSettingsView['settings']> = {}): MonitoringSettingsView => ({
  settings: { ...DEFAULT_MONITORING_SETTINGS, ...over },
  defaults: DEFAULT_MONITORING_SETTINGS,
  updatedAt: '2026-12-01T08:00:00.000Z',
  updatedBy: 'Test admin',
});

describe('SettingsPage', () => {
  it("shows the centre's settings and saves a change exactly as typed", async () => {
    let current = view({ labIntervalDays: 3 });
    let sent: Record<string, unknown> | undefined;
    server.use(
      http.get(`${API}/settings/monitoring`, () => HttpResponse.json(current)),
      http.put(`${API}/settings/monitoring`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        current = view({ labIntervalDays: 5 });
        return HttpResponse.json(current);
      })
    );
    await renderPage(<SettingsPage />, { url: '/settings', roles: ['admin'] });
    const field = await screen.findByLabelText(/a blood count at least every/);
    expect((field as HTMLInputElement).value).toBe('3');
    await userEvent.clear(field);
    await userEvent.type(field, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(sent?.labIntervalDays).toBe(5));
    expect(sent?.graftFailureDays).toEqual(DEFAULT_MONITORING_SETTINGS.graftFailureDays);
    expect(await screen.findByText('Settings saved')).toBeTruthy();
  });

  it('names the field the server refused', async () => {
    server.use(
      http.get(`${API}/settings/monitoring`, () => HttpResponse.json(view())),
      http.put(`${API}/settings/monitoring`, () =>
        problem(400, 'graftFailureDays.pbsc: must be at most 100', [
          { path: 'graftFailureDays.pbsc', message: 'must be at most 100' },
        ])
      )
    );
    await renderPage(<SettingsPage />, { url: '/settings', roles: ['admin'] });
    const field = await screen.findByLabelText(/a blood count at least every/);
    await userEvent.clear(field);
    await userEvent.type(field, '4');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Must be at most 100')).toBeTruthy();
  });

  it('is read-only for everyone but administrators', async () => {
    server.use(http.get(`${API}/settings/monitoring`, () => HttpResponse.json(view())));
    await renderPage(<SettingsPage />, { url: '/settings', roles: ['nurse'] });
    expect(await screen.findByText(/Only administrators change them/)).toBeTruthy();
    await screen.findByRole('form', { name: 'Monitoring settings' });
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
  });

  it("shows the server's message when the settings cannot be read", async () => {
    server.use(http.get(`${API}/settings/monitoring`, () => problem(500, 'The database is not reachable.')));
    await renderPage(<SettingsPage />, { url: '/settings', roles: ['admin'] });
    expect((await screen.findByRole('alert')).textContent).toContain('The database is not reachable.');
  });
});
