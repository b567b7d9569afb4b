import { describe, expect, it } from 'vitest';
import type { Product } from '../cellProducts';
import {
  BEDSIDE_FINDINGS,
  BEDSIDE_SEVERITY_ORDER,
  type BedsideCode,
  type BedsideContext,
  type BedsideScan,
  bedsideCheck,
  normalizeMrn,
  rankBedsideFindings,
} from './bedsideCheck';

const PATIENT = '11111111-1111-4111-8111-111111111111';
const OTHER_PATIENT = '22222222-2222-4222-8222-222222222222';
const EPISODE = '33333333-3333-4333-8333-333333333333';
const OTHER_EPISODE = '44444444-4444-4444-8444-444444444444';
const DIN = 'A999921123456'; // K = 3, flag 63 (ST-001 Figure 2)
const COI = 'CHA999926AB12C4';

const product = (over: Partial<Product> = {}): Product => ({
  id: '55555555-5555-4555-8555-555555555555',
  patientId: PATIENT,
  episodeId: EPISODE,
  collectionId: null,
  donorId: null,
  manufacturingOrderId: null,
  din: DIN,
  dinCheckCharacter: '3',
  productCode: 'S1398',
  division: '00',
  description: 'HPC, Apheresis',
  kind: 'hpc-apheresis',
  status: 'thawed',
  collectedOn: '2026-01-10',
  volumeMl: 100,
  tncCells: 5e10,
  cd34Cells: 4e8,
  cd3Cells: null,
  carTCells: null,
  viabilityPct: 95,
  sterility: 'negative',
  aboRh: 'A+',
  cryopreserved: true,
  expiresAt: null,
  storage: null,
  coi: null,
  releaseRequestedBy: 'Lab One',
  releasedBy: 'Lab Two',
  releasedAt: '2026-03-14T09:00:00.000Z',
  createdAt: '2026-01-10T09:00:00.000Z',
  ...over,
});

const ctx = (over: Partial<BedsideContext> = {}): BedsideContext => ({
  patient: { id: PATIENT, mrn: 'SYN-0001', aboRh: 'A+' },
  episode: { id: EPISODE, patientId: PATIENT, type: 'autologous-hct', phase: 'conditioning' },
  products: [product()],
  now: '2026-03-15T10:00:00.000Z',
  ...over,
});
const scan = (over: Partial<BedsideScan> = {}): BedsideScan => ({
  mrn: 'SYN-0001',
  din: DIN,
  productCode: 'S1398',
  division: '00',
  ...over,
});
const codes = (r: ReturnType<typeof bedsideCheck>) => r.stops.map((s) => s.code);

describe('bedside check: the right bag for the right patient passes', () => {
  it('passes a thawed, released product of the episode with every identifier', () => {
    const r = bedsideCheck(scan(), ctx());
    expect(r).toMatchObject({ result: 'pass', stops: [], warnings: [], ruleId: 'engraft-bedside-check@1' });
    expect(r.product?.id).toBe(product().id);
    expect(r.normalized).toEqual({ mrn: 'SYN-0001', din: DIN, productCode: 'S1398', division: '00', coi: null });
  });
  it.each([
    ['bar-code data with flags', '=A99992112345600'],
    ['bar-code data with the type 3 check flag', '=A99992112345663'],
    ['eye-readable with spaces', 'A9999 21 123456'],
    ['13 characters + keyboard check character', 'A9999211234563'],
    ['eye-readable + check character', 'A9999 21 123456 3'],
  ])('accepts the DIN as %s', (_, din) => {
    expect(bedsideCheck(scan({ din }), ctx()).result).toBe('pass');
  });
  it('normalises the wristband MRN (case, spaces)', () => {
    expect(normalizeMrn(' syn-0001 ')).toBe('SYN-0001');
    expect(bedsideCheck(scan({ mrn: 'syn - 0001' }), ctx()).result).toBe('pass');
  });
  it('accepts the whole DS003 product code with the division inside it', () => {
    const r = bedsideCheck(
      scan({ productCode: '=<S13981A0', division: undefined }),
      ctx({ products: [product({ division: 'A0' })] })
    );
    expect(r.result).toBe('pass');
    expect(r.normalized).toMatchObject({ productCode: 'S1398', division: 'A0' });
  });
  it('passes a fresh (not cryopreserved) released product without a thaw', () => {
    expect(
      bedsideCheck(scan(), ctx({ products: [product({ status: 'released', cryopreserved: false })] })).result
    ).toBe('pass');
  });
});

