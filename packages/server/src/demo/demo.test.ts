// The whole demo, seeded ONCE (a full seed takes tens of seconds on PGlite): the three care journeys are coherent
// and were built through the services (two lab signatures, a second physician), and the pieces on the generated
// patients (sibling donor, lab products, manufacturing orders, a plan awaiting verification) are there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { createHash } from 'node:crypto';
import { DonorIndex, Imputer, parseFrequencySet, RegistryGenerator } from '@engraft/donors';
import { testEngine } from '../../../donors/src/testing/engine';
import { staticDonorRegistry } from '../services/donorRegistry';
import { listFrequencySets } from '../services/frequencySets';
import { builtInDemoDpb1, builtInDemoFrequencies, DEMO_FREQUENCY_SET_NAME } from './demoHaplotypes';
import { DEMO_ALLO_TYPING, seedDemoSearch } from './demoSearch';
import { DEMO_CENTRE, seedDemo } from './seed';
import { familyDonors } from '../services/familyAnalysis';
import { DEMO_FAMILY } from './syntheticFamily';
import { DEMO_JOURNEYS } from './syntheticJourneys';

const TODAY = '2026-03-15';

describe('demo programme', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    await seedDemo(db, TODAY);
  }, 240_000);
  afterAll(() => db.close());

  /** The journey patient's episode, its products and plans. */
  async function journey(mrn: string) {
    const [e] = await db.query<{ id: string; type: string; phase: string; planned: string; actual: string | null }>(
      `select e.id, e.type, e.phase, e.planned_day_zero::text as planned, e.actual_day_zero::text as actual from episodes e join patients p on p.id = e.patient_id where p.mrn = $1`,
      [mrn]
    );
    const products = await db.query<{
      din: string;
      product_code: string;
      status: string;
      sterility: string;
      rq: string | null;
      rl: string | null;
      kind: string;
      coi: string | null;
    }>(
      `select p.din, p.product_code, p.status, p.sterility, rq.username as rq, rl.username as rl, p.kind, p.coi from products p
       left join users rq on rq.id = p.release_requested_by left join users rl on rl.id = p.released_by where p.episode_id = $1 order by p.din`,
      [e!.id]
    );
    const plans = await db.query<{ template_id: string; status: string; pu: string; vu: string | null }>(
      `select c.template_id, c.status, pu.username as pu, vu.username as vu from conditioning_plans c join users pu on pu.id = c.prescribed_by left join users vu on vu.id = c.verified_by where c.episode_id = $1`,
      [e!.id]
    );
    return { episode: e!, products, plans };
  }

  it('journey 1: autologous myeloma, two apheresis days to the tandem target, bag 1 released by two lab users and thawed, Mel200 verified', async () => {
    const j = await journey(DEMO_JOURNEYS.auto.mrn);
    expect(j.episode).toMatchObject({ type: 'autologous-hct', phase: 'conditioning', planned: TODAY, actual: null });
    expect(j.products.map((p) => [p.din, p.product_code, p.status])).toEqual([
      ['W000026900001', 'S1398', 'thawed'],
      ['W000026900011', 'S1398', 'stored'],
    ]);
    expect(j.products[0]).toMatchObject({ sterility: 'negative', rq: 'lab', rl: 'lab2' });
    expect(j.plans).toEqual([{ template_id: 'mel200@1', status: 'active', pu: 'physician', vu: 'physician2' }]);
    const [col] = await db.query<{ status: string; n: number }>(
      `select c.status, (select count(*)::int from collection_days d where d.collection_id = c.id) as n from collections c where c.episode_id = $1`,
      [j.episode.id]
    );
    expect(col).toEqual({ status: 'complete', n: 2 });
  });

  it('journey 2: CAR-T with leukapheresis shipped, one order received with CoI and custody, Flu/Cy verified, product released and thawed', async () => {
    const j = await journey(DEMO_JOURNEYS.cart.mrn);
    expect(j.episode).toMatchObject({ type: 'car-t', phase: 'conditioning', actual: null });
    expect(j.products.map((p) => [p.kind, p.status])).toEqual([
      ['car-t', 'thawed'],
      ['mnc-apheresis', 'shipped'],
    ]);
    expect(j.products[0]).toMatchObject({ din: 'W000026900002', product_code: 'S2200', rq: 'lab', rl: 'lab2' });
    const orders = await db.query<{ status: string; coi: string; n: number }>(
      `select o.status, o.coi, (select count(*)::int from custody_events c where c.order_id = o.id) as n from manufacturing_orders o where o.episode_id = $1`,
      [j.episode.id]
    );
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ status: 'received', n: 5 });
    expect(j.products[0]!.coi).toBe(orders[0]!.coi);
    expect(j.plans).toEqual([
      { template_id: 'cart-flu30-cy500@1', status: 'active', pu: 'physician', vu: 'physician2' },
    ]);
  });

  it('journey 3: allogeneic from an unrelated registry donor, collected, fresh bag received and released, Flu/Bu4 verified', async () => {
    const j = await journey(DEMO_JOURNEYS.allo.mrn);
    expect(j.episode).toMatchObject({ type: 'allogeneic-hct', phase: 'conditioning', planned: TODAY, actual: null });
    const donors = await db.query<{ source: string; status: string; registry_donor_id: string | null }>(
      `select * from episode_donors where episode_id = $1`,
      [j.episode.id]
    );
    expect(donors.map((d) => [d.source, d.status, d.registry_donor_id])).toEqual([
      ['unrelated', 'collected', '9981-4402-7'],
    ]);
    expect(j.products).toEqual([
      expect.objectContaining({
        din: 'W000026900003',
        kind: 'hpc-apheresis',
        status: 'released',
        sterility: 'pending',
        rq: 'lab',
        rl: 'lab2',
      }),
    ]);
    expect(j.plans).toEqual([{ template_id: 'flu-bu4@1', status: 'active', pu: 'physician', vu: 'physician2' }]);
  });

  it('no episode has an infused product without day 0, nor two open manufacturing orders', async () => {
    const infusedNoDay0 = await db.query(
      `select 1 from products p join episodes e on e.id = p.episode_id where p.status = 'infused' and e.actual_day_zero is null`
    );
    expect(infusedNoDay0).toHaveLength(0);
    const twoOrders = await db.query(
      `select episode_id from manufacturing_orders where status not in ('cancelled') group by episode_id having count(*) > 1`
    );
    expect(twoOrders).toHaveLength(0);
  });

  it('seeds manufacturing orders through the services: received ones, the in-house trial order in manufacturing', async () => {
    const orders = await db.query<{ status: string; coi: string; n: number }>(
      `select o.status, o.coi, (select count(*)::int from custody_events c where c.order_id = o.id) as n from manufacturing_orders o order by o.status, o.coi`
    );
    expect(orders.map((o) => o.status)).toEqual(['in-manufacturing', 'received', 'received', 'received', 'received']);
    expect(orders[0]!.n).toBe(3);
    // Received products: infused on the episodes past day 0 (through the bedside check), waiting on the others.
    const received = await db.query<{ past: boolean; status: string }>(
      `select (e.actual_day_zero is not null) as past, p.status from manufacturing_orders o join episodes e on e.id = o.episode_id join products p on p.id = o.received_product_id`
    );
    for (const r of received) expect(r.status === 'infused').toBe(r.past);
    const infusions = await db.query<{ cu: string; pu: string }>(
      `select cu.username as cu, pu.username as pu from infusions i join bedside_checks b on b.id = i.bedside_check_id join users pu on pu.id = b.performed_by join users cu on cu.id = b.confirmed_by`
    );
    expect(infusions.length).toBeGreaterThan(0);
    for (const i of infusions) expect([i.pu, i.cu]).toEqual(['nurse', 'physician']);
    expect(orders.every((o) => /^CHW999926[0-9A-Z]{6}$/.test(o.coi))).toBe(true);
  });

  it('keeps the generated patients’ pieces: a sibling donor medically cleared, a plan awaiting verification, the lab’s working day', async () => {
    const sib = await db.query(
      `select 1 from episode_donors where source = 'related' and status = 'medically-cleared'`
    );
    expect(sib).toHaveLength(1);
    const plans = await db.query<{ template_id: string; status: string }>(
      `select template_id, status from conditioning_plans order by template_id`
    );
    expect(plans).toEqual([
      { template_id: 'cart-flu30-cy500@1', status: 'active' },
      { template_id: 'flu-bu4@1', status: 'active' },
      { template_id: 'flu-mel140@1', status: 'draft' },
      { template_id: 'mel200@1', status: 'active' },
    ]);
    const lab = await db.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from products where din like 'W999926500%' group by status order by status`
    );
    expect(lab).toEqual([
      { status: 'collected', n: 2 },
      { status: 'released', n: 1 },
      { status: 'stored', n: 3 },
    ]);
  });

  it('seeds the family work-up: SYN-FAM-01 with two parents, three siblings typed, a DSA on the haploidentical sister', async () => {
    const [p] = await db.query<{ id: string; centre_id: string }>(`select id, centre_id from patients where mrn = $1`, [
      DEMO_FAMILY.mrn,
    ]);
    const actor = { userId: null, username: 'demo-test', centreId: p!.centre_id };
    const view = await db.transaction((tx) => familyDonors(tx, actor, p!.id, undefined, null, TODAY));
    const by = (first: string) => view.ranked.find((r) => r.name.startsWith(first))!;
    expect(view.ranked.map((r) => [r.name.split(' ')[0], r.match])).toEqual([
      ['Ben', 'haploidentical'],
      ['Frank', 'haploidentical'],
      ['Sara', 'haploidentical'],
      ['Maria', 'haploidentical'],
      ['Tom', 'mismatched'],
    ]);
    expect(by('Sara').dsa).toMatchObject({
      worst: 'strong',
      hits: [{ specificity: 'A*24:02', certainty: 'definite' }],
    });
    expect(by('Ben').dsa).toEqual({ hits: [], worst: null });
    expect(view.antibodyTest?.testedOn).toBe('2026-03-05');
  });

  it('stores the demo frequency set DEMO-synthetic: a real set (sum ≤ 1), the centre default, audited, explaining WILLOW', async () => {
    const [centre] = await db.query<{ id: string }>('select id from centres where name = $1', [DEMO_CENTRE]);
    const text = builtInDemoFrequencies();
    const { sets, centreDefault } = await listFrequencySets(db, centre!.id);
    expect(centreDefault).toBe(DEMO_FREQUENCY_SET_NAME);
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({
      name: 'DEMO-synthetic',
      populations: ['DEMO'],
      loci: ['A', 'C', 'B', 'DRB1', 'DQB1'],
      haplotypeCount: 24,
      sha256: createHash('sha256').update(text).digest('hex'),
      importedBy: 'demo-seeder',
      isCentreDefault: true,
    });
    expect(sets[0]!.originalSum).toBeCloseTo(0.215, 10);
    const set = parseFrequencySet(text);
    expect(set.populations.map((p) => p.originalSum)).toEqual([sets[0]!.originalSum]);
    const audit = await db.query<{ actor: string; action: string; after: { name: string; isCentreDefault: boolean } }>(
      `select actor, action, after from audit_events where entity_type = 'frequency-set'`
    );
    expect(audit).toEqual([
      {
        actor: 'demo-seeder',
        action: 'create',
        after: expect.objectContaining({ name: 'DEMO-synthetic', isCentreDefault: true }),
      },
    ]);
    // WILLOW is A1-B8-DR3 / A3-B7-DR15: one genotype of the set explains the typing, with certainty.
    const imputed = new Imputer({ set, engine: testEngine(), population: 'DEMO' }).impute(DEMO_ALLO_TYPING);
    // Only expression variants the 2-field names also cover (A*01:01L, A*03:01Q…) are absent from the set.
    expect(imputed.unrepresented.length).toBeGreaterThan(0);
    expect(imputed.unrepresented.filter((n) => !/[LQNS]$/.test(n))).toEqual([]);
    expect(imputed.genotypes).toEqual([
      {
        haplotypes: ['A*01:01~C*07:01~B*08:01~DRB1*03:01~DQB1*02:01', 'A*03:01~C*07:02~B*07:02~DRB1*15:01~DQB1*06:02'],
        probability: expect.closeTo(1, 12),
      },
    ]);
  });

  it('journey 3 searches: WILLOW has an HLA typing in the record, and a saved search once the registry is ready', async () => {
    const typings = await db.query<{ version: number; gl_string: string; source: string }>(
      `select t.version, t.gl_string, t.source from patient_hla_typings t join patients p on p.id = t.patient_id where p.mrn = $1`,
      [DEMO_JOURNEYS.allo.mrn]
    );
    expect(typings).toEqual([{ version: 1, gl_string: DEMO_ALLO_TYPING, source: 'entered' }]);
    const engine = testEngine();
    const generator = new RegistryGenerator({
      engine,
      freqs: builtInDemoFrequencies(),
      ciwd: builtInDemoDpb1(),
      seed: 16,
      idPrefix: 'DEMO',
    });
    const index = new DonorIndex({ engine });
    index.add(Array.from({ length: 2_000 }, () => generator.next()));
    const registry = staticDonorRegistry({ engine, index });
    expect(await seedDemoSearch(db, registry, TODAY)).toBe(true);
    expect(await seedDemoSearch(db, registry, TODAY)).toBe(false); // once: a second start adds none
    const searches = await db.query<{
      total: number;
      by: string;
      set: string;
      first: { mismatches: number; probability: { p10: number; set: string } | null };
    }>(
      `select s.total, u.username as by, s.criteria->>'frequencySet' as set,
         (select r.summary from donor_search_results r where r.search_id = s.id and r.rank = 1) as first
         from donor_searches s join episodes e on e.id = s.episode_id join patients p on p.id = e.patient_id
         join users u on u.id = s.created_by where p.mrn = $1`,
      [DEMO_JOURNEYS.allo.mrn]
    );
    expect(searches).toHaveLength(1);
    expect(searches[0]!.by).toBe('coordinator');
    expect(searches[0]!.total).toBeGreaterThan(10);
    expect(searches[0]!.first.mismatches).toBe(0);
    // Ranked by probability with the demo set, the centre's default.
    expect(searches[0]!.set).toBe('DEMO-synthetic');
    expect(searches[0]!.first.probability?.p10).toBeGreaterThan(0);
  });
});
