import { DonorIndex } from '@engraft/donors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../donors/src/testing/engine';
import { staticDonorRegistry } from '../services/donorRegistry';
import { allogeneicEpisode } from '../testing/allogeneicEpisode';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

type Client = ReturnType<typeof as>;
const MALFORMED = ['A*:01', 'A*01::01', 'A*01:01+A*:01^B*08:01', 'A*01:01:01:01:01'];

function alloEpisodeOf(coord: Client): Promise<string> {
  return allogeneicEpisode(coord, {
    patient: { mrn: 'HLA-1', familyName: 'Typing', givenName: 'Tia', dateOfBirth: '1980-02-02', sex: 'female' },
    diagnosis: { disease: 'AML', diagnosisDate: '2025-10-01', status: 'CR1' },
    plannedDayZero: '2026-06-20',
  });
}

/** Issue 14 item 9: donor records validate typings on the same path as donor search; nothing invalid is stored. */
describe.each(DRIVERS)('donor typings with the nomenclature release loaded (%s)', (driver) => {
  let t: TestContext;
  let coord: Client;
  let episode = '';
  const stored = async (): Promise<number> =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from episode_donors'))[0]!.n;

  beforeAll(async () => {
    const engine = testEngine();
    t = await createTestApp(driver, { donors: staticDonorRegistry({ engine, index: new DonorIndex({ engine }) }) });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    episode = await alloEpisodeOf(coord);
  });
  afterAll(() => t.close());

  it.each([...MALFORMED, 'A*99:99', 'A*01:01+A*99:99^B*08:01'])(
    'refuses %s on a related, unrelated and cord donor with 400 naming hlaTyping, storing nothing',
    async (typing) => {
      const before = await stored();
      for (const body of [
        { kind: 'related', relationship: 'sibling', match: 'hla-identical', hlaTyping: typing },
        { kind: 'unrelated', registryDonorId: 'U-1', hlaTyping: typing, cmv: 'negative' },
        { kind: 'cord', registryDonorId: 'C-1', hlaTyping: typing },
      ]) {
        const res = await coord.post(`/api/v1/episodes/${episode}/donors`, body);
        expect(res.statusCode, `${body.kind} ${res.body}`).toBe(400);
        expect(res.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
          path: 'hlaTyping',
        });
      }
      expect(await stored()).toBe(before);
    }
  );

  it('accepts a valid typing and refuses an unknown allele when the typing is completed later', async () => {
    const ok = await coord.post(`/api/v1/episodes/${episode}/donors`, {
      kind: 'related',
      relationship: 'sibling',
      match: 'haploidentical',
      hlaTyping: 'A*01:01+A*03:01^B*08:01',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json<{ id: string }>().id;
    const bad = await coord.send('PATCH', `/api/v1/donors/${id}`, { hlaTyping: 'A*01:01+A*99:99' });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json<{ detail: string }>().detail).toMatch(/A\*99:99/);
    const [row] = await t.db.query<{ hla_typing: string }>('select hla_typing from episode_donors where id = $1', [id]);
    expect(row!.hla_typing).toBe('A*01:01+A*03:01^B*08:01');
  });
});

describe('donor typings without a nomenclature release (registry not loaded)', () => {
  let t: TestContext;
  let coord: Client;
  let episode = '';
  beforeAll(async () => {
    t = await createTestApp('pglite');
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    episode = await alloEpisodeOf(coord);
  });
  afterAll(() => t.close());

  it.each(MALFORMED)('still refuses the malformed name %s (syntax check)', async (typing) => {
    const res = await coord.post(`/api/v1/episodes/${episode}/donors`, {
      kind: 'related',
      relationship: 'sibling',
      match: 'hla-identical',
      hlaTyping: typing,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('hlaTyping');
  });
});
