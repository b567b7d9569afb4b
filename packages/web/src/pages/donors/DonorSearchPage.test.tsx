import type { DonorHitSummary, DonorRegistryStatus, DonorSearchSummary, EpisodeDonors } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { DonorSearchPage } from './DonorSearchPage';

const EPISODE = '00000000-0000-4000-8000-0000000000e1';
const PATIENT = '00000000-0000-4000-8000-0000000000a1';
const SEARCH = '00000000-0000-4000-8000-0000000000d1';
const url = `/episodes/${EPISODE}/donor-search`;
const path = '/episodes/:episodeId/donor-search';
const TYPING = 'A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02';

const episode: EpisodeDonors = {
  episode: {
    id: EPISODE,
    patientId: PATIENT,
    diagnosisId: '00000000-0000-4000-8000-0000000000f9',
    type: 'allogeneic-hct',
    cellType: null,
    cellOrigin: null,
    phase: 'work-up',
    plannedDayZero: '2027-01-15',
    actualDayZero: null,
    protocol: null,
    createdAt: '2026-11-01T09:00:00.000Z',
  },
  patient: { id: PATIENT, mrn: 'SRCH-1', familyName: 'WILLOW', givenName: 'Wren', aboRh: 'O+', weightKg: 61 },
  takesDonor: true,
  donors: [],
  today: '2026-12-06',
};

const typingOnRecord = {
  id: '00000000-0000-4000-8000-0000000000b1',
  patientId: PATIENT,
  version: 1,
  glString: TYPING,
  source: 'entered' as const,
  hmlFileName: null,
  hmlSampleId: null,
  lab: null,
  typingDate: null,
  release: null,
  methods: null,
  recordedBy: 'hla',
  recordedAt: '2026-11-02T09:00:00.000Z',
};

const frequencySets = {
  sets: [
    {
      id: '00000000-0000-4000-8000-0000000000c9',
      name: 'CAU',
      population: 'CAU',
      populations: ['CAU'],
      loci: ['A', 'C', 'B', 'DRB1', 'DQB1'],
      resolution: 'G' as const,
      haplotypeCount: 10_000,
      originalSum: 1,
      sha256: 'ab'.repeat(32),
      importedBy: 'admin',
      importedAt: '2026-11-01T09:00:00.000Z',
      isCentreDefault: true,
    },
    { ...frequencySetsEntry('EUR-2026'), isCentreDefault: false },
  ],
  centreDefault: 'CAU',
};
function frequencySetsEntry(name: string) {
  return {
    id: '00000000-0000-4000-8000-0000000000ca',
    name,
    population: null,
    populations: ['EUR'],
    loci: ['A', 'C', 'B', 'DRB1', 'DQB1'],
    resolution: 'G' as const,
    haplotypeCount: 12_000,
    originalSum: 1,
    sha256: 'cd'.repeat(32),
    importedBy: 'admin',
    importedAt: '2026-11-03T09:00:00.000Z',
  };
}

const ready: DonorRegistryStatus = {
  state: 'ready',
  release: '3.58.0',
  donors: 100_000,
  threads: 2,
  loadedAt: '2026-12-06T08:00:00.000Z',
  loadSeconds: 3,
  synthetic: true,
};

const saved: DonorSearchSummary = {
  id: SEARCH,
  episodeId: EPISODE,
  patientTyping: TYPING,
  criteria: {
    loci: 10,
    maxMismatches: 1,
    donorKinds: ['adult'],
    levels: { A: 'antigen' },
    frequencySet: 'EUR-2026',
    frequencySetSha256: 'cd'.repeat(32),
    rankBy: 'probability',
    referenceYear: 2026,
    patientAbo: 'O',
    patientAboFrom: 'patient-record',
  },
  release: '3.58.0',
  total: 1,
  stored: 1,
  createdBy: 'coordinator',
  createdAt: '2026-12-06T10:00:00.000Z',
};

const locus = (l: string, grades: ('definite' | 'potential')[]) => ({
  locus: l,
  level: l === 'A' ? ('antigen' as const) : ('allele' as const),
  typed: 'typed' as const,
  donorTyping: `${l}*01:XX`,
  grades,
  mismatches: 0,
  potential: grades.filter((g) => g === 'potential').length,
  gvh: 0,
  hvg: 0,
});

const hit: DonorHitSummary = {
  rank: 1,
  donorId: 'DEMO00000042',
  registry: 'DEMO',
  kind: 'adult',
  sex: 'M',
  age: 31,
  abo: 'O',
  rh: '+',
  cmv: 'neg',
  availability: 'available',
  mismatches: 0,
  potential: 1,
  loci: [locus('A', ['definite', 'definite']), locus('B', ['definite', 'potential'])],
  dpb1: 'permissive',
  cord: null,
  probability: {
    frequencySet: 'EUR-2026',
    score: 0.873,
    p10: 0.873,
    p9plus: 0.991,
    p8of8: 0.9,
    loci: { A: 1, B: 0.873 },
    unaccountedMass: 0,
    definite: false,
  },
};

