import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { renderPage } from '../../testing/renderPage';
import { MonitoringSection } from './MonitoringSection';
import { alloEpisode, cgvhdEvaluations, EPISODE_ID, monitoringView, PATIENT_ID, point } from './testFixtures';

const url = `/patients/${PATIENT_ID}`;
const section = (roles: ('physician' | 'auditor')[] = ['physician']) =>
  renderPage(<MonitoringSection episode={alloEpisode} patientId={PATIENT_ID} roles={roles} />, { url, roles });

describe('Monitoring section', () => {
  it('shows the counts and the chronic GVHD card, trend and organ scores of the NIH 2014 evaluations', async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () =>
        HttpResponse.json(
          monitoringView({
            series: { anc: [point(1, '2026-11-30', 114, 0.4, '10*9/L'), point(2, '2026-12-01', 115, 2.1, '10*9/L')] },
            cgvhd: cgvhdEvaluations,
          })
        )
      )
    );
    await section();
    const card = await screen.findByTestId('cgvhd-global');
    expect(card.textContent).toContain('NIH global severity');
    expect(card.textContent).toContain('moderate');
    expect(card.textContent).toContain('D+114');
    expect(card.textContent).toContain('3 organs involved');
    expect(card.textContent).toContain('score 2 in skin');
    expect(card.textContent).toContain('Worst so far: moderate · 2 evaluations');
    expect(screen.getByTestId('cgvhd-chart')).toBeTruthy();

    const organs = screen.getByRole('table', { name: /Chronic GVHD organ scores/ });
    const skin = within(organs).getByRole('row', { name: /Skin/ });
    expect(
      within(skin)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    ).toEqual(['1', '2']);
    const genital = within(organs).getByRole('row', { name: /Genital tract/ });
    expect(
      within(genital)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    ).toEqual(['not examined', '0']);
    const severity = within(organs).getByRole('row', { name: /Global severity/ });
    expect(
      within(severity)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    ).toEqual(['mild', 'moderate']);

    const recent = screen.getByRole('table', { name: 'Recent results, newest first' });
    expect(within(recent).getByText('0.4').textContent).toBe('0.4 (below threshold)');
    expect(within(recent).getByText('2.1')).toBeTruthy();
  });

  it('scores a chronic GVHD evaluation: sends the eight organ scores and shows the severity the server computed', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    let evaluations = monitoringView().cgvhd;
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () =>
        HttpResponse.json(monitoringView({ cgvhd: evaluations }))
      ),
      http.post(`${API}/episodes/${EPISODE_ID}/assessments/cgvhd`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        evaluations = { evaluations: [cgvhdEvaluations.evaluations[1]!], worst: 'moderate' };
        return HttpResponse.json({
          id: '7a000000-0000-4000-8000-0000000000c3',
          assessedOn: '2026-12-06',
          severity: 'moderate',
          organsInvolved: 1,
          ruleId: 'nih-2014-cgvhd-global@1',
          explanation: 'moderate: score 2 in skin',
        });
      })
    );
    await section();
    expect(await screen.findByText('No chronic GVHD evaluation recorded yet.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Record chronic GVHD…' }));
    const form = await screen.findByRole('form', { name: 'Chronic GVHD evaluation' });
    await userEvent.selectOptions(within(form).getByLabelText('Skin score'), '2');
    await userEvent.click(within(form).getByRole('button', { name: 'Score chronic GVHD' }));
    expect((await within(form).findByRole('status')).textContent).toBe(
      'Global severity: moderate — moderate: score 2 in skin'
    );
    expect(sent).toEqual({
      assessedOn: '2026-12-06',
      organs: { skin: 2, mouth: 0, eyes: 0, gi: 0, liver: 0, lungs: 0, joints: 0, genital: null },
    });
    expect(csrf).toBe('test-csrf-token');
    // the section reads the monitoring answer again: the new evaluation is on the card
    expect((await screen.findByTestId('cgvhd-global')).textContent).toContain('moderate');
  });

  it('says when nothing is recorded yet, and offers no data entry to a role that may not write', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () => HttpResponse.json(monitoringView())));
    await section(['auditor']);
    expect(await screen.findByText('No blood counts recorded yet.')).toBeTruthy();
    expect(screen.getByText('No chronic GVHD evaluation recorded yet.')).toBeTruthy();
    expect(screen.getByText('No acute GVHD assessment yet.')).toBeTruthy();
    // Each empty panel says what it would hold, once: recent lab results, and the log of results and transfusions.
    expect(screen.getAllByText('No results recorded yet.')).toHaveLength(1);
    expect(screen.getByText('No results or transfusions recorded yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Record/ })).toBeNull();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('shows the server’s words when the monitoring data cannot be read', async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () =>
        problem(404, 'Episode 7a000000-0000-4000-8000-000000000001 was not found in your centre.')
      )
    );
    await section();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Could not load the monitoring data: Episode 7a000000-0000-4000-8000-000000000001 was not found in your centre.'
    );
  });

  it('shows a refused evaluation next to the organ the server names', async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE_ID}/monitoring`, () => HttpResponse.json(monitoringView())),
      http.post(`${API}/episodes/${EPISODE_ID}/assessments/cgvhd`, () =>
        problem(400, 'The evaluation is not valid.', [{ path: 'organs.lungs', message: 'lung score must be 0–3' }])
      )
    );
    await section();
    await userEvent.click(await screen.findByRole('button', { name: 'Record chronic GVHD…' }));
    const form = await screen.findByRole('form', { name: 'Chronic GVHD evaluation' });
    await userEvent.click(within(form).getByRole('button', { name: 'Score chronic GVHD' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe('The evaluation is not valid.'));
    expect(within(form).getByText('Lung score must be 0–3')).toBeTruthy();
    expect(within(form).queryByRole('status')).toBeNull();
  });
});
