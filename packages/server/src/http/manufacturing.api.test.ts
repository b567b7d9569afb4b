import { mod37CheckOf } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCentre } from '../repo/centres';
import { doseCheckOf } from '../services/manufacturing';
import { patientWithEpisodes } from '../testing/patientEpisodes';
import { addTestUser, as, createTestApp, DRIVERS, signedIn, signIn, type TestContext } from '../testing/testApp';

interface OrderView {
  id: string;
  coi: string;
  coiSource: string;
  status: string;
  productLabel: string;
  commercial: boolean;
  nextStatuses: string[];
  history: { status: string; at: string; recordedBy: string | null }[];
  custody: {
    source: string;
    fromParty: string;
    toParty: string;
    handedAt: string;
    temperatureC: number | null;
    leg: string;
    productId: string | null;
    recordedBy: string | null;
  }[];
  receivedProduct: {
    id: string;
    din: string;
    status: string;
    coi: string;
    carTCells: number;
    kind: string;
    manufacturingOrderId: string;
    collectionId: string | null;
  } | null;
  receivedBags: number | null;
  doseCheck: { withinLabel: boolean | null; message: string } | null;
  veinToVein: {
    collectedOn: string | null;
    infusedOn: string | null;
    days: number | null;
    daysSoFar: number | null;
    turnaroundDays: number | null;
    collectedFrom: string | null;
  };
}

type Problem = { detail: string; errors?: { path: string; message: string }[] };

const DIN = 'W999926000123';
const at = (day: string, time = '09:00'): string => `2026-03-${day}T${time}:00Z`;

