// The bedside identity check before a cell product is infused (21 CFR 1271.290 tracking; ICCBBA ST-001
// v6.2.2 and the CAR-T prescribing information identity check: wristband, then DIN + product code + division, then CoI for cell therapy; block on any
// mismatch, expiry or quarantine; §6.3 "identity check": do not infuse if anything does not match; §8.1-§8.4 for
// the identifiers). Pure: the server finds the products by DIN and passes them in; this decides.
import { aboMismatch, checkCoi, checkDin, checkProductCode } from '@engraft/clinical';
import type { EpisodePhase, EpisodeType } from '../episodes';
import type { Product } from '../cellProducts';

export const BEDSIDE_CHECK_RULE_ID = 'engraft-bedside-check@1';

/** Every finding the check can report; `stop` codes refuse the infusion, the others are shown to the team. */
export const BEDSIDE_FINDINGS = {
  'wrong-patient': 'stop',
  'mrn-missing': 'stop',
  'din-invalid': 'stop',
  'din-check-character': 'stop',
  'product-not-found': 'stop',
  'product-code-missing': 'stop',
  'product-code-invalid': 'stop',
  'product-code-mismatch': 'stop',
  'division-mismatch': 'stop',
  'product-ambiguous': 'stop',
  'other-patient': 'stop',
  'other-episode': 'stop',
  'not-released': 'stop',
  'release-incomplete': 'stop',
  'not-thawed': 'stop',
  'already-infused': 'stop',
  discarded: 'stop',
  expired: 'stop',
  'sterility-positive': 'stop',
  'coi-missing': 'stop',
  'coi-invalid': 'stop',
  'coi-mismatch': 'stop',
  'coi-order-mismatch': 'stop',
  'coi-not-on-product': 'warning',
  'sterility-pending': 'warning',
  'abo-major': 'warning',
  'abo-minor': 'warning',
  'abo-bidirectional': 'warning',
  'abo-unknown': 'warning',
  'phase-unexpected': 'warning',
} as const;
export type BedsideCode = keyof typeof BEDSIDE_FINDINGS;

/**
 * The declared severity order of every finding, most serious first (issue 13, defect 6): the first reason shown
 * and returned is always the worst one. 1. the patient is wrong (the bag is another recipient's, the wristband
 * is not the episode's patient, no wristband); 2. the bag is not the one ordered or cannot be identified (CoI,
 * other episode, product code, division, DIN); 3. the bag is unfit (already given, discarded, expired, culture
 * positive, not released, release unsigned, not thawed); then the warnings, worst first.
 */
export const BEDSIDE_SEVERITY_ORDER = [
  'wrong-patient',
  'other-patient',
  'mrn-missing',
  'coi-mismatch',
  'coi-order-mismatch',
  'other-episode',
  'product-code-mismatch',
  'division-mismatch',
  'product-not-found',
  'product-ambiguous',
  'din-check-character',
  'din-invalid',
  'product-code-invalid',
  'product-code-missing',
  'coi-invalid',
  'coi-missing',
  'already-infused',
  'discarded',
  'expired',
  'sterility-positive',
  'not-released',
  'release-incomplete',
  'not-thawed',
  'abo-major',
  'abo-bidirectional',
  'abo-minor',
  'abo-unknown',
  'sterility-pending',
  'coi-not-on-product',
  'phase-unexpected',
] as const satisfies readonly BedsideCode[];

const RANK = new Map<BedsideCode, number>(BEDSIDE_SEVERITY_ORDER.map((c, i) => [c, i]));

/** Findings sorted most serious first by BEDSIDE_SEVERITY_ORDER (a code missing from the order sorts last). */
export const rankBedsideFindings = <T extends { code: BedsideCode }>(findings: readonly T[]): T[] =>
  [...findings].sort((a, b) => (RANK.get(a.code) ?? RANK.size) - (RANK.get(b.code) ?? RANK.size));

