import { DEFAULT_FAMILY_SETTINGS, type FamilyDonors, type Pedigree } from '@engraft/domain';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PATIENT_ID, patientRecord } from '../../components/patient/testFixtures';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { FamilyPage } from './FamilyPage';
import { untypedSegregation } from './testFixtures';

const pedigree: Pedigree = { patientTyping: null, relatives: [] };
const segregation = untypedSegregation;
const donors: FamilyDonors = {
  antibodyTest: null,
  thresholds: DEFAULT_FAMILY_SETTINGS.thresholds,
  ranked: [],
  unrelated: [],
  recipient: { sex: 'female', aboRh: 'A+', cmv: 'unknown' },
  warnings: ['Type the patient first: no haplotype can be assigned without it.'],
  decisions: [],
};

/** The five reads of the page; every request path kept. */
function serveFamily(paths: string[]) {
  const base = `${API}/patients/${PATIENT_ID}`;
  const keep =
    (json: object) =>
    ({ request }: { request: Request }) => {
      paths.push(new URL(request.url).pathname + new URL(request.url).search);
      return HttpResponse.json(json);
    };
  server.use(
    http.get(base, keep(patientRecord())),
    http.get(`${base}/family`, keep(pedigree)),
    http.get(`${base}/family/segregation`, keep(segregation)),
    http.get(`${base}/family/antibodies`, keep({ tests: [] })),
    http.get(`${base}/family/donors`, keep(donors))
  );
}

describe('FamilyPage', () => {
  it('reads the record, then the pedigree, segregation, antibodies and the ranking for the allogeneic episode', async () => {
    const paths: string[] = [];
    serveFamily(paths);
    await renderPage(<FamilyPage />, { url: `/patients/${PATIENT_ID}/family`, path: '/patients/:patientId/family' });
    expect(await screen.findByRole('heading', { name: 'Family work-up' })).toBeTruthy();
    expect(screen.getByText('Type the patient first: no haplotype can be assigned without it.')).toBeTruthy();
    await waitFor(() => expect(paths).toHaveLength(5));
    expect(paths[0]).toBe(`/api/v1/patients/${PATIENT_ID}`);
    expect(paths.find((p) => p.includes('/family/donors'))).toMatch(/\?episodeId=|\/donors$/);
  });

  it('says the patient is not found on a 404', async () => {
    server.use(http.get(`${API}/patients/${PATIENT_ID}`, () => problem(404, 'There is no patient with this id.')));
    await renderPage(<FamilyPage />, { url: `/patients/${PATIENT_ID}/family`, path: '/patients/:patientId/family' });
    expect(await screen.findByText('Patient not found')).toBeTruthy();
    expect(screen.getByText('There is no patient with this id.')).toBeTruthy();
  });

  it("shows the server's message when a part of the work-up cannot be read", async () => {
    serveFamily([]);
    server.use(http.get(`${API}/patients/${PATIENT_ID}/family/segregation`, () => problem(500, 'Segregation failed.')));
    await renderPage(<FamilyPage />, { url: `/patients/${PATIENT_ID}/family`, path: '/patients/:patientId/family' });
    expect(await screen.findByText('Could not load the family work-up')).toBeTruthy();
    expect(screen.getByText('Segregation failed.')).toBeTruthy();
  });
});