describe.each(DRIVERS)('cell-therapy manufacturing (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  let lab: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let auditor: ReturnType<typeof as>;
  let cartEpisode = '';
  let alloEpisode = '';
  let collectionId = '';
  let orderId = '';
  let coi = '';

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    lab = as(t.app, await signIn(t.app, 'lab'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    auditor = as(t.app, await signIn(t.app, 'auditor'));
    [cartEpisode, alloEpisode] = (
      await patientWithEpisodes(coord, {
        patient: {
          mrn: 'MFG-1',
          familyName: 'Maker',
          givenName: 'Mo',
          dateOfBirth: '1970-01-01',
          sex: 'male',
          weightKg: 80,
        },
        diagnosis: { disease: 'NHL', diagnosisDate: '2025-06-01', status: 'relapse' },
        episodes: [
          { type: 'car-t', plannedDayZero: '2026-04-01' },
          { type: 'allogeneic-hct', plannedDayZero: '2026-04-01' },
        ],
      })
    ).episodeIds;
    // The leukapheresis collection (built by the collections pages; inserted here directly).
    const rows = await t.db.query<{ id: string }>(
      `insert into collections (centre_id, episode_id, method, status, planned_on) values ($1, $2, 'leukapheresis', 'complete', '2026-03-02') returning id`,
      [t.centreId, cartEpisode]
    );
    collectionId = rows[0]!.id;
    await t.db.query(
      `insert into collection_days (collection_id, collected_on, processed_volume_l) values ($1, '2026-03-02', 12)`,
      [collectionId]
    );
  });
  afterAll(() => t.close());

  const move = (status: string, when: string, id = orderId) =>
    coord.post(`/api/v1/manufacturing-orders/${id}/status`, { status, at: when });

  it('places an order and assigns a Chain of Identity from the centre FIN and the year sequence', async () => {
    const res = await coord.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
      productName: 'axicabtagene-ciloleucel',
      manufacturer: 'Kite',
      slotOn: '2026-03-02',
      collectionId,
      targetDose: '2 ×10⁶/kg',
      orderedAt: at('01'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json<OrderView>();
    expect(o.coi).toBe('CHW999926000001');
    expect(o.coiSource).toBe('assigned');
    expect(o.status).toBe('ordered');
    expect(o.commercial).toBe(true);
    expect(o.productLabel).toBe('Yescarta (axicabtagene ciloleucel) — LBCL, FL');
    expect(o.nextStatuses).toEqual(['slot-confirmed', 'cancelled']);
    expect(o.history).toEqual([
      expect.objectContaining({ status: 'ordered', at: '2026-03-01T09:00:00.000Z', recordedBy: 'Test coordinator' }),
    ]);
    orderId = o.id;
    coi = o.coi;
    // The collection is bound to the same Chain of Identity.
    expect(
      (await t.db.query<{ coi: string }>('select coi from collections where id = $1', [collectionId]))[0]!.coi
    ).toBe(coi);
  });

  it('refuses orders on a non-cell-therapy episode and a second active order', async () => {
    const allo = await coord.post(`/api/v1/episodes/${alloEpisode}/manufacturing-orders`, {
      productName: 'axicabtagene-ciloleucel',
    });
    expect(allo.statusCode).toBe(400);
    expect(allo.json<Problem>().detail).toMatch(/CAR-T or other cell-therapy episodes/);
    const again = await coord.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
      productName: 'tisagenlecleucel-lbcl',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().detail).toMatch(/already has an active order \(CoI CHW999926000001, ordered\)/);
    const badCoi = await coord.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
      productName: 'tisagenlecleucel-lbcl',
      coi: 'CHW99992600001',
    });
    expect(badCoi.statusCode).toBe(400);
    expect(badCoi.json<Problem>().errors![0]!.path).toBe('coi');
  });

  it('refuses invalid moves with 409 and says what is next', async () => {
    const skip = await move('in-manufacturing', at('02'));
    expect(skip.statusCode).toBe(409);
    expect(skip.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(skip.json<Problem>().detail).toBe(
      'an order that is ordered cannot become in manufacturing (next: slot confirmed, cancelled)'
    );
    const received = await move('received', at('02'));
    expect(received.statusCode).toBe(409);
    expect(received.json<Problem>().detail).toMatch(/record the receipt/);
    expect((await coord.post(`/api/v1/manufacturing-orders/${orderId}/status`, { status: 'done' })).statusCode).toBe(
      400
    );
  });

  it('walks the order through the statuses and refuses a time before the previous status', async () => {
    expect((await move('slot-confirmed', at('01', '12:00'))).statusCode).toBe(200);
    const early = await move('collected', at('01', '08:00'));
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>().detail).toMatch(/earlier than the previous status \(slot confirmed/);
    expect((await move('collected', at('02', '08:00'))).statusCode).toBe(200);
  });

  it('records custody hand-overs in time order and refuses one earlier than the previous', async () => {
    const first = await lab.post(`/api/v1/manufacturing-orders/${orderId}/custody`, {
      fromParty: 'Apheresis unit',
      toParty: 'Cell therapy lab',
      handedAt: at('02', '10:00'),
      temperatureC: 4,
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await lab.post(`/api/v1/manufacturing-orders/${orderId}/custody`, {
      fromParty: 'Cell therapy lab',
      toParty: 'World Courier',
      handedAt: at('02', '12:00'),
      temperatureC: 4,
      note: 'shipper 1234',
    });
    expect(second.statusCode).toBe(201);
    const late = await lab.post(`/api/v1/manufacturing-orders/${orderId}/custody`, {
      fromParty: 'World Courier',
      toParty: 'Kite',
      handedAt: at('02', '11:00'),
    });
    expect(late.statusCode).toBe(409);
    expect(late.json<Problem>().detail).toMatch(
      /cannot be earlier than the previous one \(Cell therapy lab → World Courier/
    );
    const o = second.json<OrderView>();
    expect(o.custody.map((c) => `${c.fromParty}→${c.toParty}`)).toEqual([
      'Apheresis unit→Cell therapy lab',
      'Cell therapy lab→World Courier',
    ]);
    expect(o.custody[0]).toMatchObject({ temperatureC: 4, leg: 'outbound', recordedBy: 'Test lab' });
  });

  it('receives nothing before the product is shipped back', async () => {
    const res = await lab.post(`/api/v1/manufacturing-orders/${orderId}/receipt`, {
      coi,
      din: DIN,
      productCode: 'S1295',
      carTCells: 1.5e8,
      bags: 1,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().detail).toMatch(
      /only an order shipped to the centre can be received; this order is collected/
    );
  });

  it('ships out, manufactures and ships back', async () => {
    expect((await move('shipped-to-manufacturer', at('02', '12:00'))).statusCode).toBe(200);
    expect((await move('in-manufacturing', at('03'))).statusCode).toBe(200);
    expect((await move('shipped-to-centre', at('11'))).statusCode).toBe(200);
    const ret = await lab.post(`/api/v1/manufacturing-orders/${orderId}/custody`, {
      leg: 'return',
      fromParty: 'Kite',
      toParty: 'Cryoport',
      handedAt: at('11', '10:00'),
      temperatureC: -150,
    });
    expect(ret.statusCode).toBe(201);
  });

  it("refuses a product whose CoI is not the order's, and registers nothing", async () => {
    const res = await lab.post(`/api/v1/manufacturing-orders/${orderId}/receipt`, {
      coi: 'CHW999926000009',
      din: DIN,
      productCode: 'S1295',
      carTCells: 1.5e8,
      bags: 1,
    });
    expect(res.statusCode).toBe(409);
    const p = res.json<Problem>();
    expect(p.detail).toMatch(
      /Chain of Identity mismatch: the product carries CoI CHW999926000009 but this order is CHW999926000001/
    );
    expect(p.errors![0]!.path).toBe('coi');
    expect(await t.db.query('select 1 from products where din = $1', [DIN])).toHaveLength(0);
    const badDin = await lab.post(`/api/v1/manufacturing-orders/${orderId}/receipt`, {
      coi,
      din: `${DIN}X`,
      productCode: 'S1295',
      carTCells: 1.5e8,
      bags: 1,
    });
    expect(badDin.statusCode).toBe(400);
    expect(badDin.json<Problem>().errors![0]!.path).toBe('din');
  });

  it('receives the product with the order CoI, registers it as stored and checks the dose', async () => {
    const res = await lab.post(`/api/v1/manufacturing-orders/${orderId}/receipt`, {
      coi: `&/${coi}`,
      din: `${DIN}${mod37CheckOf(DIN)}`,
      productCode: 'S1295',
      carTCells: 1.5e8,
      volumeMl: 68,
      bags: 1,
      expiresAt: '2026-09-12T00:00:00Z',
      receivedAt: at('12', '14:00'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json<OrderView>();
    expect(o.status).toBe('received');
    expect(o.nextStatuses).toEqual([]);
    expect(o.receivedBags).toBe(1);
    expect(o.receivedProduct).toMatchObject({
      din: DIN,
      status: 'stored',
      coi,
      carTCells: 1.5e8,
      kind: 'car-t',
      manufacturingOrderId: orderId,
      collectionId,
    });
    // 80 kg: target 1.6 ×10^8 (cap 2 ×10^8); 1.5 ×10^8 is within the label.
    expect(o.doseCheck?.withinLabel).toBe(true);
    expect(o.doseCheck?.message).toMatch(/^within label range/);
    // The return-leg custody is now bound to the product.
    expect(o.custody.find((c) => c.leg === 'return')?.productId).toBe(o.receivedProduct!.id);
    expect(o.veinToVein).toEqual({
      collectedOn: '2026-03-02',
      infusedOn: null,
      days: null,
      daysSoFar: 13,
      turnaroundDays: 10,
      collectedFrom: 'collection',
    });
    const ev = await t.db.query<{ kind: string; status_after: string }>(
      'select kind, status_after from product_events where product_id = $1',
      [o.receivedProduct!.id]
    );
    expect(ev).toEqual([{ kind: 'received', status_after: 'stored' }]);
  });

  it('shows vein-to-vein once the product is infused', async () => {
    const o = (await nurse.get(`/api/v1/manufacturing-orders/${orderId}`)).json<OrderView>();
    await t.db.query(
      `insert into product_events (product_id, kind, status_after, performed_at) values ($1, 'infused', 'infused', '2026-03-14T10:00:00Z')`,
      [o.receivedProduct!.id]
    );
    const after = (await auditor.get(`/api/v1/manufacturing-orders/${orderId}`)).json<OrderView>();
    expect(after.veinToVein).toMatchObject({ infusedOn: '2026-03-14', days: 12, daysSoFar: null });
  });

  it('follows the product after the receipt: thawed, then infused, with custody through the ward to the bedside', async () => {
    const productId = (await nurse.get(`/api/v1/manufacturing-orders/${orderId}`)).json<OrderView>().receivedProduct!
      .id;
    // Released by two people, as the lab leaves it (the release itself is tested with the product lab); the bedside
    // check reads the wall clock, so the bag is made to expire after it.
    const users = await t.db.query<{ id: string; username: string }>(
      `select id, username from users where username in ('lab', 'admin') order by username`
    );
    await t.db.query(
      `update products set status = 'released', sterility = 'negative', release_requested_by = $2, released_by = $3, released_at = now(), expires_at = now() + interval '30 days' where id = $1`,
      [productId, users.find((u) => u.username === 'lab')!.id, users.find((u) => u.username === 'admin')!.id]
    );
    const released = (await nurse.get(`/api/v1/manufacturing-orders/${orderId}`)).json<OrderView>();
    expect(released.status).toBe('received');
    expect(released.custody.at(-1)).toMatchObject({ toParty: expect.not.stringMatching(/Ward/) });

    const thawed = await lab.post(`/api/v1/products/${productId}/thaw`, { thawedAt: at('15', '08:00') });
    expect(thawed.statusCode, thawed.body).toBe(200);
    const afterThaw = (await nurse.get(`/api/v1/manufacturing-orders/${orderId}`)).json<OrderView>();
    expect(afterThaw.status).toBe('thawed');
    expect(afterThaw.nextStatuses).toEqual([]);
    expect(afterThaw.history.map((h) => h.status).slice(-2)).toEqual(['received', 'thawed']);
    expect(afterThaw.history.at(-1)).toMatchObject({ at: '2026-03-15T08:00:00.000Z', recordedBy: 'Test lab' });
    expect(afterThaw.custody.at(-1)).toMatchObject({
      source: 'thaw',
      productId,
      handedAt: '2026-03-15T08:00:00.000Z',
      recordedBy: 'Test lab',
    });

    const physician = as(t.app, await signIn(t.app, 'physician'));
    const check = await nurse.post(`/api/v1/episodes/${cartEpisode}/bedside-checks`, {
      mrn: 'MFG-1',
      din: `${DIN}${mod37CheckOf(DIN)}`,
      productCode: 'S1295',
      division: '00',
      coi,
    });
    expect(check.statusCode, check.body).toBe(201);
    const checkId = check.json<{ id: string; result: string }>().id;
    expect(check.json<{ result: string }>().result, check.body).toBe('pass');
    // A check alone does not move the order: the bag is at the bedside, nothing is infused.
    expect((await nurse.get(`/api/v1/manufacturing-orders/${orderId}`)).json<OrderView>().status).toBe('thawed');
    expect((await physician.post(`/api/v1/bedside-checks/${checkId}/confirm`, {})).statusCode).toBe(200);
    const started = await nurse.post(`/api/v1/bedside-checks/${checkId}/infusion`, {
      startedAt: '2026-03-15T10:00:00Z',
    });
    expect(started.statusCode, started.body).toBe(201);

    const o = (await auditor.get(`/api/v1/manufacturing-orders/${orderId}`)).json<OrderView>();
    expect(o.status).toBe('infused');
    expect(o.receivedProduct!.status).toBe('infused');
    expect(o.history.map((h) => h.status).slice(-3)).toEqual(['received', 'thawed', 'infused']);
    expect(o.history.at(-1)).toMatchObject({ at: '2026-03-15T10:00:00.000Z', recordedBy: 'Test nurse' });
    const tail = o.custody.slice(-3);
    expect(tail.map((c) => [c.fromParty, c.toParty])).toEqual([
      ['Cell therapy laboratory (storage)', 'Cell therapy laboratory (thawed)'],
      ['Cell therapy laboratory', 'Ward (bedside)'],
      ['Ward (bedside)', 'Patient (infused)'],
    ]);
    expect(tail[1]).toMatchObject({ recordedBy: 'Test nurse', productId });
    expect(tail[2]).toMatchObject({ handedAt: '2026-03-15T10:00:00.000Z', recordedBy: 'Test nurse' });
    expect(o.veinToVein).toMatchObject({ collectedOn: '2026-03-02', infusedOn: '2026-03-14' });
  });

  it('checks out-of-range doses against the label with the recorded weight', () => {
    expect(doseCheckOf('axicabtagene-ciloleucel', 2.5e8, 80, null)).toMatchObject({
      withinLabel: false,
      message: expect.stringMatching(/^OUT OF LABEL RANGE: .*above/),
    });
    expect(doseCheckOf('ciltacabtagene-autoleucel', 0.3e8, 70, null)).toMatchObject({
      withinLabel: false,
      message: expect.stringMatching(/below/),
    });
    expect(doseCheckOf('axicabtagene-ciloleucel', 1e8, null, null)?.message).toMatch(/no weight/);
    expect(doseCheckOf('NK-01', 1e9, 70, '1 ×10⁹ NK cells')).toMatchObject({
      withinLabel: null,
      message: expect.stringMatching(/no label dose \(target: 1 ×10⁹ NK cells\)/),
    });
  });

  it('cancels, fails and re-orders; a failed order stays failed', async () => {
    const second = (
      await coord.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
        productName: 'tisagenlecleucel-lbcl',
        orderedAt: at('13'),
      })
    ).json<OrderView>();
    expect(second.coi).toBe('CHW999926000002');
    expect((await move('cancelled', at('13', '10:00'), second.id)).statusCode).toBe(200);
    const third = (
      await coord.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
        productName: 'In-house CD19 CAR-T (trial X)',
        manufacturer: 'Centre GMP unit',
        orderedAt: at('13'),
      })
    ).json<OrderView>();
    expect(third.commercial).toBe(false);
    const early = await move('manufacturing-failed', at('13', '10:00'), third.id);
    expect(early.statusCode).toBe(409);
    for (const [s, h] of [
      ['slot-confirmed', '10:00'],
      ['collected', '11:00'],
      ['shipped-to-manufacturer', '12:00'],
      ['manufacturing-failed', '13:00'],
    ] as const) {
      expect((await move(s, at('13', h), third.id)).statusCode, s).toBe(200);
    }
    const revive = await move('in-manufacturing', at('14'), third.id);
    expect(revive.statusCode).toBe(409);
    expect(revive.json<Problem>().detail).toMatch(/final .*place a new order/);
    // A sponsor CoI under the centre's own FIN takes sequence 4: the next assigned CoI skips it.
    const reorder = await coord.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
      productName: 'In-house CD19 CAR-T (trial X)',
      manufacturer: 'Centre GMP unit',
      coi: '&/CHW9999 26000004',
      orderedAt: at('14', '08:00'),
    });
    expect(reorder.statusCode, reorder.body).toBe(201);
    expect(reorder.json<OrderView>()).toMatchObject({ coi: 'CHW999926000004', coiSource: 'external' });
    const taken = await coord.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
      productName: 'axicabtagene-ciloleucel',
      coi: 'CHW999926000004',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<Problem>().detail).toMatch(/already used by another order|already has an active order/);
    expect((await move('cancelled', at('14', '09:00'), reorder.json<OrderView>().id)).statusCode).toBe(200);
    const next = await coord.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
      productName: 'axicabtagene-ciloleucel',
      orderedAt: at('14', '10:00'),
    });
    expect(next.json<OrderView>().coi).toBe('CHW999926000005');
    const page = (await auditor.get(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`)).json<{
      patient: { mrn: string; weightKg: number };
      collections: { id: string; coi: string }[];
      orders: OrderView[];
    }>();
    expect(page.patient).toMatchObject({ mrn: 'MFG-1', weightKg: 80 });
    expect(page.collections).toEqual([
      expect.objectContaining({ id: collectionId, coi: 'CHW999926000001', firstDay: '2026-03-02' }),
    ]);
    expect(page.orders.map((o) => o.status)).toEqual([
      'ordered',
      'cancelled',
      'manufacturing-failed',
      'cancelled',
      'infused',
    ]);
  });

  it('lets only manufacturing writers write, everyone read', async () => {
    expect(
      (await nurse.post(`/api/v1/manufacturing-orders/${orderId}/status`, { status: 'cancelled' })).statusCode
    ).toBe(403);
    expect(
      (
        await auditor.post(`/api/v1/manufacturing-orders/${orderId}/custody`, {
          fromParty: 'a',
          toParty: 'b',
          handedAt: at('14'),
        })
      ).statusCode
    ).toBe(403);
    expect(
      (
        await nurse.post(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`, {
          productName: 'axicabtagene-ciloleucel',
        })
      ).statusCode
    ).toBe(403);
    expect((await nurse.get(`/api/v1/manufacturing-orders/${orderId}`)).statusCode).toBe(200);
  });

  it('keeps orders within their centre', async () => {
    const other = await findOrCreateCentre(t.db, 'Other Centre');
    await addTestUser(t, {
      username: 'other-coord',
      displayName: 'Other coordinator',
      roles: ['coordinator'],
      centreId: other.id,
    });
    const outsider = await signedIn(t, 'other-coord');
    expect((await outsider.get(`/api/v1/manufacturing-orders/${orderId}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/episodes/${cartEpisode}/manufacturing-orders`)).statusCode).toBe(404);
    expect(
      (await outsider.post(`/api/v1/manufacturing-orders/${orderId}/status`, { status: 'cancelled' })).statusCode
    ).toBe(404);
  });

  it('audits every write and read and puts each step on the timeline', async () => {
    const audit = await t.db.query<{ action: string; entity_type: string }>(
      `select action, entity_type from audit_events where entity_type in ('manufacturing-order', 'manufacturing-orders', 'custody-event', 'manufacturing-receipt') order by seq`
    );
    const seen = new Set(audit.map((a) => `${a.action} ${a.entity_type}`));
    for (const k of [
      'create manufacturing-order',
      'update manufacturing-order',
      'create custody-event',
      'create manufacturing-receipt',
      'read manufacturing-order',
      'read manufacturing-orders',
    ]) {
      expect(seen, k).toContain(k);
    }
    const events = await t.db.query<{ label: string; date: string }>(
      `select label, date::text as date from episode_events where episode_id = $1 and kind = 'manufacturing' order by date, created_at`,
      [cartEpisode]
    );
    expect(events[0]!.label).toBe(
      'Manufacturing ordered: Yescarta (axicabtagene ciloleucel) — LBCL, FL, CoI CHW999926000001'
    );
    expect(events.map((e) => e.label)).toEqual(
      expect.arrayContaining([
        'Custody (CoI CHW999926000001): Cell therapy lab → World Courier at 4 °C',
        'Product received (DIN W999926000123, 1 bag), CoI CHW999926000001 verified',
      ])
    );
  });
});
