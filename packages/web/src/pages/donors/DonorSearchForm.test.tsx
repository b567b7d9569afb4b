// The donor search form alone (the page test covers it with the page): its selects send what was chosen.
import type { DonorSearchSummary } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, server } from '../../testing/server';
import { DonorSearchForm } from './DonorSearchForm';

const EPISODE = '00000000-0000-4000-8000-0000000000e1';
const SEARCH = '00000000-0000-4000-8000-0000000000d1';
const TYPING = 'A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01';
const saved: DonorSearchSummary = {
  id: SEARCH,
  episodeId: EPISODE,
  patientTyping: TYPING,
  criteria: { loci: 8, maxMismatches: 2, donorKinds: ['adult'], rankBy: 'grades', referenceYear: 2026 },
  release: '3.58.0',
  total: 1,
  stored: 1,
  createdBy: 'coordinator',
  createdAt: '2026-12-06T10:00:00.000Z',
};

describe('Donor search form', () => {
  it('counts 8/8 loci: the per-locus rows follow, a limit on a locus no longer counted is not sent', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE}/donor-searches`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(saved, { status: 201 });
      })
    );
    let savedId: string | null = null;
    await renderPage(
      <DonorSearchForm
        episodeId={EPISODE}
        recordTyping={TYPING}
        recordWeightKg={null}
        recordAboRh={null}
        sets={{ sets: [], centreDefault: null }}
        registryLoading={false}
        onSaved={(id) => (savedId = id)}
      />,
      { url: `/episodes/${EPISODE}/donor-search`, path: '/episodes/:episodeId/donor-search', roles: ['coordinator'] }
    );
    const form = await screen.findByRole('region', { name: 'New donor search' });
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Max mismatches DQB1' }), '1');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Loci counted' }), '8');
    expect(within(form).queryByRole('combobox', { name: 'Max mismatches DQB1' })).toBeNull();
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Max mismatches C' }), '0');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Level C' }), 'antigen');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Patient CMV' }), 'pos');
    await userEvent.click(within(form).getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(savedId).toBe(SEARCH));
    expect(sent).toEqual({
      patientTyping: TYPING,
      criteria: {
        loci: 8,
        maxMismatches: 2,
        donorKinds: ['adult'],
        maxMismatchesPerLocus: { C: 0 },
        levels: { C: 'antigen' },
        patientCmv: 'pos',
        rankBy: 'grades',
      },
    });
  });
});
