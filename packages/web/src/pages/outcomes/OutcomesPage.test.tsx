import type { OutcomesResult } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { renderPage } from '../../testing/renderPage';
import { OutcomesPage } from './OutcomesPage';

const point = (time: number, estimate: number, nRisk: number, nEvent: number) => ({
  time,
  estimate,
  lower: estimate - 0.1,
  upper: Math.min(1, estimate + 0.1),
  nRisk,
  nEvent,
  nCensor: 0,
  nCompeting: 0,
});

const os: OutcomesResult = {
  endpoint: { name: 'OS', label: 'Overall survival', version: 1, estimator: 'survival' },
  n: 4,
  atRiskDays: [0, 365],
  medianFollowUp: { median: 400, lower: 300, upper: null },
  groups: [
    {
      name: 'All',
      n: 4,
      events: 1,
      median: null,
      medianLower: null,
      medianUpper: null,
      points: [point(0, 1, 4, 0), point(200, 0.75, 4, 1)],
      atRisk: [
        { time: 0, nRisk: 4 },
        { time: 365, nRisk: 3 },
      ],
    },
  ],
  test: null,
};

describe('Outcomes page', () => {
  it('shows the curve’s figure and summary, and asks again when the endpoint changes', async () => {
    const searches: string[] = [];
    server.use(
      http.get(`${API}/outcomes`, ({ request }) => {
        const search = new URL(request.url).searchParams;
        searches.push(search.toString());
        return HttpResponse.json(
          search.get('endpoint') === 'NRM'
            ? {
                ...os,
                endpoint: { name: 'NRM', label: 'Non-relapse mortality', version: 1, estimator: 'competing' },
              }
            : os
        );
      })
    );
    await renderPage(<OutcomesPage />, { url: '/outcomes', roles: ['data-manager'] });
    expect(await screen.findAllByText(/Overall survival \(OS, definition v1\)/)).not.toHaveLength(0);
    expect(screen.getAllByRole('table').length).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('radio', { name: /^NRM/ }));
    expect(await screen.findAllByText(/Non-relapse mortality \(NRM, definition v1\)/)).not.toHaveLength(0);
    expect(searches.at(-1)).toContain('endpoint=NRM');
  });

  it('says when no infused episode matches the cohort', async () => {
    server.use(http.get(`${API}/outcomes`, () => HttpResponse.json({ ...os, n: 0, groups: [], medianFollowUp: null })));
    await renderPage(<OutcomesPage />, { url: '/outcomes', roles: ['data-manager'] });
    const status = await screen.findByRole('status');
    expect(within(status).getByText('No infused episodes in this cohort')).toBeTruthy();
  });

  it('shows the server’s words when the curves cannot be computed', async () => {
    server.use(http.get(`${API}/outcomes`, () => problem(400, 'The donor type "x" is not known.')));
    await renderPage(<OutcomesPage />, { url: '/outcomes', roles: ['data-manager'] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not compute the outcomes');
    expect(alert.textContent).toContain('The donor type "x" is not known.');
  });

  it('tells a role without access that outcomes are not available', async () => {
    server.use(http.get(`${API}/outcomes`, () => problem(403, 'Your role cannot read outcomes.')));
    await renderPage(<OutcomesPage />, { url: '/outcomes', roles: ['lab'] });
    await waitFor(() => expect(screen.getByText('Outcomes are not available to your role')).toBeTruthy());
  });
});
