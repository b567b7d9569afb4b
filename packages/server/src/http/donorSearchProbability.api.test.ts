import { readFileSync } from 'node:fs';
import { typingToGl } from '@engraft/donors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticDonorRegistry } from '../services/donorRegistry';
import { sharedData } from '../../../donors/src/testing/engine';
import { allogeneicEpisode } from '../testing/allogeneicEpisode';
import { cauRegistry } from '../testing/cauRegistry';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

// Issue 16 §2: searches ranked by match probability with the centre's frequency set (CAU, ../shared/data).
const { engine, index, twin } = cauRegistry();
const patientTyping = typingToGl(twin.typing);

type Probability = { frequencySet: string; score: number; p10: number; p9plus: number; loci: Record<string, number> };
type Hit = { rank: number; donorId: string; mismatches: number; potential: number; probability?: Probability | null };
type Problem = { errors: { path: string; message: string }[] };

describe.each(DRIVERS)('donor search ranked by probability (%s)', (driver) => {
  let t: TestContext;
  let physician: ReturnType<typeof as>;
  let episodeId = '';
  beforeAll(async () => {
    t = await createTestApp(driver, { donors: staticDonorRegistry({ engine, index }) });
    physician = as(t.app, await signIn(t.app, 'physician'));
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    episodeId = await allogeneicEpisode(coord, {
      patient: { mrn: 'PROB-1', familyName: 'Probability', givenName: 'Pat', dateOfBirth: '1980-04-04', sex: 'female' },
      diagnosis: { disease: 'ALL', diagnosisDate: '2025-11-01', status: 'relapse' },
      plannedDayZero: '2026-05-01',
    });
  });
  afterAll(() => t.close());

  it('without a frequency set ranks by grades, and refuses ranking by probability naming the field', async () => {
    const grades = await physician.post(`/api/v1/episodes/${episodeId}/donor-searches`, { patientTyping });
    expect(grades.statusCode, grades.body).toBe(201);
    expect(grades.json<{ criteria: { rankBy: string } }>().criteria.rankBy).toBe('grades');
    const refused = await physician.post(`/api/v1/episodes/${episodeId}/donor-searches`, {
      patientTyping,
      criteria: { rankBy: 'probability' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().errors[0]?.path).toBe('criteria.frequencySet');
  });

  it("ranks by (mismatch class, probability) with the centre's default set; the explanation shows genotypes", async () => {
    const hla = as(t.app, await signIn(t.app, 'hla'));
    const imported = await hla.post('/api/v1/frequency-sets', {
      name: 'CAU',
      contentBase64: readFileSync(sharedData('freqs/CAU.freqs.gz')).toString('base64'),
    });
    expect(imported.statusCode, imported.body).toBe(201);

    const res = await physician.post(`/api/v1/episodes/${episodeId}/donor-searches`, {
      patientTyping,
      criteria: { loci: 10, maxMismatches: 2 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<{ id: string; total: number; criteria: Record<string, unknown> }>();
    expect(s.criteria).toMatchObject({ rankBy: 'probability', frequencySet: 'CAU' });
    expect(s.criteria.frequencySetSha256).toMatch(/^[0-9a-f]{64}$/);

    const hits = (await physician.get(`/api/v1/donor-searches/${s.id}/results?offset=0&limit=200`)).json<{
      hits: Hit[];
    }>().hits;
    expect(hits.length).toBe(Math.min(200, s.total));
    expect(hits[0]?.donorId).toBe(twin.id);
    expect(hits[0]?.probability).toMatchObject({ frequencySet: 'CAU', score: 1, p10: 1, p9plus: 1 });
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1]!, hits[i]!];
      expect(a.mismatches <= b.mismatches, `rank ${b.rank}`).toBe(true);
      if (a.mismatches === b.mismatches && a.probability && b.probability && 'score' in b.probability) {
        expect(a.probability.score + 1e-12).toBeGreaterThanOrEqual(b.probability.score);
      }
    }
    for (const h of hits) {
      if (h.potential === 0 && h.probability && 'score' in h.probability) expect(h.probability.score).toBe(1);
    }
    const ambiguous = hits.find((h) => h.potential > 0 && h.probability && 'score' in h.probability);
    expect(ambiguous?.probability?.score).toBeLessThanOrEqual(1);
    expect(Object.keys(ambiguous?.probability?.loci ?? {}).sort()).toEqual(['A', 'B', 'C', 'DQB1', 'DRB1']);

    const why = await physician.get(
      `/api/v1/donor-searches/${s.id}/donors/${encodeURIComponent(ambiguous!.donorId)}/explanation`
    );
    expect(why.statusCode, why.body).toBe(200);
    const g = why.json<{ genotypes: { frequencySet: string; patient: { probability: number }[]; donor: unknown[] } }>()
      .genotypes;
    expect(g.frequencySet).toBe('CAU');
    expect(g.patient.length).toBeGreaterThan(0);
    expect(g.donor.length).toBeGreaterThan(0);
  });

  it('an unknown set named in the criteria is refused on criteria.frequencySet', async () => {
    const res = await physician.post(`/api/v1/episodes/${episodeId}/donor-searches`, {
      patientTyping,
      criteria: { frequencySet: 'NOPE' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors[0]).toMatchObject({ path: 'criteria.frequencySet' });
  });

  it('exports the stored hits as CSV and PDF for the donor request, audited; nurses may not', async () => {
    const hla = as(t.app, await signIn(t.app, 'hla'));
    const cau = readFileSync(sharedData('freqs/CAU.freqs.gz')).toString('base64');
    const imported = await hla.post('/api/v1/frequency-sets', { name: 'CAU', contentBase64: cau });
    expect([201, 409]).toContain(imported.statusCode); // 409: the test above imported it
    const s = (
      await physician.post(`/api/v1/episodes/${episodeId}/donor-searches`, { patientTyping, criteria: { loci: 10 } })
    ).json<{ id: string; total: number }>();
    const csv = await physician.get(`/api/v1/donor-searches/${s.id}/export?format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="donor-search-.*\.csv"/);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(
      /^rank,donor_id,registry,kind,mismatches,potential,p_10_of_10_pct,p_9plus_of_10_pct,p_8_of_8_pct,/
    );
    expect(lines.length).toBe(1 + Math.min(200, s.total));
    expect(lines[1]).toMatch(new RegExp(`^1,${twin.id},.*,100\\.0,100\\.0,100\\.0,`));
    expect(lines[1]).toMatch(/,CAU,$/);
    const pdf = await physician.get(`/api/v1/donor-searches/${s.id}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const audit = await t.db.query<{ after: { format: string } }>(
      `select after from audit_events where action = 'export' and entity_type = 'donor-search' and entity_id = $1 order by seq`,
      [s.id]
    );
    expect(audit.map((a) => a.after.format)).toEqual(['csv', 'pdf']);
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    expect((await nurse.get(`/api/v1/donor-searches/${s.id}/export`)).statusCode).toBe(403);
    expect((await physician.get(`/api/v1/donor-searches/${s.id}/export?format=xls`)).statusCode).toBe(400);
  });
});
