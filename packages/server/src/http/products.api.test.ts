import { mod37CheckOf } from '@engraft/domain';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientWithEpisodes } from '../testing/patientEpisodes';
import { addTestUser, type as, createTestApp, DRIVERS, signedIn, type TestContext } from '../testing/testApp';

type Client = ReturnType<typeof as>;
interface Detail {
  product: {
    id: string;
    status: string;
    din: string;
    tncCells: number | null;
    cd34Cells: number | null;
    dinCheckCharacter: string;
    cryopreserved: boolean;
    sterility: string;
    storage: unknown;
    collectionType: string;
    releaseRequestedBy: string | null;
    releasedBy: string | null;
    viabilityPct: number | null;
  };
  doses: { measure: string; value: number; unit: string; adequate: boolean | null }[] | null;
  dosesNote: string | null;
  postThaw: { counts: Record<string, number> } | null;
  release: {
    releasable: boolean;
    blockers: string[];
    warnings: string[];
    requestedBy: string | null;
    releasedBy: string | null;
  };
  label: { printable: boolean; blockers: string[] };
  discardRequest: { requestedBy: string | null; reason: string } | null;
  events: {
    kind: string;
    performedBy: string | null;
    performedAt: string;
    details: Record<string, unknown>;
    statusAfter: string | null;
  }[];
  eyeReadable: { din: string; checkCharacter: string };
  barcodes: { din: string; productCode: string; expiry: string | null; compound: string };
}

let seq = 0;
/** A fresh valid DIN of the test facility W9999, year 26. */
const nextDin = () => `W999926${String(++seq + 100).padStart(6, '0')}`;

