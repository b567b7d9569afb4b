import { type EpisodeType, mod37CheckOf, type PatientCreate, type ProductStatus } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveProductStatus } from '../repo/products';
import { labProduct } from '../testing/labProducts';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, passwordOf, signIn, type TestContext } from '../testing/testApp';

const TODAY = '2026-03-15';
type Finding = { code: string; severity: string; message: string };
type Check = {
  id: string;
  result: 'pass' | 'stop';
  stops: Finding[];
  warnings: Finding[];
  productId: string | null;
  product: { din: string } | null;
  performedBy: string;
  confirmedBy: string | null;
  infusionId: string | null;
};
type Infusion = {
  id: string;
  productId: string;
  startedAt: string;
  endedAt: string | null;
  volumeMl: number | null;
  reactions: string[];
  checkedBy: string;
  confirmedBy: string;
  dose: {
    weightKg: number;
    measures: { measure: string; value: number; unit: string; cellsPerKg: number; adequate: boolean }[];
    cartLabel: { product: string; withinLabel: boolean } | null;
    ruleIds: string[];
  } | null;
};

/** A valid 13-character DIN (FIN A9999, year 26) for a sequence number. */
const dinOf = (n: number): string => `A999926${String(n).padStart(6, '0')}`;
const COI = 'CHA999926CAR001';