describe('bedside check: hard stops', () => {
  it('wrong patient: the wristband is not the episode patient', () => {
    const r = bedsideCheck(scan({ mrn: 'SYN-0002' }), ctx());
    expect(codes(r)).toEqual(['wrong-patient']);
    expect(r.result).toBe('stop');
    expect(r.stops[0]!.message).toMatch(/not the patient of this episode/);
  });
  it('no wristband scanned', () => {
    expect(codes(bedsideCheck(scan({ mrn: '  ' }), ctx()))).toEqual(['mrn-missing']);
  });
  it('product not found', () => {
    expect(codes(bedsideCheck(scan({ din: 'W000012345678' }), ctx()))).toEqual(['product-not-found']);
  });
  it('product intended for another patient, without naming that patient', () => {
    const r = bedsideCheck(
      scan(),
      ctx({ products: [product({ patientId: OTHER_PATIENT, episodeId: OTHER_EPISODE })] })
    );
    expect(codes(r)).toEqual(['other-patient']);
    expect(r.stops[0]!.message).toBe('This product is intended for another patient. Do not infuse.');
    expect(r.product).toBeNull();
  });
  it('product of another episode of the same patient', () => {
    expect(codes(bedsideCheck(scan(), ctx({ products: [product({ episodeId: OTHER_EPISODE })] })))).toEqual([
      'other-episode',
    ]);
  });
  it.each([
    ['collected', 'not-released'],
    ['processing', 'not-released'],
    ['stored', 'not-released'],
    ['shipped', 'not-released'],
    ['infused', 'already-infused'],
    ['discarded', 'discarded'],
  ] as const)('status %s -> %s', (status, code) => {
    expect(codes(bedsideCheck(scan(), ctx({ products: [product({ status })] })))).toEqual([code]);
  });
  it('released but not thawed when cryopreserved', () => {
    expect(codes(bedsideCheck(scan(), ctx({ products: [product({ status: 'released' })] })))).toEqual(['not-thawed']);
  });
  it('release without the second signature', () => {
    expect(codes(bedsideCheck(scan(), ctx({ products: [product({ releasedBy: null })] })))).toEqual([
      'release-incomplete',
    ]);
    expect(codes(bedsideCheck(scan(), ctx({ products: [product({ releaseRequestedBy: null })] })))).toEqual([
      'release-incomplete',
    ]);
  });
  it('expired: at the expiry minute and after, not before', () => {
    const at = (expiresAt: string) => codes(bedsideCheck(scan(), ctx({ products: [product({ expiresAt })] })));
    expect(at('2026-03-15T09:59:00.000Z')).toEqual(['expired']);
    expect(at('2026-03-15T10:00:00.000Z')).toEqual(['expired']);
    expect(at('2026-03-15T10:01:00.000Z')).toEqual([]);
  });
  it('sterility positive is a stop, pending a warning', () => {
    expect(codes(bedsideCheck(scan(), ctx({ products: [product({ sterility: 'positive' })] })))).toEqual([
      'sterility-positive',
    ]);
    const pending = bedsideCheck(scan(), ctx({ products: [product({ sterility: 'pending' })] }));
    expect(pending.result).toBe('pass');
    expect(pending.warnings.map((w) => w.code)).toEqual(['sterility-pending']);
  });
  it('DIN with a wrong keyboard check character or type 3 flag', () => {
    const r = bedsideCheck(scan({ din: 'A9999211234564' }), ctx());
    expect(codes(r)).toEqual(['din-check-character']);
    expect(r.stops[0]!.message).toMatch(/check character/);
    expect(codes(bedsideCheck(scan({ din: '=A99992112345664' }), ctx()))).toEqual(['din-check-character']);
  });
  it('DIN of the wrong structure', () => {
    expect(codes(bedsideCheck(scan({ din: 'A99992112345' }), ctx()))).toEqual(['din-invalid']);
    expect(codes(bedsideCheck(scan({ din: 'O999921123456' }), ctx()))).toEqual(['din-invalid']);
  });
  it('product code missing, invalid or not the bag’s', () => {
    expect(codes(bedsideCheck(scan({ productCode: '' }), ctx()))).toEqual(['product-code-missing']);
    expect(codes(bedsideCheck(scan({ productCode: 'S1398?A0' }), ctx()))).toEqual(['product-code-invalid']);
    expect(codes(bedsideCheck(scan({ productCode: 'S1295' }), ctx()))).toEqual(['product-code-mismatch']);
  });
  it('division not the bag’s, or several bags and no division scanned', () => {
    expect(codes(bedsideCheck(scan({ division: 'B0' }), ctx()))).toEqual(['division-mismatch']);
    const split = [
      product({ division: 'A0' }),
      product({ id: '66666666-6666-4666-8666-666666666666', division: 'B0' }),
    ];
    expect(codes(bedsideCheck(scan({ division: '' }), ctx({ products: split })))).toEqual(['product-ambiguous']);
    expect(bedsideCheck(scan({ division: 'B0' }), ctx({ products: split })).product?.division).toBe('B0');
  });
  it('lists every stop, not only the first, most serious first', () => {
    const r = bedsideCheck(
      scan({ mrn: 'SYN-0009' }),
      ctx({ products: [product({ status: 'released', expiresAt: '2026-01-01T00:00:00Z' })] })
    );
    expect(codes(r)).toEqual(['wrong-patient', 'expired', 'not-thawed']);
  });
});