describe.each(DRIVERS)('cell product lifecycle in the processing lab (%s)', (driver) => {
  let t: TestContext;
  let lab: Client;
  let lab2: Client;
  let nurse: Client;
  let physician: Client;
  let autoEpisode = '';
  let alloEpisode = '';

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    await addTestUser(t, { username: 'lab2', displayName: 'Second Lab', roles: ['lab'] });
    lab = await signedIn(t, 'lab');
    lab2 = await signedIn(t, 'lab2');
    nurse = await signedIn(t, 'nurse');
    physician = await signedIn(t, 'physician');
    [autoEpisode, alloEpisode] = (
      await patientWithEpisodes(await signedIn(t, 'coordinator'), {
        patient: {
          mrn: 'LAB-1',
          familyName: 'Aspen',
          givenName: 'Ada',
          dateOfBirth: '1970-02-02',
          sex: 'female',
          aboRh: 'O+',
          weightKg: 70,
        },
        diagnosis: { disease: 'MM', diagnosisDate: '2025-10-01', status: 'CR1' },
        episodes: [
          { type: 'autologous-hct', plannedDayZero: '2026-04-20' },
          { type: 'allogeneic-hct', plannedDayZero: '2026-06-20' },
        ],
      })
    ).episodeIds;
    expect(autoEpisode).toMatch(/^[0-9a-f-]{36}$/);
  });
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>, episode = autoEpisode, who: Client = lab) =>
    who.post(`/api/v1/episodes/${episode}/products`, {
      din: nextDin(),
      productCode: 'S1295',
      kind: 'hpc-apheresis',
      volumeMl: 250,
      tncCells: 4e10,
      cd34Cells: 3.5e8,
      viabilityPct: 97,
      ...body,
    });
  const ok = async (res: Awaited<ReturnType<Client['post']>>, code = 200): Promise<Detail> => {
    expect(res.statusCode, res.body).toBe(code);
    return res.json<Detail>();
  };
  const auditOf = async (productId: string) =>
    (
      await t.db.query<{ action: string; entity_type: string }>(
        'select action, entity_type from audit_events where entity_id = $1 order by seq',
        [productId]
      )
    ).map((r) => `${r.action} ${r.entity_type}`);

  it('registers a product with a checked DIN (bar-code, eye-readable and keyboard forms) and computes doses per kg', async () => {
    const din = nextDin();
    const d = await ok(await register({ din: `=${din}00` }), 201);
    expect(d.product).toMatchObject({ din, status: 'collected', collectionType: '1', sterility: 'pending' });
    expect(d.eyeReadable).toEqual({
      din: `${din.slice(0, 5)} ${din.slice(5, 7)} ${din.slice(7)}`,
      checkCharacter: mod37CheckOf(din),
    });
    // 3.5e8 CD34+ / 70 kg = 5 x10^6/kg; 4e10 TNC / 70 kg = 5.71 x10^8/kg.
    expect(d.doses?.[0]).toMatchObject({ measure: 'cd34', unit: 'x10^6/kg', adequate: true });
    expect(d.doses?.[0]?.value).toBeCloseTo(5, 6);
    expect(d.doses?.[1]?.value).toBeCloseTo(5.714, 2);
    expect(d.events.map((e) => [e.kind, e.performedBy])).toEqual([['registered', 'Test lab']]);
    expect(d.barcodes.productCode).toBe('=<S1295100');
    const spaced = nextDin();
    expect(
      (
        await register({
          din: `${spaced.slice(0, 5)} ${spaced.slice(5, 7)} ${spaced.slice(7)} ${mod37CheckOf(spaced)}`,
        })
      ).statusCode
    ).toBe(201);
    expect(await auditOf(d.product.id)).toEqual(['create product']);
    const events = await t.db.query<{ kind: string; label: string }>(
      'select kind, label from episode_events where episode_id = $1 and kind = $2',
      [autoEpisode, 'product']
    );
    expect(events.some((e) => e.label.includes(d.eyeReadable.din))).toBe(true);
  });

  it('refuses a wrong check character or type 3 flag with 422 and the field path; a duplicate with 409', async () => {
    const din = nextDin();
    const wrong = mod37CheckOf(din) === 'A' ? 'B' : 'A';
    const bad = await register({ din: `${din}${wrong}` });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
      path: 'din',
      message: expect.stringMatching(/check character .* does not match/),
    });
    const flag = await register({ din: `=${din}${din.endsWith('0') ? 95 : 96}` });
    const expectedFlag = String(60 + '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*'.indexOf(mod37CheckOf(din)));
    if (expectedFlag !== '95' && expectedFlag !== '96') {
      expect(flag.statusCode).toBe(422);
      expect(flag.json<{ detail: string }>().detail).toMatch(/type 3 check flag/);
    }
    const badCoi = await register({ coi: 'CXW999926AB12C4' });
    expect(badCoi.statusCode).toBe(422);
    expect(badCoi.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('coi');
    const badType = await register({ collectionType: '?' });
    expect(badType.statusCode).toBe(400);
    const first = await ok(await register({ din, division: 'A0' }), 201);
    const dupe = await register({ din, division: 'A0' });
    expect(dupe.statusCode).toBe(409);
    expect(dupe.json<{ detail: string }>().detail).toMatch(/already registered/);
    expect((await register({ din, division: 'B0' })).statusCode).toBe(201);
    expect(first.product.din).toBe(din);
  });

  it('walks processing → cryopreservation → storage → QC → two-person release → thaw, with who/when', async () => {
    const p = await ok(await register({}), 201);
    const id = p.product.id;
    const url = (a: string) => `/api/v1/products/${id}${a ? `/${a}` : ''}`;
    // Thaw before release: refused.
    const early = await lab.post(url('thaw'), {});
    expect(early.statusCode).toBe(409);
    expect(early.json<{ detail: string }>().detail).toMatch(/cryopreserved|released/);
    let d = await ok(
      await lab.post(url('processing'), { step: 'plasma-depletion', counts: { volumeMl: 120, cd34Cells: 3.3e8 } })
    );
    expect(d.product.status).toBe('processing');
    d = await ok(await lab.post(url('processing'), { step: 'volume-reduction', counts: { volumeMl: 100 } }));
    expect(d.product.status).toBe('processing');
    d = await ok(
      await lab.post(url('processing'), {
        step: 'cryopreservation',
        counts: { viabilityPct: 96 },
        storage: { freezer: 'LN2 tank 1', rack: '3', box: 'B', position: '12' },
      })
    );
    expect(d.product).toMatchObject({
      status: 'stored',
      cryopreserved: true,
      storage: { freezer: 'LN2 tank 1', rack: '3', box: 'B', position: '12' },
      viabilityPct: 96,
    });
    expect((await lab.post(url('processing'), { step: 'cryopreservation' })).statusCode).toBe(409);
    d = await ok(
      await lab.post(url('storage'), { location: { freezer: 'LN2 tank 2', rack: '1', box: 'A', position: '4' } })
    );
    expect(d.events.at(-1)).toMatchObject({
      kind: 'storage-move',
      details: { from: { freezer: 'LN2 tank 1' }, to: { freezer: 'LN2 tank 2' } },
    });
    d = await ok(await lab.post(url('qc'), { test: 'sterility', outcome: 'negative' }));
    expect(d.product.sterility).toBe('negative');
    await ok(await lab.post(url('qc'), { test: 'cfu', value: 85, unit: 'CFU-GM/10^5' }));
    // Release: first signature by lab, the same user again is refused, a different lab user confirms.
    expect((await lab.post(url('release'), {})).json<{ detail: string }>().detail).toMatch(/has not been requested/);
    d = await ok(await lab.post(url('release-request'), { note: 'record reviewed' }));
    expect(d.release.requestedBy).toBe('Test lab');
    expect(d.product.status).toBe('stored');
    const twice = await lab.post(url('release'), {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ detail: string }>().detail).toMatch(/different person/);
    expect((await lab.post(url('release-request'), {})).statusCode).toBe(409);
    d = await ok(await lab2.post(url('release'), {}));
    expect(d.product).toMatchObject({ status: 'released', releaseRequestedBy: 'Test lab', releasedBy: 'Second Lab' });
    d = await ok(await lab.post(url('thaw'), { counts: { viabilityPct: 88, cd34Cells: 3.0e8 } }));
    expect(d.product.status).toBe('thawed');
    expect(d.postThaw?.counts).toEqual({ viabilityPct: 88, cd34Cells: 3.0e8 });
    expect(d.product.storage).toBeNull();
    expect(d.events.map((e) => e.kind)).toEqual([
      'registered',
      'processed',
      'processed',
      'cryopreserved',
      'storage-move',
      'qc',
      'qc',
      'release-requested',
      'released',
      'thawed',
    ]);
    expect(d.events.find((e) => e.kind === 'released')?.performedBy).toBe('Second Lab');
    expect(await auditOf(id)).toEqual([
      'create product',
      'update product',
      'update product',
      'update product',
      'update product',
      'update product',
      'update product',
      'release-request product',
      'release product',
      'update product',
    ]);
    const timeline = await t.db.query<{ label: string }>(
      'select label from episode_events where episode_id = $1 and kind = $2 order by created_at',
      [autoEpisode, 'product']
    );
    expect(timeline.filter((e) => e.label.includes(d.eyeReadable.din)).map((e) => e.label.split(':')[0])).toEqual([
      'Product registered',
      'Product cryopreserved',
      'Product released (two signatures)',
      'Product thawed',
    ]);
    // Thawed products can only be infused or discarded; once discarded nothing moves.
    expect((await lab.post(url('processing'), { step: 'volume-reduction' })).statusCode).toBe(409);
    expect((await lab.post(url('discard-request'), {})).statusCode).toBe(400);
    await ok(await lab.post(url('discard-request'), { reason: 'bag damaged at thaw' }));
    d = await ok(await lab2.post(url('discard'), { reason: 'seen: bag split at the port' }));
    expect(d.product.status).toBe('discarded');
    const again = await lab.post(url('discard-request'), { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ detail: string }>().detail).toMatch(/it is final/);
  });

  it('blocks release for a positive culture unless a physician records an exceptional release', async () => {
    const id = (await ok(await register({ cryopreserved: true, storage: { freezer: 'LN2 tank 1' } }), 201)).product.id;
    const url = (a: string) => `/api/v1/products/${id}${a ? `/${a}` : ''}`;
    await ok(await lab.post(url('qc'), { test: 'sterility', outcome: 'positive', organism: 'S. epidermidis' }));
    const blocked = await lab.post(url('release-request'), {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<{ detail: string }>().detail).toMatch(/sterility culture is positive/);
    expect((await lab.post(url('release-exception'), { reason: 'no other graft' })).statusCode).toBe(403);
    expect((await physician.post(url('release-exception'), {})).statusCode).toBe(400);
    await ok(
      await physician.post(url('release-exception'), {
        reason: 'no alternative graft; coagulase-negative staphylococcus, antibiotic cover',
      })
    );
    await ok(await lab.post(url('release-request'), {}));
    const d = await ok(await lab2.post(url('release'), {}));
    expect(d.product.status).toBe('released');
    expect(d.events.find((e) => e.kind === 'released')?.details.exception).toMatchObject({ by: 'Test physician' });
    expect(await auditOf(id)).toContain('release-exception product');
  });

  it('blocks release for missing counts and for expiry, and a processing step voids a first signature', async () => {
    const bare = (await ok(await register({ cd34Cells: undefined, viabilityPct: undefined }), 201)).product.id;
    const res = await lab.post(`/api/v1/products/${bare}/release-request`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toMatch(/missing counts: viability, CD34\+ cells/);
    const expired = (await ok(await register({ expiresAt: '2020-01-01T00:00:00Z' }), 201)).product.id;
    expect(
      (await lab.post(`/api/v1/products/${expired}/release-request`, {})).json<{ detail: string }>().detail
    ).toMatch(/expired/);
    const p = (await ok(await register({}), 201)).product.id;
    await ok(await lab.post(`/api/v1/products/${p}/release-request`, {}));
    const d = await ok(
      await lab.post(`/api/v1/products/${p}/processing`, { step: 'red-cell-depletion', counts: { volumeMl: 90 } })
    );
    expect(d.release.requestedBy).toBeNull();
    expect((await lab2.post(`/api/v1/products/${p}/release`, {})).json<{ detail: string }>().detail).toMatch(
      /has not been requested/
    );
  });

  it('ships and receives, refuses moves the status machine forbids, and thaw of a fresh product', async () => {
    const id = (await ok(await register({}), 201)).product.id;
    const url = (a: string) => `/api/v1/products/${id}${a ? `/${a}` : ''}`;
    let d = await ok(await lab.post(url('ship'), { destination: 'Partner centre cryo lab' }));
    expect(d.product.status).toBe('shipped');
    expect((await lab.post(url('storage'), { location: { freezer: 'F1' } })).statusCode).toBe(200); // shipped → stored is allowed
    d = await ok(await lab.post(url('ship'), { destination: 'Manufacturer' }));
    d = await ok(await lab.post(url('receive'), { condition: 'fresh', from: 'Manufacturer' }));
    expect(d.product.status).toBe('collected');
    await ok(await lab.post(url('release-request'), {}));
    await ok(await lab2.post(url('release'), {}));
    const thaw = await lab.post(url('thaw'), {});
    expect(thaw.statusCode).toBe(409);
    expect(thaw.json<{ detail: string }>().detail).toMatch(/fresh/);
    expect((await lab.post(url('processing'), { step: 'cd34-selection' })).json<{ detail: string }>().detail).toMatch(
      /cannot record cd34\+ selection: a product that is released for infusion cannot become in processing/
    );
    // An infused product cannot be discarded.
    await t.db.query("update products set status = 'infused' where id = $1", [id]);
    const discard = await lab.post(url('discard-request'), { reason: 'not needed' });
    expect(discard.statusCode).toBe(409);
    expect(discard.json<{ detail: string }>().detail).toMatch(/infused cannot become discarded/);
  });

  it('lists the episode’s products and the lab worklist with awaiting-signature and inventory', async () => {
    const awaiting = (
      await ok(await register({ cryopreserved: true, storage: { freezer: 'LN2 tank 3', rack: '2' } }, alloEpisode), 201)
    ).product.id;
    await ok(await lab.post(`/api/v1/products/${awaiting}/release-request`, {}));
    const list = await nurse.get(`/api/v1/episodes/${alloEpisode}/products`);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ id: string }[]>().map((p) => p.id)).toContain(awaiting);
    const wl = await nurse.get('/api/v1/products');
    expect(wl.statusCode).toBe(200);
    const row = wl
      .json<{
        products: {
          id: string;
          awaitingSecondSignature: boolean;
          patient: { mrn: string };
          storage: { freezer: string } | null;
          status: string;
        }[];
      }>()
      .products.find((p) => p.id === awaiting);
    expect(row).toMatchObject({
      awaitingSecondSignature: true,
      patient: { mrn: 'LAB-1' },
      storage: { freezer: 'LN2 tank 3' },
      status: 'stored',
    });
    const stored = (await nurse.get('/api/v1/products?status=stored,released')).json<{
      products: { status: string }[];
    }>().products;
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((p) => ['stored', 'released'].includes(p.status))).toBe(true);
    expect((await nurse.get('/api/v1/products?status=frozen')).statusCode).toBe(400);
    const detail = await ok(await nurse.get(`/api/v1/products/${awaiting}`));
    expect(detail.product.collectionType).toBe('V');
    expect(detail.release.warnings[0]).toMatch(/pending/);
  });

  it('prints an ISBT 128 label PDF with the bar-code data, as lab only, and records it', async () => {
    const p = await ok(await register({ expiresAt: '2026-12-01T23:59:00Z', aboRh: 'O+', cryopreserved: true }), 201);
    const res = await lab.get(`/api/v1/products/${p.product.id}/label.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(res.rawPayload);
    expect(pdf.getPageCount()).toBe(1);
    const din = p.product.din;
    const flag = 60 + '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*'.indexOf(mod37CheckOf(din));
    expect(pdf.getKeywords()).toBe(
      [`=${din}${flag}`, '=<S1295100', '&>0263352359', `=+03000=${din}${flag}=<S1295100&>0263352359`].join(' ')
    );
    const { width } = pdf.getPage(0).getSize();
    expect(Math.round(width)).toBe(283); // 100 mm
    // No patient data in the file name or URL.
    expect(res.headers['content-disposition']).toBe(`inline; filename="label-${din}-00.pdf"`);
    const d = await ok(await lab.get(`/api/v1/products/${p.product.id}`));
    expect(d.events.at(-1)).toMatchObject({ kind: 'label-printed', performedBy: 'Test lab' });
    expect(await auditOf(p.product.id)).toContain('print product');
    expect((await nurse.get(`/api/v1/products/${p.product.id}/label.pdf`)).statusCode).toBe(403);
  });

  type Problem = { status: number; code?: string; detail: string; errors?: { path: string; message: string }[] };
  const problem = (res: Awaited<ReturnType<Client['post']>>, code: number): Problem => {
    expect(res.statusCode, res.body).toBe(code);
    return res.json<Problem>();
  };
  const auditRows = async (productId: string) =>
    t.db.query<{ action: string; reason: string | null; after: Record<string, unknown> | string | null }>(
      'select action, reason, after from audit_events where entity_id = $1 order by seq',
      [productId]
    );

  it('stores a count typed as 4e10 as 4e10 exactly (H-COUNT-1)', async () => {
    const id = (await ok(await register({ tncCells: 4.1e10 }), 201)).product.id;
    const d = await ok(
      await lab.post(`/api/v1/products/${id}/processing`, {
        step: 'plasma-depletion',
        counts: { tncCells: 4e10, cd34Cells: 3.4e8 },
      })
    );
    expect(d.product.tncCells).toBe(40_000_000_000);
    expect(d.product.cd34Cells).toBe(340_000_000);
  });

  it('refuses a post-processing TNC of 4.01 after 4.1e10 without a confirmation and records the reason given with one (H-COUNT-4)', async () => {
    const id = (await ok(await register({ kind: 'hpc-marrow', tncCells: 4.1e10, cd34Cells: undefined }), 201)).product
      .id;
    const url = (a: string) => `/api/v1/products/${id}${a ? `/${a}` : ''}`;
    const refused = problem(
      await lab.post(url('processing'), { step: 'red-cell-depletion', counts: { tncCells: 4.01 } }),
      422
    );
    expect(refused.code).toBe('confirmation-required');
    expect(refused.errors).toEqual([
      {
        path: 'counts.tncCells',
        message: expect.stringMatching(
          /TNC 4.01 cells is below the usual range.*; TNC 4.01 after processing is 0 % of 4.1 × 10¹⁰ before: a recovery below 10 %/
        ),
      },
    ]);
    expect((await ok(await lab.get(url('')))).product.tncCells).toBe(4.1e10);
    const reason = 'recounted twice on the Sysmex: the bag was mostly lost at depletion';
    const d = await ok(
      await lab.post(url('processing'), {
        step: 'red-cell-depletion',
        counts: { tncCells: 4.01 },
        confirmations: [{ field: 'counts.tncCells', reason }],
      })
    );
    expect(d.product.tncCells).toBe(4.01);
    expect(d.events.at(-1)?.details.confirmed).toEqual({ tncCells: reason });
    const last = (await auditRows(id)).at(-1)!;
    expect(last.reason).toBe(`counts.tncCells: ${reason}`);
    const after = typeof last.after === 'string' ? (JSON.parse(last.after) as Record<string, unknown>) : last.after;
    expect(after?.confirmations).toEqual([
      { field: 'counts.tncCells', reason, finding: expect.stringMatching(/below the usual range/) },
    ]);
    expect(d.release.blockers.join()).not.toMatch(/unconfirmed/);
    expect(d.label.printable).toBe(true);
    // A rise above 110 % of the count before is a finding too.
    expect(
      problem(await lab.post(url('processing'), { step: 'volume-reduction', counts: { tncCells: 5 } }), 422).errors?.[0]
        ?.message
    ).toMatch(/cannot rise by more than measurement error/);
  });

  it('refuses impossible counts and future times, naming the field (H-COUNT-2, H-COUNT-6)', async () => {
    const id = (await ok(await register({ tncCells: 4e10 }), 201)).product.id;
    const url = (a: string) => `/api/v1/products/${id}${a ? `/${a}` : ''}`;
    expect(
      problem(await lab.post(url('processing'), { step: 'buffy-coat', counts: { tncCells: 0 } }), 400).errors?.[0]
    ).toMatchObject({ path: 'counts.tncCells', message: 'TNC must be more than 0 cells' });
    expect(
      problem(await lab.post(url('processing'), { step: 'buffy-coat', counts: { viabilityPct: 101 } }), 400).errors?.[0]
        ?.path
    ).toBe('counts.viabilityPct');
    expect(
      problem(await lab.post(url('processing'), { step: 'buffy-coat', counts: { cd34Cells: 5e10 } }), 400).errors?.[0]
    ).toMatchObject({
      path: 'counts.cd34Cells',
      message: expect.stringMatching(/cannot be more than the TNC \(4 × 10¹⁰ cells\)/),
    });
    expect(problem(await lab.post(url('qc'), { test: 'cd34', value: 5e10 }), 400).errors?.[0]?.path).toBe('value');
    const future = new Date(Date.now() + 60 * 60_000).toISOString();
    expect(
      problem(await lab.post(url('processing'), { step: 'buffy-coat', performedAt: future }), 422).errors?.[0]
    ).toMatchObject({ path: 'performedAt', message: expect.stringMatching(/in the future/) });
    expect(
      problem(await lab.post(url('qc'), { test: 'sterility', outcome: 'negative', sampledAt: future }), 422).errors?.[0]
        ?.path
    ).toBe('sampledAt');
    await ok(
      await lab.post(url('processing'), {
        step: 'buffy-coat',
        performedAt: new Date(Date.now() + 60_000).toISOString(),
      })
    );
    expect(problem(await register({ collectedOn: '2099-01-01' }), 422).errors?.[0]?.path).toBe('collectedOn');
    expect(
      problem(await register({ collectedOn: '2026-03-10', expiresAt: '2026-03-09T10:00:00Z' }), 422).errors?.[0]?.path
    ).toBe('expiresAt');
  });

  it('asks for a confirmation of an implausible registered count, a QC CD34+ value and a post-thaw CD34+ above pre-freeze (H-COUNT-3, H-COUNT-5)', async () => {
    const low = problem(await register({ tncCells: 5e7, cd34Cells: 3e7 }), 422);
    expect(low.code).toBe('confirmation-required');
    expect(low.errors?.map((e) => e.path)).toEqual(['tncCells']);
    const id = (
      await ok(
        await register({
          cryopreserved: true,
          tncCells: 5e7,
          cd34Cells: 3e7,
          confirmations: [{ field: 'tncCells', reason: 'poor mobiliser, counted twice' }],
        }),
        201
      )
    ).product.id;
    const url = (a: string) => `/api/v1/products/${id}${a ? `/${a}` : ''}`;
    expect(problem(await lab.post(url('qc'), { test: 'cd34', value: 5e5 }), 422).errors?.[0]?.path).toBe('value');
    let d = await ok(await lab.post(url('qc'), { test: 'cd34', value: 2e7 }));
    expect(d.product.cd34Cells).toBe(2e7);
    await ok(await lab.post(url('qc'), { test: 'sterility', outcome: 'negative' }));
    await ok(await lab.post(url('release-request'), {}));
    await ok(await lab2.post(url('release'), {}));
    const thaw = problem(await lab.post(url('thaw'), { counts: { cd34Cells: 2.5e7, viabilityPct: 80 } }), 422);
    expect(thaw.errors).toEqual([
      { path: 'counts.cd34Cells', message: expect.stringMatching(/after thaw is 125 % of 2 × 10⁷ before/) },
    ]);
    d = await ok(
      await lab.post(url('thaw'), {
        counts: { cd34Cells: 2.5e7, viabilityPct: 80 },
        confirmations: [{ field: 'counts.cd34Cells', reason: 'pre-freeze count was a single tube; flow repeated' }],
      })
    );
    expect(d.product.status).toBe('thawed');
    expect((await auditRows(id)).at(-1)?.reason).toMatch(/^counts.cd34Cells: pre-freeze count/);
  });

  it('refuses release and the label while a count is implausible and unconfirmed, missing, or the culture positive (H-PROD-1, H-PROD-2)', async () => {
    const id = (await ok(await register({}), 201)).product.id;
    // A record from before the control (the incident): TNC 4.01 stored without any confirmation.
    await t.db.query('update products set tnc_cells = 4.01, cd34_cells = null where id = $1', [id]);
    const url = (a: string) => `/api/v1/products/${id}${a ? `/${a}` : ''}`;
    const d = await ok(await lab.get(url('')));
    expect(d.label.printable).toBe(false);
    expect(problem(await lab.post(url('release-request'), {}), 409).detail).toMatch(
      /unconfirmed count: TNC 4.01 cells is below the usual range/
    );
    const label = await lab.get(url('label.pdf'));
    expect(label.statusCode).toBe(409);
    expect(label.headers['content-type']).toMatch(/problem\+json/);
    expect(label.json<Problem>().detail).toMatch(
      /cannot print a label: missing counts: CD34\+ cells; unconfirmed count: TNC 4.01/
    );
    await ok(
      await lab.post(url('processing'), {
        step: 'volume-reduction',
        counts: { tncCells: 4.01, cd34Cells: 3 },
        confirmations: [
          { field: 'counts.tncCells', reason: 'confirmed by recount' },
          { field: 'counts.cd34Cells', reason: 'confirmed by flow' },
        ],
      })
    );
    expect((await lab.get(url('label.pdf'))).statusCode).toBe(200);
    await ok(await lab.post(url('qc'), { test: 'sterility', outcome: 'positive', organism: 'E. coli' }));
    expect(problem(await lab.get(url('label.pdf')), 409).detail).toMatch(/sterility culture is positive/);
    expect((await auditOf(id)).filter((a) => a === 'print product')).toHaveLength(1);
  });

  it('discards only with two people: the request waits for a second, different lab user, who confirms or cancels (H-PROD-3)', async () => {
    const id = (await ok(await register({ cryopreserved: true, storage: { freezer: 'LN2 tank 1' } }), 201)).product.id;
    const url = (a: string) => `/api/v1/products/${id}${a ? `/${a}` : ''}`;
    expect(problem(await lab.post(url('discard'), { reason: 'bag damaged' }), 409).detail).toMatch(
      /a discard has not been requested/
    );
    let d = await ok(await lab.post(url('discard-request'), { reason: 'bag cracked in the tank' }));
    expect(d.product.status).toBe('stored');
    expect(d.discardRequest).toMatchObject({ requestedBy: 'Test lab', reason: 'bag cracked in the tank' });
    expect(problem(await lab.post(url('discard'), { reason: 'I am sure' }), 409).detail).toMatch(
      /different person than the first/
    );
    expect(problem(await lab2.post(url('discard-request'), { reason: 'again' }), 409).detail).toMatch(
      /already requested by Test lab/
    );
    d = await ok(await lab2.post(url('discard-cancel'), { reason: 'crack is in the overwrap only' }));
    expect(d.discardRequest).toBeNull();
    expect(d.product.status).toBe('stored');
    expect(problem(await lab2.post(url('discard'), { reason: 'now' }), 409).detail).toMatch(/has not been requested/);
    await ok(await lab2.post(url('discard-request'), { reason: 'bag leaked at inspection' }));
    expect((await lab2.post(url('discard'), { reason: 'x' })).statusCode).toBe(400);
    d = await ok(await lab.post(url('discard'), { reason: 'seen: leak at the port' }));
    expect(d.product).toMatchObject({ status: 'discarded', storage: null });
    expect(d.discardRequest).toBeNull();
    expect(d.events.slice(-4).map((e) => [e.kind, e.performedBy])).toEqual([
      ['discard-requested', 'Test lab'],
      ['discard-cancelled', 'Second Lab'],
      ['discard-requested', 'Second Lab'],
      ['discarded', 'Test lab'],
    ]);
    const rows = (await auditRows(id)).slice(-4).map((r) => [r.action, r.reason]);
    expect(rows).toEqual([
      ['discard-request', 'bag cracked in the tank'],
      ['discard-cancel', 'crack is in the overwrap only'],
      ['discard-request', 'bag leaked at inspection'],
      ['discard', 'seen: leak at the port'],
    ]);
  });

  it('refuses lab actions to other roles and reads to no one signed in', async () => {
    const id = (await ok(await register({}), 201)).product.id;
    for (const [path, body] of [
      ['processing', { step: 'buffy-coat' }],
      ['storage', { location: { freezer: 'F' } }],
      ['qc', { test: 'sterility', outcome: 'negative' }],
      ['release-request', {}],
      ['thaw', {}],
      ['discard-request', { reason: 'test' }],
      ['discard', { reason: 'test' }],
      ['discard-cancel', { reason: 'test' }],
    ] as const) {
      expect((await nurse.post(`/api/v1/products/${id}/${path}`, body)).statusCode, path).toBe(403);
      expect((await physician.post(`/api/v1/products/${id}/${path}`, body)).statusCode, path).toBe(403);
    }
    expect((await register({}, autoEpisode, nurse)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/products/${id}` })).statusCode).toBe(401);
    expect((await nurse.get('/api/v1/products/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