describe.each(DRIVERS)('bedside check and infusion (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let physician: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;
  const userIds: Record<string, string> = {};
  const P: Record<string, { patientId: string; episodeId: string }> = {};
  let seq = 0;

  async function patientInConditioning(mrn: string, type: EpisodeType, extra: Partial<PatientCreate> = {}) {
    return patientWithEpisode(coord, {
      patient: { mrn, familyName: 'Bedside', givenName: mrn, dateOfBirth: '1970-01-01', sex: 'female', ...extra },
      diagnosis: { disease: 'MM', diagnosisDate: '2025-06-01', status: 'PR' },
      episode: {
        type,
        plannedDayZero: '2026-03-16',
        phases: { 'work-up': '2026-02-01', conditioning: '2026-03-10' },
      },
    });
  }

  /** A product as the lab would have left it: registered, then moved along the status machine; release by two people. */
  async function product(
    owner: { patientId: string; episodeId: string },
    path: ProductStatus[],
    over: {
      kind?: 'hpc-apheresis' | 'car-t';
      productCode?: string;
      cryopreserved?: boolean;
      expiresAt?: string;
      coi?: string;
      cd34Cells?: number;
      carTCells?: number;
      signed?: boolean;
    } = {}
  ): Promise<{ id: string; din: string }> {
    const kind = over.kind ?? 'hpc-apheresis';
    const released = path.includes('released') && over.signed !== false;
    return labProduct(
      t.db,
      t.centreId,
      owner,
      {
        din: dinOf(++seq),
        productCode: over.productCode ?? (kind === 'car-t' ? 'S1234' : 'S1398'),
        division: '00',
        kind,
        description: kind === 'car-t' ? 'CAR-T cells' : 'HPC, Apheresis',
        cryopreserved: over.cryopreserved ?? true,
        volumeMl: 100,
        cd34Cells: over.cd34Cells ?? (kind === 'car-t' ? undefined : 4e8),
        carTCells: over.carTCells,
        expiresAt: over.expiresAt,
        coi: over.coi,
      },
      {
        path,
        labUserId: userIds.lab!,
        ...(released
          ? { sterility: 'negative', release: { requestedBy: userIds.lab!, releasedBy: userIds.admin! } }
          : {}),
      }
    );
  }
  const READY: ProductStatus[] = ['stored', 'released', 'thawed'];

  const scan = (who: ReturnType<typeof as>, episodeId: string, body: Record<string, unknown>) =>
    who.post(`/api/v1/episodes/${episodeId}/bedside-checks`, body);
  const scanOk = async (
    who: ReturnType<typeof as>,
    episodeId: string,
    body: Record<string, unknown>
  ): Promise<Check> => {
    const res = await scan(who, episodeId, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Check>();
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    physician = as(t.app, await signIn(t.app, 'physician'));
    admin = as(t.app, await signIn(t.app, 'admin'));
    for (const r of await t.db.query<{ id: string; username: string }>('select id, username from users')) {
      userIds[r.username] = r.id;
    }
    P.auto = await patientInConditioning('INF-AUTO', 'autologous-hct', { weightKg: 80, aboRh: 'A+' });
    P.other = await patientInConditioning('INF-OTHER', 'autologous-hct', { weightKg: 60 });
    P.cart = await patientInConditioning('INF-CART', 'car-t', { weightKg: 70 });
    await t.db.query(
      `insert into manufacturing_orders (centre_id, episode_id, product_name, cell_type, cell_origin, coi) values ($1,$2,'axicabtagene-ciloleucel','T','autologous',$3)`,
      [t.centreId, P.cart.episodeId, COI]
    );
  });
  afterAll(() => t.close());

  const stopCodes = (c: Check) => c.stops.map((s) => s.code);

  it('pass → same person refused → second person confirms → infusion: product infused, day 0 set, dose per kg', async () => {
    const bag = await product(P.auto!, READY);
    const check = await scanOk(nurse, P.auto!.episodeId, {
      mrn: ' inf-auto ',
      din: `=${bag.din}00`,
      productCode: 'S1398',
      division: '00',
    });
    expect(check).toMatchObject({
      result: 'pass',
      stops: [],
      productId: bag.id,
      performedBy: 'Test nurse',
      confirmedBy: null,
    });

    // Not yet confirmed: no infusion.
    expect((await nurse.post(`/api/v1/bedside-checks/${check.id}/infusion`, {})).statusCode).toBe(409);
    // The same person twice is refused.
    const same = await nurse.post(`/api/v1/bedside-checks/${check.id}/confirm`, {});
    expect(same.statusCode).toBe(409);
    expect(same.json<{ detail: string }>().detail).toMatch(/different person/);
    const sameByPassword = await nurse.post(`/api/v1/bedside-checks/${check.id}/confirm`, {
      username: 'nurse',
      password: passwordOf('nurse'),
    });
    expect(sameByPassword.statusCode).toBe(409);

    const confirmed = await physician.post(`/api/v1/bedside-checks/${check.id}/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<Check>().confirmedBy).toBe('Test physician');
    expect((await admin.post(`/api/v1/bedside-checks/${check.id}/confirm`, {})).statusCode).toBe(409);

    const started = await nurse.post(`/api/v1/bedside-checks/${check.id}/infusion`, {
      startedAt: '2026-03-15T09:30:00Z',
    });
    expect(started.statusCode, started.body).toBe(201);
    const inf = started.json<Infusion>();
    expect(inf).toMatchObject({
      productId: bag.id,
      checkedBy: 'Test nurse',
      confirmedBy: 'Test physician',
      endedAt: null,
    });
    expect(inf.dose!.weightKg).toBe(80);
    expect(inf.dose!.measures[0]).toMatchObject({
      measure: 'cd34',
      value: 5,
      unit: 'x10^6/kg',
      cellsPerKg: 5e6,
      adequate: true,
    });
    expect(inf.dose!.ruleIds).toEqual(['cell-dose-per-kg@1']);
    expect((await nurse.post(`/api/v1/bedside-checks/${check.id}/infusion`, {})).statusCode).toBe(409);

    const [p] = await t.db.query<{ status: string }>('select status from products where id = $1', [bag.id]);
    expect(p!.status).toBe('infused');
    const [stored] = await t.db.query<{
      dose_rule_ids: string[];
      dose_inputs: { weightKg: number; cd34Cells: number };
      checked_by: string;
      confirmed_by: string;
    }>('select dose_rule_ids, dose_inputs, checked_by, confirmed_by from infusions where id = $1', [inf.id]);
    expect(stored).toMatchObject({
      dose_rule_ids: ['cell-dose-per-kg@1'],
      dose_inputs: { weightKg: 80, cd34Cells: 4e8 },
      checked_by: userIds.nurse,
      confirmed_by: userIds.physician,
    });

    const record = (await nurse.get(`/api/v1/patients/${P.auto!.patientId}`)).json<{
      episodes: { id: string; phase: string; actualDayZero: string | null }[];
      events: { kind: string; label: string; date: string }[];
    }>();
    expect(record.episodes.find((e) => e.id === P.auto!.episodeId)).toMatchObject({
      phase: 'infusion',
      actualDayZero: '2026-03-15',
    });
    expect(record.events.filter((e) => e.kind === 'infusion').map((e) => e.label)).toEqual([
      expect.stringMatching(
        /^Infusion started: HPC, Apheresis DIN A999926000001 \(5\.00 ×10⁶\/kg CD34\).*checked by Test nurse, confirmed by Test physician — day 0$/
      ),
    ]);

    const done = await nurse.post(`/api/v1/infusions/${inf.id}/complete`, {
      endedAt: '2026-03-15T10:05:00Z',
      volumeMl: 98,
      reactions: ['chills', 'fever'],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<Infusion>()).toMatchObject({
      volumeMl: 98,
      reactions: ['chills', 'fever'],
      endedAt: '2026-03-15T10:05:00.000Z',
    });
    expect(
      (
        await nurse.post(`/api/v1/infusions/${inf.id}/complete`, {
          endedAt: '2026-03-15T10:05:00Z',
          volumeMl: 98,
          reactions: ['none'],
        })
      ).statusCode
    ).toBe(409);
  });

  it('a second infusion does not move day 0', async () => {
    const bag = await product(P.auto!, READY);
    const check = await scanOk(physician, P.auto!.episodeId, {
      mrn: 'INF-AUTO',
      din: `${bag.din}${mod37CheckOf(bag.din)}`,
      productCode: 'S1398',
    });
    expect(check.result).toBe('pass');
    expect((await nurse.post(`/api/v1/bedside-checks/${check.id}/confirm`, {})).statusCode).toBe(200);
    const inf = await admin.post(`/api/v1/bedside-checks/${check.id}/infusion`, {
      startedAt: '2026-03-16T09:00:00Z',
      weightKg: 79,
    });
    expect(inf.statusCode, inf.body).toBe(201);
    expect(inf.json<Infusion>().dose!.weightKg).toBe(79);
    const record = (await nurse.get(`/api/v1/patients/${P.auto!.patientId}`)).json<{
      episodes: { id: string; actualDayZero: string | null }[];
    }>();
    expect(record.episodes.find((e) => e.id === P.auto!.episodeId)!.actualDayZero).toBe('2026-03-15');
  });

  it('checks the completion: none alone, other needs a note, end after start', async () => {
    const bag = await product(P.other!, READY);
    const check = await scanOk(nurse, P.other!.episodeId, { mrn: 'INF-OTHER', din: bag.din, productCode: 'S1398' });
    await physician.post(`/api/v1/bedside-checks/${check.id}/confirm`, {});
    const inf = (
      await nurse.post(`/api/v1/bedside-checks/${check.id}/infusion`, { startedAt: '2026-03-15T08:00:00Z' })
    ).json<Infusion>();
    const complete = (body: unknown) => nurse.post(`/api/v1/infusions/${inf.id}/complete`, body);
    expect(
      (await complete({ endedAt: '2026-03-15T09:00:00Z', volumeMl: 50, reactions: ['none', 'fever'] })).statusCode
    ).toBe(400);
    const other = await complete({ endedAt: '2026-03-15T09:00:00Z', volumeMl: 50, reactions: ['other'] });
    expect(other.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('reactionNote');
    expect((await complete({ endedAt: '2026-03-15T07:00:00Z', volumeMl: 50, reactions: ['none'] })).statusCode).toBe(
      400
    );
    expect(
      (await complete({ endedAt: '2026-03-15T09:00:00Z', volumeMl: 50, reactions: ['other'], reactionNote: 'nausea' }))
        .statusCode
    ).toBe(200);
  });

  describe('hard stops are refused, recorded and shown to the team', () => {
    it('wrong patient: the wristband of another patient', async () => {
      const bag = await product(P.auto!, READY);
      const c = await scanOk(nurse, P.auto!.episodeId, { mrn: 'INF-OTHER', din: bag.din, productCode: 'S1398' });
      expect(c.result).toBe('stop');
      expect(stopCodes(c)).toEqual(['wrong-patient']);
      // The other person's wristband is kept for the record, not shown on this patient's pages.
      expect(JSON.stringify(c)).not.toContain('INF-OTHER');
      const [row] = await t.db.query<{ scanned_mrn: string }>('select scanned_mrn from bedside_checks where id = $1', [
        c.id,
      ]);
      expect(row!.scanned_mrn).toBe('INF-OTHER');
    });

    it('a product intended for another patient, without telling whose', async () => {
      const bag = await product(P.other!, READY);
      const c = await scanOk(nurse, P.auto!.episodeId, { mrn: 'INF-AUTO', din: bag.din, productCode: 'S1398' });
      expect(stopCodes(c)).toEqual(['other-patient']);
      expect(c.productId).toBeNull();
      expect(c.product).toBeNull();
      expect(JSON.stringify(c)).not.toMatch(/INF-OTHER|Bedside, INF-OTHER/);
      // Stored for the record (with the bag), refused at confirmation.
      const [row] = await t.db.query<{ product_id: string; result: string }>(
        'select product_id, result from bedside_checks where id = $1',
        [c.id]
      );
      expect(row).toMatchObject({ product_id: bag.id, result: 'stop' });
      expect((await physician.post(`/api/v1/bedside-checks/${c.id}/confirm`, {})).statusCode).toBe(409);
      expect((await physician.post(`/api/v1/bedside-checks/${c.id}/infusion`, {})).statusCode).toBe(409);
      const [p] = await t.db.query<{ status: string }>('select status from products where id = $1', [bag.id]);
      expect(p!.status).toBe('thawed');
    });

    it.each([
      ['not released', ['stored'] as ProductStatus[], {}, 'not-released'],
      ['release without the second signature', READY, { signed: false }, 'release-incomplete'],
      ['not thawed', ['stored', 'released'] as ProductStatus[], {}, 'not-thawed'],
      ['expired', READY, { expiresAt: '2026-01-01T00:00:00Z' }, 'expired'],
      ['discarded', ['stored', 'discarded'] as ProductStatus[], {}, 'discarded'],
    ])('%s', async (_, path, over, code) => {
      const bag = await product(P.auto!, path, over);
      const c = await scanOk(nurse, P.auto!.episodeId, { mrn: 'INF-AUTO', din: bag.din, productCode: 'S1398' });
      expect(stopCodes(c)).toEqual([code]);
    });

    it('already infused', async () => {
      const c = await scanOk(nurse, P.auto!.episodeId, { mrn: 'INF-AUTO', din: dinOf(1), productCode: 'S1398' });
      expect(stopCodes(c)).toEqual(['already-infused']);
    });

    it('a DIN with the wrong check character', async () => {
      const bag = await product(P.auto!, READY);
      const wrong = mod37CheckOf(bag.din) === 'A' ? 'B' : 'A';
      const c = await scanOk(nurse, P.auto!.episodeId, {
        mrn: 'INF-AUTO',
        din: `${bag.din}${wrong}`,
        productCode: 'S1398',
      });
      expect(stopCodes(c)).toEqual(['din-check-character']);
    });

    it('CAR-T: COI of another chain, then the right one with the label dose', async () => {
      const bag = await product(P.cart!, ['collected', 'released'], {
        kind: 'car-t',
        cryopreserved: false,
        coi: COI,
        carTCells: 1.4e8,
      });
      const wrong = await scanOk(nurse, P.cart!.episodeId, {
        mrn: 'INF-CART',
        din: bag.din,
        productCode: 'S1234',
        coi: 'CHA999926CAR999',
      });
      expect(stopCodes(wrong)).toEqual(['coi-mismatch', 'coi-order-mismatch']);
      const missing = await scanOk(nurse, P.cart!.episodeId, { mrn: 'INF-CART', din: bag.din, productCode: 'S1234' });
      expect(stopCodes(missing)).toEqual(['coi-missing']);

      const ok = await scanOk(nurse, P.cart!.episodeId, {
        mrn: 'INF-CART',
        din: bag.din,
        productCode: 'S1234',
        coi: `&/${COI}`,
      });
      expect(ok.result).toBe('pass');
      // The second person signs on the nurse's device: wrong password, wrong role, then right.
      expect(
        (await nurse.post(`/api/v1/bedside-checks/${ok.id}/confirm`, { username: 'physician', password: 'nope' }))
          .statusCode
      ).toBe(400);
      expect(
        (await nurse.post(`/api/v1/bedside-checks/${ok.id}/confirm`, { username: 'lab', password: passwordOf('lab') }))
          .statusCode
      ).toBe(403);
      expect((await nurse.post(`/api/v1/bedside-checks/${ok.id}/confirm`, { username: 'physician' })).statusCode).toBe(
        400
      );
      const confirmed = await nurse.post(`/api/v1/bedside-checks/${ok.id}/confirm`, {
        username: 'physician',
        password: passwordOf('physician'),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json<Check>().confirmedBy).toBe('Test physician');
      // The nurse is still signed in as herself.
      expect((await nurse.get('/api/v1/session')).json<{ user: { username: string } }>().user.username).toBe('nurse');

      const inf = await nurse.post(`/api/v1/bedside-checks/${ok.id}/infusion`, { startedAt: '2026-03-15T11:00:00Z' });
      expect(inf.statusCode, inf.body).toBe(201);
      const dose = inf.json<Infusion>().dose!;
      expect(dose.measures[0]).toMatchObject({ measure: 'car-positive-viable-t', value: 2 });
      expect(dose.cartLabel).toMatchObject({ product: 'axicabtagene-ciloleucel', withinLabel: true });
    });

    it('the re-run at confirmation catches a change since the scan', async () => {
      const bag = await product(P.other!, READY);
      const c = await scanOk(nurse, P.other!.episodeId, { mrn: 'INF-OTHER', din: bag.din, productCode: 'S1398' });
      expect(c.result).toBe('pass');
      await moveProductStatus(t.db, bag.id, 'discarded', { kind: 'discard', performedBy: userIds.lab! });
      const res = await physician.post(`/api/v1/bedside-checks/${c.id}/confirm`, {});
      expect(res.statusCode).toBe(409);
      expect(res.json<{ detail: string }>().detail).toMatch(/STOP.*discarded/);
      const [row] = await t.db.query<{ result: string; refused_at_confirmation: boolean }>(
        'select result, refused_at_confirmation from bedside_checks where id = $1',
        [c.id]
      );
      expect(row).toMatchObject({ result: 'stop', refused_at_confirmation: true });
    });

    it('the bedside page lists every check, refused ones too', async () => {
      const res = await coord.get(`/api/v1/episodes/${P.auto!.episodeId}/bedside`);
      expect(res.statusCode, res.body).toBe(200);
      const o = res.json<{ patient: { mrn: string }; checks: Check[]; infusions: Infusion[] }>();
      expect(o.patient.mrn).toBe('INF-AUTO');
      expect(o.infusions).toHaveLength(2);
      expect(
        o.checks
          .filter((c) => c.result === 'stop')
          .map((c) => c.stops[0]!.code)
          .sort()
      ).toEqual(
        [
          'already-infused',
          'din-check-character',
          'discarded',
          'expired',
          'not-released',
          'not-thawed',
          'other-patient',
          'release-incomplete',
          'wrong-patient',
        ].sort()
      );
    });

    it('puts each stop on the timeline, the worklist and the audit trail', async () => {
      const record = (await nurse.get(`/api/v1/patients/${P.auto!.patientId}`)).json<{
        events: { kind: string; label: string }[];
      }>();
      expect(record.events.map((e) => e.label)).toContain(
        'Bedside check refused: product intended for another patient'
      );
      const w = (await coord.get('/api/v1/worklist')).json<{
        items: { kind: string; severity: string; mrn: string; label: string }[];
      }>();
      const stops = w.items.filter((i) => i.kind === 'bedside-stop');
      expect(stops.length).toBeGreaterThanOrEqual(12);
      expect(
        stops.find(
          (i) =>
            i.mrn === 'INF-AUTO' && i.label.startsWith('Bedside check refused: product intended for another patient')
        )
      ).toMatchObject({ severity: 'alert' });
      const audit = await t.db.query<{ action: string; entity_type: string; username: string }>(
        `select action, entity_type, actor as username from audit_events where entity_type in ('bedside-check', 'infusion') order by seq`
      );
      const seen = new Set(audit.map((a) => `${a.action} ${a.entity_type}`));
      for (const e of [
        'create bedside-check',
        'bedside-stop bedside-check',
        'confirm bedside-check',
        'create infusion',
        'update infusion',
      ]) {
        expect(seen, e).toContain(e);
      }
      // The confirmation by password is audited as the second person's act.
      expect(audit.filter((a) => a.action === 'confirm').map((a) => a.username)).toContain('physician');
      const reauth = await t.db.query<{ action: string }>(
        `select action from audit_events where action like 'reauth-%'`
      );
      expect(reauth.map((r) => r.action).sort()).toEqual([
        'reauth-failure',
        'reauth-success',
        'reauth-success',
        'reauth-success',
      ]);
    });
  });

  it('another patient’s DIN scanned with this bag’s product code: the first reason says the bag is another patient’s', async () => {
    // This patient's bag carries S1398; the other patient's bag (another DIN) carries S1295.
    const mine = await product(P.other!, READY);
    const theirs = await product(P.auto!, READY, { productCode: 'S1295' });
    const c = await scanOk(nurse, P.other!.episodeId, {
      mrn: 'INF-OTHER',
      din: theirs.din,
      productCode: 'S1398',
      division: '00',
    });
    expect(c.result).toBe('stop');
    expect(stopCodes(c)).toEqual(['other-patient', 'product-code-mismatch']);
    expect(c.stops[0]!.message).toBe('This product is intended for another patient. Do not infuse.');
    expect(c.product).toBeNull();
    expect(JSON.stringify(c)).not.toContain('INF-AUTO');
    const record = (await nurse.get(`/api/v1/patients/${P.other!.patientId}`)).json<{ events: { label: string }[] }>();
    expect(record.events.map((e) => e.label)).toContain(
      'Bedside check refused: product intended for another patient, product code does not match the bag'
    );
    // The right bag still passes.
    expect(
      (
        await scanOk(nurse, P.other!.episodeId, {
          mrn: 'INF-OTHER',
          din: mine.din,
          productCode: 'S1398',
          division: '00',
        })
      ).result
    ).toBe('pass');
  });

  it('CAR-T dose check: a dose far under the label target is outside the label; 0 and a weight of 0 are refused naming the field', async () => {
    // 70 kg, axicabtagene ciloleucel: target 1.4 x10^8, accepted 0.7-1.4 x10^8; 5 x10^6 cells is not the label dose.
    const bag = await product(P.cart!, ['collected', 'released'], {
      kind: 'car-t',
      cryopreserved: false,
      coi: COI,
      carTCells: 5e6,
    });
    const ok = await scanOk(nurse, P.cart!.episodeId, {
      mrn: 'INF-CART',
      din: bag.din,
      productCode: 'S1234',
      coi: COI,
    });
    expect(ok.result, JSON.stringify(ok.stops)).toBe('pass');
    expect((await physician.post(`/api/v1/bedside-checks/${ok.id}/confirm`, {})).statusCode).toBe(200);
    const inf = await nurse.post(`/api/v1/bedside-checks/${ok.id}/infusion`, { startedAt: '2026-03-15T12:00:00Z' });
    expect(inf.statusCode, inf.body).toBe(201);
    expect(inf.json<Infusion>().dose!.cartLabel).toMatchObject({
      product: 'axicabtagene-ciloleucel',
      withinLabel: false,
    });

    const rule = (input: Record<string, unknown>) => physician.post('/api/v1/clinical/cart-dose', { input });
    const low = await rule({ product: 'axicabtagene-ciloleucel', weightKg: 80, doseCells: 1e6 });
    expect(low.statusCode, low.body).toBe(200);
    expect(low.json<{ withinLabel: boolean; minCells: number }>()).toMatchObject({
      withinLabel: false,
      minCells: 0.8e8,
    });
    const brexu = await rule({ product: 'brexucabtagene-autoleucel-all', weightKg: 70, doseCells: 5e6 });
    expect(brexu.json<{ withinLabel: boolean }>().withinLabel).toBe(false);
    for (const [input, path, message] of [
      [
        { product: 'axicabtagene-ciloleucel', weightKg: 80, doseCells: 0 },
        'input.doseCells',
        /CAR-T dose must be more than 0/,
      ],
      [
        { product: 'axicabtagene-ciloleucel', weightKg: 0, doseCells: 1.6e8 },
        'input.weightKg',
        /weight must be more than 0 kg/,
      ],
      [
        { product: 'axicabtagene-ciloleucel', weightKg: -5, doseCells: 1.6e8 },
        'input.weightKg',
        /weight must be more than 0 kg/,
      ],
    ] as const) {
      const res = await rule(input);
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json<{ errors: { path: string; message: string }[] }>().errors.find((e) => e.path === path);
      expect(err?.message, res.body).toMatch(message);
    }
  });

  it('refuses invalid input at the edge and unknown ids', async () => {
    expect((await scan(nurse, P.auto!.episodeId, { mrn: '', din: dinOf(1) })).statusCode).toBe(400);
    expect((await scan(nurse, '00000000-0000-4000-8000-000000000000', { mrn: 'X', din: dinOf(1) })).statusCode).toBe(
      404
    );
    expect(
      (await nurse.post('/api/v1/bedside-checks/00000000-0000-4000-8000-000000000000/confirm', {})).statusCode
    ).toBe(404);
    expect((await scan(coord, P.auto!.episodeId, { mrn: 'INF-AUTO', din: dinOf(1) })).statusCode).toBe(403);
  });
});