/** Short phrases for timelines and worklists ("Bedside check refused: product intended for another patient"). */
export const BEDSIDE_FINDING_LABELS: Record<BedsideCode, string> = {
  'wrong-patient': 'wristband is not the patient of the episode',
  'mrn-missing': 'no wristband scanned',
  'din-invalid': 'DIN not valid',
  'din-check-character': 'DIN check character wrong',
  'product-not-found': 'product not found',
  'product-code-missing': 'product code not scanned',
  'product-code-invalid': 'product code not valid',
  'product-code-mismatch': 'product code does not match the bag',
  'division-mismatch': 'division does not match the bag',
  'product-ambiguous': 'several bags carry this DIN',
  'other-patient': 'product intended for another patient',
  'other-episode': 'product of another episode',
  'not-released': 'product not released',
  'release-incomplete': 'release lacks the second signature',
  'not-thawed': 'product not thawed',
  'already-infused': 'product already infused',
  discarded: 'product discarded',
  expired: 'product expired',
  'sterility-positive': 'sterility positive',
  'coi-missing': 'COI not scanned',
  'coi-invalid': 'COI not valid',
  'coi-mismatch': 'COI does not match the product',
  'coi-order-mismatch': 'COI does not match the manufacturing order',
  'coi-not-on-product': 'no COI recorded on the product',
  'sterility-pending': 'sterility pending',
  'abo-major': 'major ABO mismatch',
  'abo-minor': 'minor ABO mismatch',
  'abo-bidirectional': 'bidirectional ABO mismatch',
  'abo-unknown': 'ABO unknown',
  'phase-unexpected': 'episode phase unexpected',
};

/** "Bedside check refused: product intended for another patient, product expired". */
export const bedsideStopSentence = (
  stops: readonly { code: BedsideCode }[],
  prefix = 'Bedside check refused'
): string => `${prefix}: ${stops.map((s) => BEDSIDE_FINDING_LABELS[s.code]).join(', ')}`;

export interface BedsideFinding {
  code: BedsideCode;
  severity: 'stop' | 'warning';
  message: string;
}

/** What was scanned or typed at the bedside, as it came from the scanner. */
export interface BedsideScan {
  /** The MRN on the wristband. */
  mrn: string;
  /** DIN: bar-code data "=DIN+flags", eye-readable with spaces, or 13 characters + keyboard check character. */
  din: string;
  /** Product description code ("S1295") or the whole DS003 code ("S12954A0", "=<S12954A0"). */
  productCode?: string | undefined;
  division?: string | undefined;
  /** Chain of Identity identifier (ISBT 128 DS040), required for cell therapy products. */
  coi?: string | undefined;
}

export interface BedsideContext {
  patient: { id: string; mrn: string; aboRh: string | null };
  episode: {
    id: string;
    patientId: string;
    type: EpisodeType;
    phase: EpisodePhase;
    cellOrigin?: 'autologous' | 'allogeneic' | null;
  };
  /** Every product of the centre carrying the scanned DIN (all divisions, any patient). */
  products: readonly Product[];
  /** CoI of the episode's manufacturing order(s), when there is one. */
  orderCois?: readonly string[];
  /** Donor ABO when the product has none recorded. */
  donorAboRh?: string | null;
  /** The moment of the check (ISO date-time). */
  now: string;
}

export interface BedsideNormalized {
  mrn: string;
  din: string | null;
  productCode: string | null;
  division: string | null;
  coi: string | null;
}

export interface BedsideResult {
  result: 'pass' | 'stop';
  stops: BedsideFinding[];
  warnings: BedsideFinding[];
  /** The product identified for this episode's patient; null when none (or when it is another patient's). */
  product: Product | null;
  normalized: BedsideNormalized;
  ruleId: string;
}

/** Wristband MRN as compared: upper case, no spaces (scanners and keyboards differ in both). */
export const normalizeMrn = (mrn: string): string => mrn.replace(/\s+/g, '').toUpperCase();

/** The 13-character DIN of any accepted scanned form (null when its structure is wrong), to look the bag up. */
export const normalizeScannedDin = (raw: string): string | null => checkDin({ din: raw }).normalizedDin;

/** Cell therapy products and episodes carry a Chain of Identity (§8.4). */
const CELL_THERAPY_KINDS: readonly Product['kind'][] = ['car-t', 't-cells', 'nk-cells', 'b-cells'];
const isCellTherapy = (episodeType: EpisodeType, product: Product | null): boolean =>
  episodeType === 'car-t' ||
  episodeType === 'other-cell-therapy' ||
  (product != null && CELL_THERAPY_KINDS.includes(product.kind));

/** Phases in which an infusion is expected (a second product may follow in early follow-up). */
const INFUSION_PHASES: readonly EpisodePhase[] = ['conditioning', 'infusion', 'early-follow-up'];

