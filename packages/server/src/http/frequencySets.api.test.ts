import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../donors/src/testing/engine';
import { loadFrequencySet } from '../services/frequencySets';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

type Client = ReturnType<typeof as>;
type Problem = { detail: string; errors: { path: string; message: string }[] };
type Summary = { name: string; loci: string[]; haplotypeCount: number; sha256: string; isCentreDefault: boolean };

const CAU = readFileSync(sharedData('freqs/CAU.freqs.gz'));
const b64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');
const SMALL = 'A*01:01~B*08:01,EUR,0.6\nA*02:01~B*44:02,EUR,0.3\nA*02:01~B*07:02,AFR,0.5\n';

/** Issue 16 §1: frequency sets stored on the server, imported by admin/HLA staff, listed for searchers. */
describe.each(DRIVERS)('frequency sets (%s)', (driver) => {
  let t: TestContext;
  let hla: Client;
  beforeAll(async () => {
    t = await createTestApp(driver);
    hla = as(t.app, await signIn(t.app, 'hla'));
  });
  afterAll(() => t.close());

  it('imports the CAU set (gzip), makes it the centre default, audits it and lists it', async () => {
    const res = await hla.post('/api/v1/frequency-sets', { name: 'CAU', contentBase64: b64(CAU) });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<Summary & { originalSum: number; resolution: string }>();
    expect(s.loci).toEqual(['A', 'C', 'B', 'DRB1', 'DQB1']);
    expect(s.haplotypeCount).toBeGreaterThan(1000);
    expect(s.originalSum).toBeCloseTo(0.99669, 4);
    expect(s.resolution).toBe('2-field');
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.isCentreDefault).toBe(true);

    const list = await as(t.app, await signIn(t.app, 'physician')).get('/api/v1/frequency-sets');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ centreDefault: string; sets: Summary[] }>()).toMatchObject({
      centreDefault: 'CAU',
      sets: [{ name: 'CAU', isCentreDefault: true }],
    });
    const audit = await t.db.query<{ after: { name: string } }>(
      `select after from audit_events where entity_type = 'frequency-set' and action = 'create'`
    );
    expect(audit.map((a) => a.after.name)).toEqual(['CAU']);

    const loaded = await loadFrequencySet(t.db, 'CAU');
    expect(loaded.set.haplotypes.length).toBe(s.haplotypeCount);
    expect(loaded.population).toBe('1');
  });

  it('a second set (plain text) is not the default unless asked; one population must be named', async () => {
    const several = await hla.post('/api/v1/frequency-sets', { name: 'mixed', contentBase64: b64(SMALL) });
    expect(several.statusCode).toBe(400);
    expect(several.json<Problem>().errors[0]).toMatchObject({ path: 'population' });
    expect(several.json<Problem>().detail).toMatch(/several populations \(EUR, AFR\)/);

    const absent = await hla.post('/api/v1/frequency-sets', {
      name: 'mixed',
      population: 'ASI',
      contentBase64: b64(SMALL),
    });
    expect(absent.json<Problem>().detail).toMatch(/'ASI' is not in the file/);

    const eur = await hla.post('/api/v1/frequency-sets', {
      name: 'mixed-EUR',
      population: 'EUR',
      contentBase64: b64(gzipSync(SMALL)),
    });
    expect(eur.statusCode, eur.body).toBe(201);
    expect(eur.json<Summary>()).toMatchObject({ haplotypeCount: 2, isCentreDefault: false, loci: ['A', 'B'] });

    const again = await hla.post('/api/v1/frequency-sets', {
      name: 'mixed-EUR',
      population: 'EUR',
      contentBase64: b64(SMALL),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().errors[0]).toMatchObject({ path: 'name' });

    const made = await hla.post('/api/v1/frequency-sets', {
      name: 'mixed-AFR',
      population: 'AFR',
      contentBase64: b64(SMALL),
      makeDefault: true,
    });
    expect(made.json<Summary>().isCentreDefault).toBe(true);
    const list = (await hla.get('/api/v1/frequency-sets')).json<{ centreDefault: string }>();
    expect(list.centreDefault).toBe('mixed-AFR');
  });

  it('refuses a malformed set naming the line, and stores nothing', async () => {
    const bad = 'A*01:01~B*08:01,EUR,0.6\nA*02:01~B*44:02,EUR,zero\nA*02:01~B*07:02,EUR,1.5\n';
    const res = await hla.post('/api/v1/frequency-sets', { name: 'broken', contentBase64: b64(bad) });
    expect(res.statusCode).toBe(400);
    const p = res.json<Problem>();
    expect(p.errors).toEqual([
      { path: 'content', message: "line 2: frequency 'zero' is not a number in (0, 1]" },
      { path: 'content', message: "line 3: frequency '1.5' is not a number in (0, 1]" },
    ]);
    const names = await t.db.query<{ name: string }>(`select name from frequency_sets where name = 'broken'`);
    expect(names).toEqual([]);
    const badName = await hla.post('/api/v1/frequency-sets', { name: '../x', contentBase64: b64(SMALL) });
    expect(badName.json<Problem>().errors[0]?.path).toBe('name');
  });

  it('lets admin and HLA staff import, not physicians', async () => {
    const doc = as(t.app, await signIn(t.app, 'physician'));
    expect((await doc.post('/api/v1/frequency-sets', { name: 'x', contentBase64: b64(SMALL) })).statusCode).toBe(403);
  });
});