describe('bedside check: the most serious reason is named first (issue 13, defect 6)', () => {
  it('another patient’s DIN scanned with this bag’s product code says first that the bag is another patient’s', () => {
    const theirs = product({
      id: '88888888-8888-4888-8888-888888888888',
      patientId: OTHER_PATIENT,
      episodeId: OTHER_EPISODE,
      productCode: 'S1295',
    });
    const r = bedsideCheck(scan({ productCode: 'S1398' }), ctx({ products: [theirs] }));
    expect(codes(r)).toEqual(['other-patient', 'product-code-mismatch']);
    expect(r.stops[0]!.message).toBe('This product is intended for another patient. Do not infuse.');
    expect(r.product).toBeNull();
  });
  it('another patient’s DIN with a division that is not that bag’s still names the other patient first', () => {
    const theirs = product({ patientId: OTHER_PATIENT, episodeId: OTHER_EPISODE, division: 'A0' });
    expect(codes(bedsideCheck(scan({ division: 'B0' }), ctx({ products: [theirs] })))).toEqual([
      'other-patient',
      'division-mismatch',
    ]);
  });
  it('the declared order names every finding exactly once', () => {
    expect([...BEDSIDE_SEVERITY_ORDER].sort()).toEqual(Object.keys(BEDSIDE_FINDINGS).sort());
    expect(new Set(BEDSIDE_SEVERITY_ORDER).size).toBe(BEDSIDE_SEVERITY_ORDER.length);
    // Every stop ranks above every warning.
    const lastStop = Math.max(...BEDSIDE_SEVERITY_ORDER.map((c, i) => (BEDSIDE_FINDINGS[c] === 'stop' ? i : -1)));
    const firstWarning = BEDSIDE_SEVERITY_ORDER.findIndex((c) => BEDSIDE_FINDINGS[c] === 'warning');
    expect(lastStop).toBeLessThan(firstWarning);
    expect(BEDSIDE_SEVERITY_ORDER.slice(0, 2)).toEqual(['wrong-patient', 'other-patient']);
  });
  it('ranks every pair of findings by the declared order, whichever came first', () => {
    const f = (code: BedsideCode) => ({ code });
    for (let i = 0; i < BEDSIDE_SEVERITY_ORDER.length; i++) {
      for (let j = i + 1; j < BEDSIDE_SEVERITY_ORDER.length; j++) {
        const [a, b] = [BEDSIDE_SEVERITY_ORDER[i]!, BEDSIDE_SEVERITY_ORDER[j]!];
        expect(
          rankBedsideFindings([f(b), f(a)]).map((x) => x.code),
          `${a} before ${b}`
        ).toEqual([a, b]);
        expect(
          rankBedsideFindings([f(a), f(b)]).map((x) => x.code),
          `${a} before ${b}`
        ).toEqual([a, b]);
      }
    }
  });

  // Each fault the check can meet at a real bedside, as a change to the scan or to the bag found; every pair of
  // faults that can occur together is checked through the whole rule: both reasons reported, worst first.
  type Fault = { code: BedsideCode; scan?: Partial<BedsideScan>; bag?: Partial<Product> };
  const FAULTS: Fault[] = [
    { code: 'wrong-patient', scan: { mrn: 'SYN-0002' } },
    { code: 'other-patient', bag: { patientId: OTHER_PATIENT, episodeId: OTHER_EPISODE } },
    { code: 'other-episode', bag: { episodeId: OTHER_EPISODE } },
    { code: 'product-code-mismatch', scan: { productCode: 'S1295' } },
    { code: 'division-mismatch', scan: { division: 'B0' } },
    { code: 'already-infused', bag: { status: 'infused' } },
    { code: 'discarded', bag: { status: 'discarded' } },
    { code: 'not-released', bag: { status: 'stored' } },
    { code: 'not-thawed', bag: { status: 'released' } },
    { code: 'release-incomplete', bag: { releasedBy: null } },
    { code: 'expired', bag: { expiresAt: '2026-03-01T00:00:00.000Z' } },
    { code: 'sterility-positive', bag: { sterility: 'positive' } },
  ];
  // The state of the bag can only be read once the bag is identified (product code and division match).
  const identifiesBag = (f: Fault) => f.code !== 'product-code-mismatch' && f.code !== 'division-mismatch';
  const stateFault = (f: Fault) => f.bag != null && f.code !== 'other-patient';
  // The release signatures are read only for a released or thawed bag.
  const unsignedNeedsRelease = (a: Fault, b: Fault) =>
    a.code === 'release-incomplete' && ['already-infused', 'discarded', 'not-released'].includes(b.code);
  const pairs: [Fault, Fault][] = [];
  for (let i = 0; i < FAULTS.length; i++) {
    for (let j = i + 1; j < FAULTS.length; j++) {
      const [a, b] = [FAULTS[i]!, FAULTS[j]!];
      const sameField = Object.keys({ ...a.scan, ...a.bag }).some((k) => k in { ...b.scan, ...b.bag });
      const needsBag =
        (stateFault(a) && !identifiesBag(b)) ||
        (stateFault(b) && !identifiesBag(a)) ||
        (!identifiesBag(a) && !identifiesBag(b));
      const episodeVsPatient = [a.code, b.code].includes('other-patient') && [a.code, b.code].includes('other-episode');
      if (!sameField && !needsBag && !episodeVsPatient && !unsignedNeedsRelease(a, b) && !unsignedNeedsRelease(b, a)) {
        pairs.push([a, b]);
      }
    }
  }
  const PAIRS = 39;
  it('covers the co-occurring pairs', () => expect(pairs.length).toBe(PAIRS));
  it.each(pairs.map(([a, b]) => [a.code, b.code, a, b] as const))(
    '%s with %s: both reported, the worse first',
    (_a, _b, a, b) => {
      const expected = rankBedsideFindings([{ code: a.code }, { code: b.code }]).map((x) => x.code);
      const r = bedsideCheck(scan({ ...a.scan, ...b.scan }), ctx({ products: [product({ ...a.bag, ...b.bag })] }));
      expect(codes(r)).toEqual(expected);
      expect(r.stops[0]!.code).toBe(expected[0]);
    }
  );
});

