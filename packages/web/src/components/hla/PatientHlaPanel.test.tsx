import type { PatientHlaTyping } from '@engraft/domain';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { PatientHlaPanel } from './PatientHlaPanel';

const PATIENT = '00000000-0000-4000-8000-0000000000a1';
const typing = (version: number, over: Partial<PatientHlaTyping> = {}): PatientHlaTyping => ({
  id: `00000000-0000-4000-8000-00000000010${version}`,
  patientId: PATIENT,
  version,
  glString: 'HLA-A*01:01+HLA-A*02:01^HLA-B*08:01+HLA-B*07:02^HLA-DRB1*03:01',
  source: 'hml',
  hmlFileName: 'patient.hml',
  hmlSampleId: 'S-1',
  lab: 'Tissue typing lab',
  typingDate: '2026-11-30',
  release: '3.58.0',
  methods: 'sbt-ngs',
  recordedBy: 'hla.scientist',
  recordedAt: '2026-12-01T09:00:00.000Z',
  ...over,
});
const answer = (body: object) => server.use(http.get(`${API}/patients/${PATIENT}/hla`, () => HttpResponse.json(body)));
const open = () => renderPage(<PatientHlaPanel patientId={PATIENT} />, { url: '/panel' });

describe('Patient HLA panel', () => {
  it('shows the current typing by locus, where it came from and how many earlier versions there are', async () => {
    answer({ current: typing(2), versions: [typing(2), typing(1, { source: 'entered' })] });
    await open();
    const table = await screen.findByRole('table', { name: 'HLA typing by locus' });
    const b = within(table).getByRole('row', { name: /^B\b/ });
    expect(
      within(b)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    ).toEqual(['HLA-B*08:01', 'HLA-B*07:02']);
    // one position written: the second column says so instead of staying blank
    const drb1 = within(table).getByRole('row', { name: /^DRB1\b/ });
    expect(
      within(drb1)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    ).toEqual(['HLA-DRB1*03:01', '—']);
    expect(
      screen.getByText(
        'Version 2 · HML file patient.hml, sample S-1 · Tissue typing lab · typed 30 Nov 2026 · IPD-IMGT/HLA 3.58.0 · sbt-ngs · recorded by hla.scientist · 1 earlier version(s)'
      )
    ).toBeTruthy();
  });

  it('says when no typing is recorded', async () => {
    answer({ current: null, versions: [] });
    await open();
    expect(await screen.findByText('No HLA typing recorded.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the server’s words when the typing cannot be read', async () => {
    server.use(
      http.get(`${API}/patients/${PATIENT}/hla`, () =>
        problem(403, 'Your role may not read HLA typings of this centre.')
      )
    );
    await open();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the HLA typing');
    expect(alert.textContent).toContain('Your role may not read HLA typings of this centre.');
  });

  it('refuses (in test builds) an answer that does not match its @engraft/domain schema, naming the path', async () => {
    answer({ current: { ...typing(1), version: 'one' }, versions: [] });
    await open();
    expect((await screen.findByRole('alert')).textContent).toContain(
      'the answer of GET /patients/00000000-0000-4000-8000-0000000000a1/hla does not match its schema at current.version'
    );
  });
});
