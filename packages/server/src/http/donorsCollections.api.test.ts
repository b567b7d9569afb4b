import { mod37CheckOf } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCentre } from '../repo/centres';
import { insertDonorSearch, insertDonorSearchResults } from '../repo/donorSearches';
import { patientWithEpisodes } from '../testing/patientEpisodes';
import { addTestUser, type as, createTestApp, DRIVERS, signedIn, type TestContext } from '../testing/testApp';

interface DonorOut {
  id: string;
  source: string;
  status: string;
  statusOn: string;
  displayName: string;
  registryDonorId: string | null;
  hlaTyping: string | null;
  aboRh: string | null;
  cmv: string;
  sex: string | null;
  birthYear: number | null;
  cordTnc: number | null;
  cordBank: string | null;
  history: { status: string; on: string; recordedBy: string | null }[];
}
interface CollectionOut {
  id: string;
  status: string;
  targets: { minimum: number; target: number; maximum: number | null };
  recipientWeightKg: number;
  days: { id: string; collectedOn: string; productId: string | null; product: { din: string } | null }[];
  progress: {
    cumulativePerKg: number;
    status: string;
    anotherDayNeeded: boolean;
    remainingToTarget: number;
    days: { cd34PerKg: number; cumulativePerKg: number }[];
  } | null;
}

const din = (seq: number) => `W999926${String(seq).padStart(6, '0')}`;
const wrongCheck = (d: string) => (mod37CheckOf(d) === 'A' ? 'B' : 'A');

