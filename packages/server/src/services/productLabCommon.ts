// The processing laboratory's shared steps (ADR 0510): the lab clock, finding a product of the actor's centre,
// refusing a move or an impossible count, the episode timeline line, confirmations of implausible values, the
// ISBT 128 identifier checks.
import { checkCoi, checkDin, checkProductCode, dinEyeReadable } from '@engraft/clinical';
import {
  type Confirmation,
  confirmedMap,
  countOrderErrors,
  type CountKey,
  type Counts,
  type Episode,
  type Finding,
  futureTimeError,
  mergeFindings,
  type Product,
  type ProductLabRegister,
  type ProductStatus,
  productTransitionError,
} from '@engraft/domain';
import type { Queryable } from '../db/database';
import { conflict, EngraftError, notFound, requireConfirmations, unprocessable } from '../errors';
import * as episodesRepo from '../repo/episodes';
import * as productsRepo from '../repo/products';
import type { CentreActor } from './patients';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';

// The processing laboratory's use cases (issue 7; ADR 0510): each is one transaction = the product change, its
// product_event (who/when), an episode timeline event where the step matters to the care team, and the audit event.

export interface LabClock {
  /** The centre's calendar day (YYYY-MM-DD) for timeline events. */
  today: string;
  /** Now, as an ISO date-time (expiry checks). */
  now: string;
}

/** ISBT 128 collection type when none was recorded: 1 "autologous use only" or V "volunteer allogeneic" (ST-001 Table 7). */
export function isAutologous(episode: Pick<Episode, 'type' | 'cellOrigin'>): boolean {
  return (
    episode.type === 'autologous-hct' ||
    episode.type === 'car-t' ||
    (episode.type === 'other-cell-therapy' && episode.cellOrigin === 'autologous')
  );
}
export const defaultCollectionType = (episode: Pick<Episode, 'type' | 'cellOrigin'>): string =>
  isAutologous(episode) ? '1' : 'V';

/** "W9999 26 000001 K" plus division when divided: how people name a product in messages and on the timeline. */
export function productName(p: Pick<Product, 'din' | 'division' | 'description'>): string {
  const e = dinEyeReadable(p.din);
  return `${p.description} ${e.text} ${e.checkCharacter}${p.division === '00' ? '' : ` (division ${p.division})`}`;
}

export async function requireProduct(tx: Queryable, actor: CentreActor, productId: string) {
  const product = await productsRepo.getProduct(tx, actor.centreId, productId);
  if (!product) throw notFound('product');
  const { episode, patient } = await requireEpisode(tx, actor, product.episodeId);
  return { product, episode, patient };
}

export function refuseMove(from: ProductStatus, to: ProductStatus, what: string): void {
  const why = productTransitionError(from, to);
  if (why) throw conflict(`cannot ${what}: ${why}`, 'status');
}

export async function timeline(
  tx: Queryable,
  actor: CentreActor,
  p: Product,
  date: string,
  label: string
): Promise<void> {
  await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
    episodeId: p.episodeId,
    date,
    kind: 'product',
    label,
    recordedBy: actor.userId,
  });
}

export const dayOf = (at: string | undefined, clock: LabClock) => (at ? at.slice(0, 10) : clock.today);

/** Refuses (422, naming the field) a time in the future beyond the clock skew. */
export function refuseFuture(at: string | undefined, clock: LabClock, path: string, label: string): void {
  const why = futureTimeError(at, clock.now, label);
  if (why) throw unprocessable(path, why);
}

export const countsOfProduct = (p: Product): Counts => ({
  volumeMl: p.volumeMl,
  tncCells: p.tncCells,
  cd34Cells: p.cd34Cells,
  cd3Cells: p.cd3Cells,
  carTCells: p.carTCells,
  viabilityPct: p.viabilityPct,
});
export const given = (c: Counts): Counts => Object.fromEntries(Object.entries(c).filter(([, v]) => v != null));

/** Refuses (422) counts that would leave the record impossible: the new counts over the ones kept (CD34+ above TNC). */
export function refuseImpossible(after: Counts, prefix: string): void {
  const errors = countOrderErrors(after, prefix);
  if (errors.length) {
    throw new EngraftError('invalid', `Impossible counts: ${errors.map((e) => e.message).join('; ')}`, errors);
  }
}

/**
 * Asks for confirmations of the findings (422 confirmation-required until each has a reason) and returns what
 * the product event and the audit event record: the confirmed counts by key and the confirmations themselves.
 */
export function confirm(
  findings: Finding[],
  confirmations: Confirmation[] | undefined,
  keyOf?: (field: string) => CountKey | null
) {
  const used = requireConfirmations(mergeFindings(findings), confirmations);
  const confirmed = confirmedMap(used, keyOf);
  return {
    details: Object.keys(confirmed).length ? { confirmed } : {},
    audit: used.length
      ? {
          confirmations: used.map((c) => ({
            ...c,
            finding: findings
              .filter((f) => f.field === c.field)
              .map((f) => f.message)
              .join('; '),
          })),
        }
      : {},
    reason: used.length ? used.map((c) => `${c.field}: ${c.reason}`).join('; ') : undefined,
  };
}

/** Checks the DIN, product code and CoI (ISBT 128, ICCBBA ST-001 v6.2.2); 422 with the field path when one fails. */
export function checkIdentifiers(input: ProductLabRegister, collectionType: string): string {
  const din = checkDin({ din: input.din });
  if (!din.valid || !din.normalizedDin) throw unprocessable('din', `the DIN is not valid: ${din.errors.join('; ')}`);
  const code = checkProductCode({ productCode: `${input.productCode}${collectionType}${input.division}` });
  if (!code.valid) throw unprocessable('productCode', `the product code is not valid: ${code.errors.join('; ')}`);
  if (input.coi) {
    const coi = checkCoi({ coi: input.coi });
    if (!coi.valid) {
      throw unprocessable('coi', `the chain of identity identifier is not valid: ${coi.errors.join('; ')}`);
    }
  }
  return din.normalizedDin;
}