describe('bedside check: Chain of Identity for cell therapy (§8.4, §6.3)', () => {
  const cart = (over: Partial<Product> = {}) =>
    product({ kind: 'car-t', description: 'CAR-T cells', productCode: 'S1234', coi: COI, ...over });
  const cartCtx = (over: Partial<BedsideContext> = {}) =>
    ctx({
      episode: { id: EPISODE, patientId: PATIENT, type: 'car-t', phase: 'infusion' },
      products: [cart()],
      orderCois: [COI],
      ...over,
    });
  const s = (over: Partial<BedsideScan> = {}) => scan({ productCode: 'S1234', coi: COI, ...over });
  it('passes with the COI of the product and the order (also as "&/" bar-code data with spaces)', () => {
    expect(bedsideCheck(s(), cartCtx()).result).toBe('pass');
    expect(bedsideCheck(s({ coi: '&/CH A9999 26 AB12C4' }), cartCtx()).result).toBe('pass');
  });
  it('COI not scanned', () => {
    expect(codes(bedsideCheck(s({ coi: undefined }), cartCtx()))).toEqual(['coi-missing']);
  });
  it('COI of the wrong structure', () => {
    expect(codes(bedsideCheck(s({ coi: 'CHA999926AB12C' }), cartCtx()))).toEqual(['coi-invalid']);
  });
  it('COI scanned is not the product’s', () => {
    expect(codes(bedsideCheck(s({ coi: 'CHA999926ZZ0001' }), cartCtx({ orderCois: [] })))).toEqual(['coi-mismatch']);
  });
  it('product COI is not the order’s', () => {
    const other = 'CHA999926XY0002';
    expect(codes(bedsideCheck(s({ coi: other }), cartCtx({ products: [cart({ coi: other })] })))).toEqual([
      'coi-order-mismatch',
    ]);
  });
  it('a cell therapy product without a COI is a warning to check by eye', () => {
    const r = bedsideCheck(s({ coi: undefined }), cartCtx({ products: [cart({ coi: null })], orderCois: [] }));
    expect(r.result).toBe('pass');
    expect(r.warnings.map((w) => w.code)).toEqual(['coi-not-on-product']);
  });
  it('an HPC product does not need a COI, but a scanned one must match', () => {
    expect(bedsideCheck(scan(), ctx()).result).toBe('pass');
    expect(codes(bedsideCheck(scan({ coi: COI }), ctx({ products: [product({ coi: 'CHA999926XY0002' })] })))).toEqual([
      'coi-mismatch',
    ]);
  });
});

