// The frequency set a saved search's probabilities came from, and the label that says the demo's set is synthetic
// (H-REF-4, ADR 0412): shown for DEMO-synthetic only.
import { DEMO_FREQUENCY_SET, type DonorSearchSummary } from '@engraft/domain';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { DonorSearchResults } from './DonorSearchResults';

const EPISODE = '00000000-0000-4000-8000-0000000000e1';
const SEARCH = '00000000-0000-4000-8000-0000000000d1';

const search = (frequencySet: string | undefined): DonorSearchSummary => ({
  id: SEARCH,
  episodeId: EPISODE,
  patientTyping: 'A*01:01+A*03:01',
  criteria: {
    loci: 10,
    maxMismatches: 1,
    donorKinds: ['adult'],
    ...(frequencySet ? { frequencySet, frequencySetSha256: 'ab'.repeat(32), rankBy: 'probability' as const } : {}),
    referenceYear: 2026,
  },
  release: '3.58.0',
  total: 0,
  stored: 0,
  createdBy: 'coordinator',
  createdAt: '2026-12-06T10:00:00.000Z',
});

async function show(summary: DonorSearchSummary, results = true) {
  server.use(
    http.get(`${API}/donor-searches/${SEARCH}/results`, () =>
      results
        ? HttpResponse.json({ search: summary, offset: 0, limit: 50, stored: 0, hits: [] })
        : problem(500, 'the results could not be read')
    )
  );
  await renderPage(
    <DonorSearchResults episodeId={EPISODE} searches={[summary]} current={SEARCH} onSelect={() => undefined} />,
    { url: '/', path: '/', roles: ['coordinator'] }
  );
}

describe('Donor search results: the frequency set used', () => {
  it('says the demo set is synthetic, not a population’s', async () => {
    await show(search(DEMO_FREQUENCY_SET));
    expect(await screen.findByText('Probabilities from haplotype frequency set DEMO-synthetic')).toBeTruthy();
    expect(screen.getByText(/synthetic demo set: illustrative frequencies, not a population/)).toBeTruthy();
    expect(await screen.findByText(/No donor meets these criteria/)).toBeTruthy(); // empty state
  });

  it('names a real set without the demo label, and a search without a set names none', async () => {
    await show(search('CAU'));
    expect(await screen.findByText('Probabilities from haplotype frequency set CAU')).toBeTruthy();
    expect(screen.queryByText(/synthetic demo set/)).toBeNull();
  });

  it('shows no set for a search ranked by grades, and the server error when the hits cannot be read', async () => {
    await show(search(undefined), false);
    expect(await screen.findByText(/the results could not be read/)).toBeTruthy();
    expect(screen.queryByText(/Probabilities from haplotype frequency set/)).toBeNull();
  });
});