function mockPage({ searches = [saved], hits = [hit] }: { searches?: DonorSearchSummary[]; hits?: DonorHitSummary[] }) {
  server.use(
    http.get(`${API}/episodes/${EPISODE}/donors`, () => HttpResponse.json(episode)),
    http.get(`${API}/patients/${PATIENT}/hla`, () =>
      HttpResponse.json({ current: typingOnRecord, versions: [typingOnRecord] })
    ),
    http.get(`${API}/frequency-sets`, () => HttpResponse.json(frequencySets)),
    http.get(`${API}/donor-registry`, () => HttpResponse.json(ready)),
    http.get(`${API}/episodes/${EPISODE}/donor-searches`, () => HttpResponse.json(searches)),
    http.get(`${API}/donor-searches/${SEARCH}/results`, () =>
      HttpResponse.json({ search: saved, offset: 0, limit: 50, stored: hits.length, hits })
    )
  );
}

describe('Donor search page', () => {
  it('shows the ranked hits with P(10/10), P(≥9/10) and per-locus probabilities, and the export links', async () => {
    mockPage({});
    await renderPage(<DonorSearchPage />, { url, path, roles: ['coordinator'] });
    const table = await screen.findByRole('table', { name: 'Donor search results' }, { timeout: 10_000 });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('DEMO00000042');
    expect(row.textContent).toContain('87.3 %'); // P(10/10)
    expect(row.textContent).toContain('99.1 %'); // P(≥9/10)
    expect(
      within(row)
        .getAllByLabelText('probability the locus matches')
        .map((e) => e.textContent)
    ).toEqual(['100.0 %', '87.3 %']);
    expect(screen.getByText(/Probabilities from haplotype frequency set EUR-2026/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      `/api/v1/donor-searches/${SEARCH}/export?format=csv`
    );
    expect(document.body.textContent).toContain('10/10 ≤1 MM · A antigen · ABO O (record) · by probability (EUR-2026)');
  });

  it('prefills the typing from the record and sends the chosen set, ranking, per-locus limit and level', async () => {
    mockPage({ searches: [] });
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE}/donor-searches`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(saved, { status: 201 });
      })
    );
    await renderPage(<DonorSearchPage />, { url, path, roles: ['coordinator'] });
    const form = await screen.findByRole('region', { name: 'New donor search' });
    await waitFor(
      () => expect(within(form).getByLabelText<HTMLTextAreaElement>(/Patient HLA typing/).value).toBe(TYPING),
      { timeout: 10_000 }
    );
    expect(await screen.findByText('No donor search has been made for this episode yet.')).toBeTruthy();
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Haplotype frequency set' }), 'EUR-2026');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Max mismatches DRB1' }), '0');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Level A' }), 'antigen');
    const maxMm = within(form).getByRole('textbox', { name: 'Max mismatches' });
    await userEvent.clear(maxMm);
    await userEvent.type(maxMm, '1');
    await userEvent.click(within(form).getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(sent).not.toBeNull(), { timeout: 10_000 });
    expect(sent).toEqual({
      patientTyping: TYPING,
      criteria: {
        loci: 10,
        maxMismatches: 1,
        donorKinds: ['adult'],
        weightKg: 61,
        maxMismatchesPerLocus: { DRB1: 0 },
        levels: { A: 'antigen' },
        frequencySet: 'EUR-2026',
        rankBy: 'probability',
      },
    });
    expect(csrf).toBe('test-csrf-token');
  });

  it('says so when no donor meets the criteria', async () => {
    mockPage({ hits: [] });
    await renderPage(<DonorSearchPage />, { url, path, roles: ['coordinator'] });
    expect(await screen.findByText(/No donor meets these criteria/, {}, { timeout: 10_000 })).toBeTruthy();
  });

  it('shows the server’s words when the search is refused, naming the field', async () => {
    mockPage({ searches: [] });
    server.use(
      http.post(`${API}/episodes/${EPISODE}/donor-searches`, () =>
        problem(400, 'The request is not valid.', [
          { path: 'criteria.frequencySet', message: "there is no frequency set named 'EUR-2026'" },
        ])
      )
    );
    await renderPage(<DonorSearchPage />, { url, path, roles: ['coordinator'] });
    const form = await screen.findByRole('region', { name: 'New donor search' });
    await waitFor(
      () => expect(within(form).getByLabelText<HTMLTextAreaElement>(/Patient HLA typing/).value).toBe(TYPING),
      { timeout: 10_000 }
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Search' }));
    const alert = await within(form).findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('The request is not valid.');
    expect(alert.textContent).toContain("There is no frequency set named 'EUR-2026'");
  });

  it('says when donor search is offline, and never tells the physician to run a command', async () => {
    mockPage({ searches: [] });
    server.use(
      http.get(`${API}/donor-registry`, () =>
        HttpResponse.json({
          state: 'unavailable',
          reason: 'offline',
          message: 'The HLA reference data could not be downloaded (no internet connection).',
        })
      )
    );
    await renderPage(<DonorSearchPage />, { url, path, roles: ['physician'] });
    expect(await screen.findByText(/could not be downloaded \(no internet connection\)/)).toBeTruthy();
    expect(screen.queryByText(/engraft hla/i)).toBeNull();
  });

  it('shows the server’s words when the saved searches cannot be read', async () => {
    mockPage({});
    server.use(
      http.get(`${API}/episodes/${EPISODE}/donor-searches`, () => problem(403, 'Your role cannot read donor searches.'))
    );
    await renderPage(<DonorSearchPage />, { url, path, roles: ['nurse'] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the saved searches');
    expect(alert.textContent).toContain('Your role cannot read donor searches.');
  });
});