const normCoi = (c: string): string => c.replace(/\s+/g, '').replace(/^&\//, '').toUpperCase();

function parseProductCode(raw: string | undefined): {
  pdc: string | null;
  division: string | null;
  error: string | null;
} {
  const s = (raw ?? '').replace(/\s+/g, '');
  if (!s) return { pdc: null, division: null, error: null };
  if (/^[A-Z][0-9A-Z]{4}$/i.test(s)) return { pdc: s.toUpperCase(), division: null, error: null };
  const r = checkProductCode({ productCode: s });
  if (!r.valid) return { pdc: null, division: null, error: r.errors.join('; ') };
  return { pdc: r.productDescriptionCode, division: r.division, error: null };
}

/**
 * Runs every check; all stops are listed (not only the first) so the team sees the whole picture, most serious
 * first (BEDSIDE_SEVERITY_ORDER).
 */
export function bedsideCheck(scan: BedsideScan, ctx: BedsideContext): BedsideResult {
  const stops: BedsideFinding[] = [];
  const warnings: BedsideFinding[] = [];
  const add = (code: BedsideCode, message: string): void => {
    const severity = BEDSIDE_FINDINGS[code];
    (severity === 'stop' ? stops : warnings).push({ code, severity, message });
  };

  // 1. Patient: the wristband against the episode's patient.
  const mrn = normalizeMrn(scan.mrn);
  if (!mrn) add('mrn-missing', 'Scan the patient wristband: no MRN was scanned.');
  else if (mrn !== normalizeMrn(ctx.patient.mrn) || ctx.episode.patientId !== ctx.patient.id) {
    add(
      'wrong-patient',
      `The wristband scanned is not the patient of this episode (${normalizeMrn(ctx.patient.mrn)}): check the patient’s identity.`
    );
  }

  // 2. DIN structure and check character (ISBT 128 ST-001 §2.4.1, MOD 37-2).
  const din = checkDin({ din: scan.din });
  if (!din.valid) {
    const checkError = din.normalizedDin != null && din.errors.some((e) => /check (character|flag)/.test(e));
    add(
      checkError ? 'din-check-character' : 'din-invalid',
      checkError
        ? `The DIN check character does not match (${din.errors.join('; ')}): re-scan or re-type the DIN.`
        : `The DIN is not valid (${din.errors.join('; ')}).`
    );
  }
  const pc = parseProductCode(scan.productCode);
  const division = (scan.division ?? '').trim() || pc.division;
  const normalized: BedsideNormalized = {
    mrn,
    din: din.normalizedDin,
    productCode: pc.pdc,
    division: division || null,
    coi: scan.coi?.trim() ? normCoi(scan.coi) : null,
  };
  if (pc.error) add('product-code-invalid', `The product code is not valid (${pc.error}).`);
  else if (!pc.pdc) add('product-code-missing', 'Scan the product code as well as the DIN.');

  // 3. Which product: by DIN, then product code and division.
  let product: Product | null = null;
  let otherPatientsBag = false;
  const otherPatient = (): void => {
    // Never say whose product it is: the team at this bedside has no need to know.
    if (!otherPatientsBag) add('other-patient', 'This product is intended for another patient. Do not infuse.');
    otherPatientsBag = true;
  };
  if (din.valid && din.normalizedDin) {
    const byDin = ctx.products.filter((p) => p.din === din.normalizedDin);
    if (byDin.length === 0) {
      add('product-not-found', `No product with DIN ${din.normalizedDin} is registered in this centre: do not infuse.`);
    } else {
      // Every bag with this DIN is another patient's: say so whatever the product code or division scanned
      // (another patient's DIN with this bag's product code must not read as a mere product-code mismatch).
      if (byDin.every((p) => p.patientId !== ctx.episode.patientId)) otherPatient();
      let candidates = byDin;
      if (pc.pdc) {
        candidates = candidates.filter((p) => p.productCode === pc.pdc);
        if (candidates.length === 0) {
          add(
            'product-code-mismatch',
            `The product code scanned (${pc.pdc}) is not the product code of the bag with this DIN.`
          );
        }
      }
      if (candidates.length > 0 && division) {
        const byDivision = candidates.filter((p) => p.division === division);
        if (byDivision.length === 0) {
          add(
            'division-mismatch',
            `The division scanned (${division}) is not the division of the bag with this DIN and product code.`
          );
        }
        candidates = byDivision;
      }
      if (candidates.length > 1) {
        add(
          'product-ambiguous',
          `${candidates.length} bags carry this DIN: scan the product code and the division of the bag in hand.`
        );
      } else if (candidates.length === 1) product = candidates[0]!;
    }
  }

  // 4. The product against the patient and episode, and its state. The state of another patient's bag is
  // reported too (every reason, ranked), but that bag is never returned as this check's product.
  const bag = product;
  if (bag && bag.patientId !== ctx.episode.patientId) {
    otherPatient();
    product = null;
  }
  if (bag) {
    if (!otherPatientsBag && bag.episodeId !== ctx.episode.id) {
      add('other-episode', 'This product belongs to another episode (treatment) of this patient.');
    }
    switch (bag.status) {
      case 'infused':
        add('already-infused', 'This product has already been infused.');
        break;
      case 'discarded':
        add('discarded', 'This product has been discarded.');
        break;
      case 'released':
      case 'thawed':
        if (!bag.releasedBy || !bag.releaseRequestedBy) {
          add('release-incomplete', 'The release for infusion lacks its second signature (release by two people).');
        }
        if (bag.status === 'released' && bag.cryopreserved) {
          add('not-thawed', 'This product is cryopreserved and has not been recorded as thawed.');
        }
        break;
      case 'collected':
      case 'processing':
      case 'stored':
      case 'shipped':
        add('not-released', `This product is not released for infusion (status: ${bag.status}).`);
    }
    if (bag.expiresAt && Date.parse(bag.expiresAt) <= Date.parse(ctx.now)) {
      add('expired', `This product expired on ${bag.expiresAt.slice(0, 16).replace('T', ' ')}.`);
    }
    if (bag.sterility === 'positive') add('sterility-positive', 'The sterility test of this product is positive.');
    if (bag.sterility === 'pending') add('sterility-pending', 'The sterility result is still pending.');
  }

  // 5. Chain of Identity for cell therapy (§8.4; §6.3: patient ↔ bag ↔ RFI certificate).
  const orderCois = (ctx.orderCois ?? []).map(normCoi);
  if (isCellTherapy(ctx.episode.type, product)) {
    const expected = product?.coi ? normCoi(product.coi) : null;
    if (!normalized.coi) {
      if (expected || orderCois.length) {
        add('coi-missing', 'Scan the Chain of Identity (COI) identifier on the bag of this cell therapy product.');
      }
    } else {
      const coi = checkCoi({ coi: normalized.coi });
      if (!coi.valid) add('coi-invalid', `The COI identifier is not valid (${coi.errors.join('; ')}).`);
      else {
        if (expected && normalized.coi !== expected) {
          add('coi-mismatch', 'The COI scanned is not the COI of this product.');
        }
        if (orderCois.length && !orderCois.includes(normalized.coi)) {
          add('coi-order-mismatch', 'The COI scanned is not the COI of this episode’s manufacturing order.');
        }
      }
    }
    if (product && !expected) {
      add(
        'coi-not-on-product',
        'No COI is recorded on this product: check the bag against the release certificate by eye.'
      );
    }
  } else if (normalized.coi && product?.coi && normalized.coi !== normCoi(product.coi)) {
    add('coi-mismatch', 'The COI scanned is not the COI of this product.');
  }

  // 6. Notes: ABO and the episode phase.
  if (product) {
    const autologous =
      ctx.episode.type === 'autologous-hct' ||
      ctx.episode.cellOrigin === 'autologous' ||
      (ctx.episode.type === 'car-t' && product.donorId == null);
    const abo = aboMismatch({
      recipientAboRh: ctx.patient.aboRh,
      productAboRh: product.aboRh ?? ctx.donorAboRh ?? null,
      autologous,
    });
    if (abo.mismatch !== 'none' && abo.note) add(`abo-${abo.mismatch}` as BedsideCode, abo.note);
  }
  if (!INFUSION_PHASES.includes(ctx.episode.phase)) {
    add(
      'phase-unexpected',
      `The episode is in the ${ctx.episode.phase} phase; an infusion is expected during conditioning or infusion.`
    );
  }

  return {
    result: stops.length ? 'stop' : 'pass',
    stops: rankBedsideFindings(stops),
    warnings: rankBedsideFindings(warnings),
    product,
    normalized,
    ruleId: BEDSIDE_CHECK_RULE_ID,
  };
}