describe.each(DRIVERS)('donors and collections (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let lab: ReturnType<typeof as>;
  let auditor: ReturnType<typeof as>;
  let alloEpisode = '';
  let autoEpisode = '';
  let searchId = '';

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    coord = await signedIn(t, 'coordinator');
    nurse = await signedIn(t, 'nurse');
    lab = await signedIn(t, 'lab');
    auditor = await signedIn(t, 'auditor');
    [alloEpisode, autoEpisode] = (
      await patientWithEpisodes(coord, {
        patient: {
          mrn: 'COL-1',
          familyName: 'Collect',
          givenName: 'Cora',
          dateOfBirth: '1970-04-04',
          sex: 'female',
          weightKg: 70,
        },
        diagnosis: { disease: 'AML', diagnosisDate: '2025-11-01', status: 'CR1' },
        episodes: [
          { type: 'allogeneic-hct', plannedDayZero: '2026-05-01' },
          { type: 'autologous-hct', plannedDayZero: '2026-05-01' },
        ],
      })
    ).episodeIds;
    expect(autoEpisode).toMatch(/^[0-9a-f-]{36}$/);
    // A saved search with one adult donor and one cord unit, as donorSearches stores them.
    const s = await insertDonorSearch(t.db, {
      centreId: t.centreId,
      episodeId: alloEpisode,
      criteria: { loci: 10, maxMismatches: 2, donorKinds: ['adult', 'cord'], referenceYear: 2026 },
      patientTyping: 'A*01:01+A*02:01',
      release: '3.58.0',
      total: 2,
      userId: null,
    });
    searchId = s.id;
    await insertDonorSearchResults(t.db, searchId, [
      {
        rank: 1,
        donorId: 'D-0001',
        summary: {
          rank: 1,
          donorId: 'D-0001',
          registry: 'DE',
          kind: 'adult',
          sex: 'M',
          age: 31,
          abo: 'O',
          rh: '+',
          cmv: 'neg',
          loci: [
            { locus: 'A', donorTyping: 'A*01:01+A*02:01' },
            { locus: 'B', donorTyping: 'B*08:01+B*07:02' },
          ],
          cord: null,
        },
      },
      {
        rank: 2,
        donorId: 'C-0002',
        summary: {
          rank: 2,
          donorId: 'C-0002',
          registry: 'US',
          kind: 'cord',
          sex: 'F',
          age: 4,
          abo: 'A',
          rh: '-',
          cmv: null,
          loci: [],
          cord: { tncE7: 150, cd34E5: 40, bank: 'Test Bank' },
        },
      },
    ]);
  });
  afterAll(() => t.close());

  let donorId = '';

  it('chooses a donor from a saved search result, copying the stored details', async () => {
    const res = await coord.post(`/api/v1/episodes/${alloEpisode}/donors`, {
      kind: 'search-result',
      searchId,
      donorId: 'D-0001',
      weightKg: 82,
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<DonorOut>();
    expect(d).toMatchObject({
      source: 'unrelated',
      registryDonorId: 'D-0001',
      status: 'identified',
      statusOn: '2026-03-15',
      hlaTyping: 'A*01:01+A*02:01^B*08:01+B*07:02',
      aboRh: 'O+',
      cmv: 'negative',
      sex: 'male',
      birthYear: 1995,
    });
    expect(d.history).toEqual([{ status: 'identified', on: '2026-03-15', note: null, recordedBy: 'Test coordinator' }]);
    donorId = d.id;
    const cord = (
      await coord.post(`/api/v1/episodes/${alloEpisode}/donors`, { kind: 'search-result', searchId, donorId: 'C-0002' })
    ).json<DonorOut>();
    expect(cord).toMatchObject({ source: 'cord', cordTnc: 1.5e9, cordBank: 'Test Bank', aboRh: 'A-' });
    // The same registry donor twice, an unknown donor of the search, a third cord unit.
    expect(
      (
        await coord.post(`/api/v1/episodes/${alloEpisode}/donors`, {
          kind: 'search-result',
          searchId,
          donorId: 'D-0001',
        })
      ).statusCode
    ).toBe(409);
    expect(
      (await coord.post(`/api/v1/episodes/${alloEpisode}/donors`, { kind: 'search-result', searchId, donorId: 'NOPE' }))
        .statusCode
    ).toBe(400);
    expect(
      (await coord.post(`/api/v1/episodes/${alloEpisode}/donors`, { kind: 'cord', registryDonorId: 'C-9' })).statusCode
    ).toBe(201);
    const third = await coord.post(`/api/v1/episodes/${alloEpisode}/donors`, { kind: 'cord', registryDonorId: 'C-10' });
    expect(third.statusCode).toBe(409);
    expect(third.json<{ detail: string }>().detail).toMatch(/two cord units/);
  });

  it('adds a related donor, validating the GL string', async () => {
    const bad = await coord.post(`/api/v1/episodes/${alloEpisode}/donors`, {
      kind: 'related',
      relationship: 'sibling',
      match: 'hla-identical',
      hlaTyping: 'A*01:01 A*02:01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('hlaTyping');
    const ok = await coord.post(`/api/v1/episodes/${alloEpisode}/donors`, {
      kind: 'related',
      relationship: 'sibling',
      match: 'haploidentical',
      hlaTyping: 'A*01:01+A*03:01',
      sex: 'female',
      birthDate: '1975-02-02',
      aboRh: 'B+',
      cmv: 'positive',
      weightKg: 64,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<DonorOut>()).toMatchObject({
      source: 'related',
      displayName: 'Sibling (Haploidentical)',
      birthYear: 1975,
    });
    const id = ok.json<DonorOut>().id;
    const patched = await coord.send('PATCH', `/api/v1/donors/${id}`, { aboRh: 'O-', weightKg: 66 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<DonorOut & { weightKg: number }>()).toMatchObject({
      aboRh: 'O-',
      weightKg: 66,
      cmv: 'positive',
      sex: 'female',
    });
    expect((await coord.send('PATCH', `/api/v1/donors/${id}`, { hlaTyping: 'A*01:01 ^' })).statusCode).toBe(400);
  });

  it('refuses a donor for an autologous episode: the patient is the source', async () => {
    const res = await coord.post(`/api/v1/episodes/${autoEpisode}/donors`, {
      kind: 'related',
      relationship: 'sibling',
      match: 'hla-identical',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toMatch(/patient is the source/);
    expect(
      (await nurse.get(`/api/v1/episodes/${autoEpisode}/donors`)).json<{
        takesDonor: boolean;
        donors: unknown[];
        patient: { mrn: string; weightKg: number };
      }>()
    ).toMatchObject({ takesDonor: false, donors: [], patient: { mrn: 'COL-1', weightKg: 70 } });
  });

  it('moves the work-up step by step and refuses invalid moves with 409', async () => {
    const skip = await coord.post(`/api/v1/donors/${donorId}/status`, {
      status: 'medically-cleared',
      on: '2026-03-16',
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.headers['content-type']).toMatch(/problem\+json/);
    expect(skip.json<{ detail: string }>().detail).toBe(
      'a donor at identified cannot move to medically cleared (next: confirmatory typing or cancelled)'
    );
    const early = await coord.post(`/api/v1/donors/${donorId}/status`, {
      status: 'confirmatory-typing',
      on: '2026-03-01',
    });
    expect(early.statusCode).toBe(409);
    const steps = [
      ['confirmatory-typing', '2026-03-16'],
      ['workup', '2026-03-20'],
      ['medically-cleared', '2026-03-25'],
      ['collection-scheduled', '2026-03-26'],
      ['collected', '2026-04-01'],
    ] as const;
    for (const [status, on] of steps) {
      const res = await coord.post(`/api/v1/donors/${donorId}/status`, { status, on });
      expect(res.statusCode, res.body).toBe(200);
    }
    const d = (await nurse.get(`/api/v1/episodes/${alloEpisode}/donors`))
      .json<{ donors: DonorOut[] }>()
      .donors.find((x) => x.id === donorId)!;
    expect(d.history.map((h) => h.status)).toEqual([
      'identified',
      'confirmatory-typing',
      'workup',
      'medically-cleared',
      'collection-scheduled',
      'collected',
    ]);
    const cancel = await coord.post(`/api/v1/donors/${donorId}/status`, { status: 'cancelled', on: '2026-04-02' });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json<{ detail: string }>().detail).toMatch(/work-up is over/);
    // The timeline shows each step.
    const events = await t.db.query<{ kind: string; label: string }>(
      `select kind, label from episode_events where episode_id = $1 and kind = 'donor' order by date, created_at`,
      [alloEpisode]
    );
    expect(events.map((e) => e.label)).toEqual(
      expect.arrayContaining([
        'Donor chosen: Registry donor D-0001 (DE)',
        'Registry donor D-0001 (DE): medically cleared',
      ])
    );
  });

  it('refuses donor writes to nurses and auditors', async () => {
    expect(
      (await nurse.post(`/api/v1/episodes/${alloEpisode}/donors`, { kind: 'cord', registryDonorId: 'X' })).statusCode
    ).toBe(403);
    expect(
      (await auditor.post(`/api/v1/donors/${donorId}/status`, { status: 'cancelled', on: '2026-04-02' })).statusCode
    ).toBe(403);
  });

  let collectionId = '';

  it('records an autologous apheresis with two days, the cumulative CD34+/kg and the bags', async () => {
    const created = await coord.post(`/api/v1/episodes/${autoEpisode}/collections`, {
      method: 'apheresis',
      mobilisation: 'G-CSF + plerixafor',
      plannedOn: '2026-03-16',
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<CollectionOut>();
    expect(c).toMatchObject({
      status: 'planned',
      recipientWeightKg: 70,
      targets: { minimum: 2, target: 4, maximum: null },
    });
    expect(c.progress).toMatchObject({ cumulativePerKg: 0, status: 'below minimum' });
    collectionId = c.id;

    // A wrong keyboard check character is refused with the message and nothing is stored.
    const d1 = din(1);
    const wrong = await nurse.post(`/api/v1/collections/${collectionId}/days`, {
      collectedOn: '2026-03-13',
      processedVolumeL: 18,
      cd34Cells: 1.54e8,
      product: { din: `${d1}${wrongCheck(d1)}`, productCode: 'S1295', kind: 'hpc-apheresis', volumeMl: 250 },
    });
    expect(wrong.statusCode).toBe(400);
    const p = wrong.json<{ detail: string; errors: { path: string; message: string }[] }>();
    expect(p.errors[0]!.path).toBe('product.din');
    expect(p.detail).toMatch(
      new RegExp(`check character ${wrongCheck(d1)} does not match computed ${mod37CheckOf(d1)}`)
    );
    expect(
      (await nurse.get(`/api/v1/episodes/${autoEpisode}/collections`)).json<CollectionOut[]>()[0]!.days
    ).toHaveLength(0);

    const day1 = await nurse.post(`/api/v1/collections/${collectionId}/days`, {
      collectedOn: '2026-03-13',
      processedVolumeL: 18,
      cd34Cells: 1.54e8,
      product: { din: `${d1}${mod37CheckOf(d1)}`, productCode: 'S1295', kind: 'hpc-apheresis', volumeMl: 250 },
    });
    expect(day1.statusCode, day1.body).toBe(201);
    const after1 = day1.json<CollectionOut>();
    expect(after1.status).toBe('in-progress');
    expect(after1.progress).toMatchObject({
      cumulativePerKg: 2.2,
      status: 'minimum reached',
      anotherDayNeeded: true,
      remainingToTarget: 1.8,
    });
    expect(after1.days[0]!.product!.din).toBe(d1);

    expect(
      (await nurse.post(`/api/v1/collections/${collectionId}/days`, { collectedOn: '2026-03-13', cd34Cells: 1e8 }))
        .statusCode
    ).toBe(409);
    const day2 = await nurse.post(`/api/v1/collections/${collectionId}/days`, {
      collectedOn: '2026-03-14',
      processedVolumeL: 20,
      cd34Cells: 1.4e8,
    });
    const after2 = day2.json<CollectionOut>();
    expect(after2.progress).toMatchObject({
      cumulativePerKg: 4.2,
      status: 'target reached',
      anotherDayNeeded: false,
      remainingToTarget: 0,
    });
    expect(after2.progress!.days.map((d) => d.cd34PerKg)).toEqual([2.2, 2]);

    // The lab registers day 2's bag afterwards; the product is linked both ways.
    const day2Id = after2.days[1]!.id;
    const bag = await lab.post(`/api/v1/collections/${collectionId}/days/${day2Id}/product`, {
      din: din(2),
      productCode: 'S1295',
      kind: 'hpc-apheresis',
    });
    expect(bag.statusCode, bag.body).toBe(201);
    expect(
      bag.json<{ collectionId: string; donorId: string | null; cd34Cells: number; status: string }>()
    ).toMatchObject({ collectionId, donorId: null, cd34Cells: 1.4e8, status: 'collected' });
    expect(
      (
        await lab.post(`/api/v1/collections/${collectionId}/days/${day2Id}/product`, {
          din: din(3),
          productCode: 'S1295',
          kind: 'hpc-apheresis',
        })
      ).statusCode
    ).toBe(409);
    const prods = await t.db.query<{ n: number | string }>(
      'select count(*) as n from products where collection_id = $1',
      [collectionId]
    );
    expect(Number(prods[0]!.n)).toBe(2);
  });

  it('moves the collection status and refuses invalid moves', async () => {
    expect(
      (await coord.post(`/api/v1/collections/${collectionId}/status`, { status: 'planned', on: '2026-03-17' }))
        .statusCode
    ).toBe(409);
    const done = await coord.post(`/api/v1/collections/${collectionId}/status`, {
      status: 'complete',
      on: '2026-03-17',
    });
    expect(done.statusCode, done.body).toBe(200);
    const again = await coord.post(`/api/v1/collections/${collectionId}/status`, {
      status: 'cancelled',
      on: '2026-03-18',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ detail: string }>().detail).toBe(
      'a collection that is complete cannot become cancelled (it is final)'
    );
    const more = await nurse.post(`/api/v1/collections/${collectionId}/days`, {
      collectedOn: '2026-03-15',
      cd34Cells: 1e8,
    });
    expect(more.statusCode).toBe(409);
    const empty = (
      await coord.post(`/api/v1/episodes/${autoEpisode}/collections`, { method: 'bm-harvest' })
    ).json<CollectionOut>();
    expect(
      (await coord.post(`/api/v1/collections/${empty.id}/status`, { status: 'complete', on: '2026-03-18' })).json<{
        detail: string;
      }>().detail
    ).toMatch(/at least one collection day/);
  });

  it('requires the donor for an allogeneic collection and uses allogeneic targets', async () => {
    expect(
      (await coord.post(`/api/v1/episodes/${alloEpisode}/collections`, { method: 'apheresis', recipientWeightKg: 70 }))
        .statusCode
    ).toBe(400);
    const c = await coord.post(`/api/v1/episodes/${alloEpisode}/collections`, {
      method: 'apheresis',
      donorId,
      mobilisation: 'G-CSF',
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json<CollectionOut>().targets).toEqual({ minimum: 2, target: 4, maximum: 8 });
    const custom = await coord.post(`/api/v1/episodes/${autoEpisode}/collections`, {
      method: 'apheresis',
      tandem: true,
    });
    expect(custom.json<CollectionOut>().targets).toEqual({ minimum: 4, target: 8, maximum: null });
  });

  it('refuses collection writes to the auditor and the HLA team', async () => {
    const hla = await signedIn(t, 'hla');
    expect(
      (await hla.post(`/api/v1/episodes/${autoEpisode}/collections`, { method: 'leukapheresis' })).statusCode
    ).toBe(403);
    expect(
      (await auditor.post(`/api/v1/collections/${collectionId}/days`, { collectedOn: '2026-03-19' })).statusCode
    ).toBe(403);
    expect((await auditor.get(`/api/v1/episodes/${autoEpisode}/collections`)).statusCode).toBe(200);
  });

  it('writes the audit events and the timeline', async () => {
    const audit = await t.db.query<{ action: string; entity_type: string }>(
      `select action, entity_type from audit_events where entity_type in ('donor', 'donors', 'collection', 'collections', 'collection-day', 'product') order by seq`
    );
    expect(new Set(audit.map((a) => `${a.action} ${a.entity_type}`))).toEqual(
      new Set([
        'create donor',
        'update donor',
        'read donors',
        'create collection',
        'update collection',
        'read collections',
        'create collection-day',
        'create product',
      ])
    );
    const events = await t.db.query<{ label: string }>(
      `select label from episode_events where episode_id = $1 and kind = 'collection' order by date, created_at`,
      [autoEpisode]
    );
    expect(events.map((e) => e.label)).toEqual(
      expect.arrayContaining([
        `Peripheral blood apheresis day 1: CD34+ 2.20 ×10⁶/kg (cumulative 2.20) · bag ${din(1)} S1295`,
        'Peripheral blood apheresis day 2: CD34+ 2.00 ×10⁶/kg (cumulative 4.20)',
        'Peripheral blood apheresis complete: CD34+ 4.20 ×10⁶/kg in 2 day(s)',
      ])
    );
  });

  it('refuses a collection day after today and asks for a confirmation of an implausible count, recorded with the bag (H-COUNT-7)', async () => {
    const c = (
      await coord.post(`/api/v1/episodes/${autoEpisode}/collections`, { method: 'apheresis', mobilisation: 'G-CSF' })
    ).json<CollectionOut>();
    const future = await nurse.post(`/api/v1/collections/${c.id}/days`, { collectedOn: '2026-03-16', cd34Cells: 1e8 });
    expect(future.statusCode).toBe(422);
    expect(future.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
      path: 'collectedOn',
      message: expect.stringMatching(/after today \(2026-03-15\)/),
    });
    expect(
      (
        await nurse.post(`/api/v1/collections/${c.id}/days`, {
          collectedOn: '2026-03-12',
          cd34Cells: 2e8,
          tncCells: 1e8,
        })
      ).json<{ errors: { path: string }[] }>().errors[0]!.path
    ).toBe('cd34Cells');
    const low = await nurse.post(`/api/v1/collections/${c.id}/days`, { collectedOn: '2026-03-12', cd34Cells: 5e5 });
    expect(low.statusCode).toBe(422);
    expect(low.json<{ code: string; errors: { path: string; message: string }[] }>()).toMatchObject({
      code: 'confirmation-required',
      errors: [{ path: 'cd34Cells', message: expect.stringMatching(/below the usual range/) }],
    });
    const reason = 'poor mobiliser; count repeated on a second sample';
    const ok = await nurse.post(`/api/v1/collections/${c.id}/days`, {
      collectedOn: '2026-03-12',
      cd34Cells: 5e5,
      product: { din: din(40), productCode: 'S1295', kind: 'hpc-apheresis', volumeMl: 200 },
      confirmations: [{ field: 'cd34Cells', reason }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const productId = ok.json<CollectionOut>().days[0]!.productId!;
    const registered = await t.db.query<{ details: Record<string, unknown> | string }>(
      `select details from product_events where product_id = $1 and kind = 'registered'`,
      [productId]
    );
    const details =
      typeof registered[0]!.details === 'string'
        ? (JSON.parse(registered[0]!.details) as Record<string, unknown>)
        : registered[0]!.details;
    expect(details.confirmed).toEqual({ cd34Cells: reason });
    const audit = await t.db.query<{ reason: string | null }>(
      `select reason from audit_events where entity_type = 'collection-day' order by seq desc limit 1`
    );
    expect(audit[0]!.reason).toBe(`cd34Cells: ${reason}`);
  });

  it('keeps another centre out', async () => {
    const other = await findOrCreateCentre(t.db, 'Other Centre');
    await addTestUser(t, {
      username: 'other-coord-dc',
      displayName: 'Other',
      roles: ['coordinator'],
      centreId: other.id,
    });
    const theirs = await signedIn(t, 'other-coord-dc');
    expect((await theirs.get(`/api/v1/episodes/${autoEpisode}/collections`)).statusCode).toBe(404);
    expect(
      (await theirs.post(`/api/v1/donors/${donorId}/status`, { status: 'cancelled', on: '2026-04-02' })).statusCode
    ).toBe(404);
    expect(
      (await theirs.post(`/api/v1/collections/${collectionId}/days`, { collectedOn: '2026-03-19' })).statusCode
    ).toBe(404);
  });
});
