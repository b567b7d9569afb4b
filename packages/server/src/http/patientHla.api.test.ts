import { DonorIndex } from '@engraft/donors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../donors/src/testing/engine';
import { staticDonorRegistry } from '../services/donorRegistry';
import { addDiagnosis, addEpisode, registerPatient } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

type Client = ReturnType<typeof as>;
type Typing = {
  version: number;
  glString: string;
  source: string;
  hmlFileName: string | null;
  hmlSampleId: string | null;
};
type Problem = { detail: string; errors: { path: string; message: string }[] };

// HML written after the NMDP HML 1.0.1 schema: one sample, one glstring and two DRB1 haploids.
const hml = (sampleId: string, extra = '') => `<?xml version="1.0"?>
<hml xmlns="http://schemas.nmdp.org/spec/hml/1.0.1" version="1.0.1">
  <sample id="${sampleId}">
    <typing gene-family="HLA" date="2025-03-01">
      <allele-assignment allele-db="IPD-IMGT/HLA" allele-version="3.58.0">
        <glstring>HLA-A*01:01+HLA-A*02:01</glstring>
        <haploid locus="HLA-DRB1" method="DNA" type="15:01"/><haploid locus="HLA-DRB1" method="DNA" type="04:01"/>
      </allele-assignment>
      <typing-method><sbt-ngs locus="HLA-A" test-id="T" test-id-source="GTR"/></typing-method>
    </typing>
  </sample>${extra}
</hml>
`;

/** Issue 15: the recipient's own typing, versioned, audited, on the one typing validation path; HML uploads. */
describe.each(DRIVERS)('patient HLA typing and HML uploads (%s)', (driver) => {
  let t: TestContext;
  let hla: Client;
  let patientId = '';
  const count = async (sql: string): Promise<number> => (await t.db.query<{ n: number }>(sql))[0]!.n;

  beforeAll(async () => {
    const engine = testEngine();
    t = await createTestApp(driver, { donors: staticDonorRegistry({ engine, index: new DonorIndex({ engine }) }) });
    hla = as(t.app, await signIn(t.app, 'hla'));
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    patientId = await registerPatient(coord, {
      mrn: 'HLA-P1',
      familyName: 'Typing',
      givenName: 'Pia',
      dateOfBirth: '1975-05-05',
      sex: 'female',
    });
  });
  afterAll(() => t.close());

  it('stores an entered GL string, then an HML sample, as versions 1 and 2 with their sources', async () => {
    const entered = await hla.post(`/api/v1/patients/${patientId}/hla`, {
      glString: 'A*01:01+A*03:01^B*08:01+B*07:02',
      lab: 'Tissue typing lab',
      typingDate: '2025-02-01',
      release: '3.58.0',
    });
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json<Typing>()).toMatchObject({ version: 1, source: 'entered', hmlFileName: null });
    const uploaded = await hla.post(`/api/v1/patients/${patientId}/hla/hml`, {
      fileName: 'lab-2025-03.hml',
      content: hml('PAT-77'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json<Typing>()).toMatchObject({
      version: 2,
      source: 'hml',
      glString: 'A*01:01+A*02:01^DRB1*15:01+DRB1*04:01',
      hmlFileName: 'lab-2025-03.hml',
      hmlSampleId: 'PAT-77',
      release: '3.58.0',
      methods: 'sbt-ngs',
      typingDate: '2025-03-01',
    });
    const history = await hla.get(`/api/v1/patients/${patientId}/hla`);
    expect(history.statusCode).toBe(200);
    const body = history.json<{ current: Typing; versions: Typing[] }>();
    expect(body.current.version).toBe(2);
    expect(body.versions.map((v) => [v.version, v.source])).toEqual([
      [2, 'hml'],
      [1, 'entered'],
    ]);
    expect(
      await count(
        `select count(*)::int as n from audit_events where entity_type = 'patient-hla-typing' and action = 'create'`
      )
    ).toBe(2);
  });

  it('refuses an allele the release does not know, naming glString, and stores nothing', async () => {
    const before = await count('select count(*)::int as n from patient_hla_typings');
    const res = await hla.post(`/api/v1/patients/${patientId}/hla`, { glString: 'A*01:01+A*99:99' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<Problem>().errors[0]).toMatchObject({ path: 'glString' });
    expect(res.json<Problem>().detail).toMatch(/A\*99:99/);
    expect(await count('select count(*)::int as n from patient_hla_typings')).toBe(before);
  });

  it('refuses a bad HML file with its line and element, and a file of several samples without sampleId', async () => {
    const broken = hml('X').replace(/<typing-method>.*<\/typing-method>\n/, '');
    const bad = await hla.post(`/api/v1/patients/${patientId}/hla/hml`, { fileName: 'bad.hml', content: broken });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json<Problem>().errors[0]).toEqual({
      path: 'content',
      message: 'bad.hml: HML line 4, <hml/sample[1]/typing[1]>: typing has no <typing-method>',
    });
    const two = hml('S1', '\n  ' + (/<sample[\s\S]*<\/sample>/.exec(hml('S2'))?.[0] ?? ''));
    const ambiguous = await hla.post(`/api/v1/patients/${patientId}/hla/hml`, { fileName: 'two.hml', content: two });
    expect(ambiguous.statusCode, ambiguous.body).toBe(400);
    expect(ambiguous.json<Problem>().errors[0]).toMatchObject({ path: 'sampleId' });
    const chosen = await hla.post(`/api/v1/patients/${patientId}/hla/hml`, {
      fileName: 'two.hml',
      content: two,
      sampleId: 'S2',
    });
    expect(chosen.statusCode, chosen.body).toBe(201);
    expect(chosen.json<Typing>().hmlSampleId).toBe('S2');
  });

  it('lets only typing writers record, and 404s a patient of no centre of the caller', async () => {
    const auditor = as(t.app, await signIn(t.app, 'auditor'));
    const res = await auditor.post(`/api/v1/patients/${patientId}/hla`, { glString: 'A*01:01+A*02:01' });
    expect(res.statusCode).toBe(403);
    expect((await auditor.get(`/api/v1/patients/${patientId}/hla`)).statusCode).toBe(200);
    const missing = await hla.post('/api/v1/patients/00000000-0000-4000-8000-000000000000/hla', {
      glString: 'A*01:01+A*02:01',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('sets a donor’s typing from an HML upload on the donor typing path', async () => {
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const dx = await addDiagnosis(coord, patientId, { disease: 'AML', diagnosisDate: '2025-10-01', status: 'CR1' });
    const episode = await addEpisode(coord, patientId, dx, { type: 'allogeneic-hct', plannedDayZero: '2026-06-20' });
    const donor = await coord.post(`/api/v1/episodes/${episode}/donors`, {
      kind: 'related',
      relationship: 'sibling',
      match: 'hla-identical',
    });
    expect(donor.statusCode, donor.body).toBe(201);
    const donorId = donor.json<{ id: string }>().id;
    const res = await hla.post(`/api/v1/donors/${donorId}/hla/hml`, { fileName: 'sib.hml', content: hml('SIB-1') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ hlaTyping: string }>().hlaTyping).toBe('A*01:01+A*02:01^DRB1*15:01+DRB1*04:01');
    const bad = await hla.post(`/api/v1/donors/${donorId}/hla/hml`, {
      fileName: 'sib.hml',
      content: hml('SIB-1').replace('A*02:01', 'A*99:99'),
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json<Problem>().detail).toMatch(/A\*99:99/);
  });
});