describe('bedside check: notes', () => {
  const allo = (phase: BedsideContext['episode']['phase'] = 'infusion') => ({
    id: EPISODE,
    patientId: PATIENT,
    type: 'allogeneic-hct' as const,
    phase,
  });
  it.each([
    ['O+', 'A+', 'abo-major'],
    ['A+', 'O-', 'abo-minor'],
    ['B+', 'A+', 'abo-bidirectional'],
    ['unknown', 'A+', 'abo-unknown'],
  ])('ABO recipient %s, product %s -> warning %s (not a stop)', (recipient, productAbo, code) => {
    const r = bedsideCheck(
      scan(),
      ctx({
        patient: { id: PATIENT, mrn: 'SYN-0001', aboRh: recipient },
        episode: allo(),
        products: [product({ aboRh: productAbo, donorId: '77777777-7777-4777-8777-777777777777' })],
      })
    );
    expect(r.result).toBe('pass');
    expect(r.warnings.map((w) => w.code)).toEqual([code]);
  });
  it('uses the donor ABO when the product has none', () => {
    const r = bedsideCheck(
      scan(),
      ctx({
        patient: { id: PATIENT, mrn: 'SYN-0001', aboRh: 'O+' },
        episode: allo(),
        products: [product({ aboRh: null })],
        donorAboRh: 'B-',
      })
    );
    expect(r.warnings.map((w) => w.code)).toEqual(['abo-major']);
  });
  it('autologous: no ABO note whatever is recorded', () => {
    expect(
      bedsideCheck(
        scan(),
        ctx({ patient: { id: PATIENT, mrn: 'SYN-0001', aboRh: 'O+' }, products: [product({ aboRh: 'AB+' })] })
      ).warnings
    ).toEqual([]);
  });
  it.each(['referral', 'work-up', 'long-term-follow-up', 'closed'] as const)('phase %s is a warning', (phase) => {
    const r = bedsideCheck(
      scan(),
      ctx({ episode: { id: EPISODE, patientId: PATIENT, type: 'autologous-hct', phase } })
    );
    expect(r.result).toBe('pass');
    expect(r.warnings.map((w) => w.code)).toEqual(['phase-unexpected']);
  });
  it.each(['conditioning', 'infusion', 'early-follow-up'] as const)('phase %s is expected', (phase) => {
    expect(
      bedsideCheck(scan(), ctx({ episode: { id: EPISODE, patientId: PATIENT, type: 'autologous-hct', phase } }))
        .warnings
    ).toEqual([]);
  });
});
