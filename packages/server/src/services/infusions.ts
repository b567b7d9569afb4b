// Bedside check → second-person confirmation → infusion → completion (issue 7; 21 CFR 1271.290 and the CAR-T labels,
// §6.3; ADR 0540). Each write is one transaction with its audit event; a refused check is stored, audited, put
// on the timeline and (derived on read) on the team worklist before the refusal is answered.
import { assertDistinctPersons } from './twoPerson';
import {
  type BedsideCheck,
  type BedsideConfirm,
  type BedsideOverview,
  type BedsideResult,
  type BedsideScanInput,
  bedsideCheck,
  bedsideStopSentence,
  cartLabelKeyOf,
  EPISODE_PHASES,
  type EpisodePhase,
  type Infusion,
  type InfusionComplete,
  InfusionCompleteSchema,
  type InfusionStart,
  formatDoseUnit,
  infusionDose,
  normalizeScannedDin,
  INFUSERS,
  productTransitionError,
  formatPatientName,
} from '@engraft/domain';
import type { Config } from '../config';
import type { Database, Queryable } from '../db/database';
import { conflict, EngraftError, invalid, notFound } from '../errors';
import { type Actor, appendAudit } from '../repo/auditLog';
import * as episodesRepo from '../repo/episodes';
import * as repo from '../repo/infusions';
import * as productsRepo from '../repo/products';
import { reauthenticate } from './auth';
import type { CentreActor } from './patients';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';

/** A passing check is good for this long: confirmation and the start of the infusion must follow within it. */
export const CHECK_VALID_MINUTES = 60;

const PHASE_ORDER = Object.keys(EPISODE_PHASES) as EpisodePhase[];

/** Runs the pure check against what the database holds now. */
async function runCheck(
  tx: Queryable,
  actor: CentreActor,
  episodeId: string,
  scan: BedsideScanInput
): Promise<BedsideResult & { episode: Awaited<ReturnType<typeof requireEpisode>>['episode'] }> {
  const { episode, patient } = await requireEpisode(tx, actor, episodeId);
  const din = normalizeScannedDin(scan.din);
  const products = din ? await productsRepo.findProductsByDin(tx, actor.centreId, din) : [];
  const orders = await repo.ordersOfEpisode(tx, actor.centreId, episodeId);
  const ctx = {
    patient: { id: patient.id, mrn: patient.mrn, aboRh: patient.aboRh },
    episode: {
      id: episode.id,
      patientId: episode.patientId,
      type: episode.type,
      phase: episode.phase,
      cellOrigin: episode.cellOrigin,
    },
    products,
    orderCois: orders.map((o) => o.coi),
    now: new Date().toISOString(),
  };
  let result = bedsideCheck(scan, ctx);
  if (result.product?.donorId && !result.product.aboRh) {
    result = bedsideCheck(scan, {
      ...ctx,
      donorAboRh: await repo.donorAboOf(tx, actor.centreId, result.product.donorId),
    });
  }
  return { ...result, episode };
}

/** Records a refusal found after the scan (at confirmation or start): audit, timeline; the worklist reads the row. */
async function recordLateRefusal(
  tx: Queryable,
  actor: Actor,
  centreId: string,
  check: repo.StoredCheck,
  result: BedsideResult,
  when: 'second check' | 'start',
  today: string
) {
  await repo.refuseAtConfirmation(tx, check.id, result.stops, result.warnings);
  await episodesRepo.insertEpisodeEvent(tx, centreId, {
    episodeId: check.episodeId,
    date: today,
    kind: 'infusion',
    label: bedsideStopSentence(result.stops, `Bedside check refused at the ${when}`),
    recordedBy: actor.userId,
  });
  await appendAudit(tx, actor, {
    action: 'bedside-stop',
    entityType: 'bedside-check',
    entityId: check.id,
    patientId: check.patientId,
    after: { at: when, stops: result.stops.map((s) => s.code) },
  });
}

const ageMinutes = (performedAt: string): number => (Date.now() - Date.parse(performedAt)) / 60_000;

const scanOf = (c: repo.StoredCheck): BedsideScanInput => ({
  mrn: c.scanned.mrn,
  din: c.scanned.din,
  ...(c.scanned.productCode ? { productCode: c.scanned.productCode } : {}),
  ...(c.scanned.division ? { division: c.scanned.division } : {}),
  ...(c.scanned.coi ? { coi: c.scanned.coi } : {}),
});

/** Step 1: the scan. Always stored; the answer says pass or stop with every reason. */
export async function performBedsideCheck(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  scan: BedsideScanInput,
  today: string
): Promise<BedsideCheck> {
  if (!actor.userId) throw new EngraftError('forbidden', 'a bedside check is performed by an identified user');
  const userId = actor.userId;
  return db.transaction(async (tx) => {
    const r = await runCheck(tx, actor, episodeId, scan);
    // The bag found is kept for the record even when it is another patient's (never shown in the answer).
    const found = r.normalized.din ? await productsRepo.findProductsByDin(tx, actor.centreId, r.normalized.din) : [];
    const productId = r.product?.id ?? (found.length === 1 ? found[0]!.id : null);
    const check = await repo.insertBedsideCheck(tx, actor.centreId, {
      episodeId,
      patientId: r.episode.patientId,
      productId,
      scanned: scan,
      normalized: r.normalized,
      result: r.result,
      stops: r.stops,
      warnings: r.warnings,
      ruleId: r.ruleId,
      performedBy: userId,
    });
    if (r.result === 'stop') {
      await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
        episodeId,
        date: today,
        kind: 'infusion',
        label: bedsideStopSentence(r.stops),
        recordedBy: userId,
      });
    }
    await appendAudit(tx, actor, {
      action: r.result === 'stop' ? 'bedside-stop' : 'create',
      entityType: 'bedside-check',
      entityId: check.id,
      patientId: r.episode.patientId,
      after: {
        result: r.result,
        stops: r.stops.map((s) => s.code),
        warnings: r.warnings.map((w) => w.code),
        scanned: check.scanned,
        ruleId: r.ruleId,
      },
    });
    return repo.publicCheck(check);
  });
}

/** Step 2: a second person confirms a passing check; the check is run again at that moment. */
export async function confirmBedsideCheck(
  db: Database,
  config: Pick<Config, 'lockout'>,
  actor: CentreActor,
  checkId: string,
  body: BedsideConfirm,
  today: string
): Promise<BedsideCheck> {
  let confirmer: { userId: string; username: string };
  if (body.username != null && body.password != null) {
    const who = await reauthenticate(
      db,
      config,
      { username: body.username, password: body.password },
      actor.centreId,
      'bedside-confirmation'
    );
    if (!who.roles.some((r) => INFUSERS.includes(r))) {
      throw new EngraftError(
        'forbidden',
        'the second person must be a nurse, a physician or an administrator of this centre'
      );
    }
    confirmer = { userId: who.userId, username: who.username };
  } else {
    if (!actor.userId) throw new EngraftError('forbidden', 'a bedside check is confirmed by an identified user');
    confirmer = { userId: actor.userId, username: actor.username };
  }
  const confirmerActor: CentreActor = {
    userId: confirmer.userId,
    username: confirmer.username,
    centreId: actor.centreId,
  };
  const outcome = await db.transaction(async (tx) => {
    const check = await repo.getBedsideCheck(tx, actor.centreId, checkId, { forUpdate: true });
    if (!check) throw notFound('bedside check');
    if (check.result !== 'pass') {
      throw conflict('this check was refused (STOP): it cannot be confirmed; scan again once the problem is solved');
    }
    if (check.confirmedById) throw conflict(`this check was already confirmed by ${check.confirmedBy}`);
    await assertDistinctPersons(tx, check.performedById, confirmer.userId, 'bedside-confirmation');
    if (ageMinutes(check.performedAt) > CHECK_VALID_MINUTES) {
      throw conflict(`this check is more than ${CHECK_VALID_MINUTES} minutes old: scan again`);
    }
    const again = await runCheck(tx, actor, check.episodeId, scanOf(check));
    if (again.result === 'stop') {
      await recordLateRefusal(tx, confirmerActor, actor.centreId, check, again, 'second check', today);
      return { refused: again };
    }
    await repo.confirmBedsideCheck(tx, check.id, confirmer.userId);
    await appendAudit(tx, confirmerActor, {
      action: 'confirm',
      entityType: 'bedside-check',
      entityId: check.id,
      patientId: check.patientId,
      after: { confirmedBy: confirmer.username, device: actor.username, warnings: again.warnings.map((w) => w.code) },
    });
    return { check: (await repo.getBedsideCheck(tx, actor.centreId, check.id))! };
  });
  if (outcome.refused) throw conflict(`STOP — do not infuse: ${outcome.refused.stops.map((s) => s.message).join(' ')}`);
  return repo.publicCheck(outcome.check);
}

const dateOf = (isoDateTime: string): string => isoDateTime.slice(0, 10);

/** Step 3: the infusion starts from a confirmed check: product → infused; the first infusion sets day 0. */
export async function startInfusion(
  db: Database,
  actor: CentreActor,
  checkId: string,
  body: InfusionStart,
  today: string
): Promise<Infusion> {
  if (!actor.userId) throw new EngraftError('forbidden', 'an infusion is started by an identified user');
  const userId = actor.userId;
  const startedAt = body.startedAt ?? new Date().toISOString();
  if (Date.parse(startedAt) > Date.now() + 5 * 60_000) {
    throw invalid('startedAt', 'the start of the infusion cannot be in the future');
  }
  const outcome = await db.transaction(async (tx) => {
    const check = await repo.getBedsideCheck(tx, actor.centreId, checkId, { forUpdate: true });
    if (!check) throw notFound('bedside check');
    if (check.result !== 'pass') throw conflict('this check was refused (STOP): do not infuse');
    if (!check.confirmedById) throw conflict('the check has not been confirmed by a second person yet');
    await assertDistinctPersons(tx, check.performedById, check.confirmedById, 'infusion');
    if (check.infusionId) throw conflict('an infusion was already started from this check');
    if (ageMinutes(check.performedAt) > CHECK_VALID_MINUTES) {
      throw conflict(`this check is more than ${CHECK_VALID_MINUTES} minutes old: scan again`);
    }
    const again = await runCheck(tx, actor, check.episodeId, scanOf(check));
    if (again.result === 'stop' || !again.product) {
      await recordLateRefusal(tx, actor, actor.centreId, check, again, 'start', today);
      return { refused: again };
    }
    const product = again.product;
    const moveError = productTransitionError(product.status, 'infused');
    if (moveError) throw conflict(moveError);
    const { episode, patient } = await requireEpisode(tx, actor, check.episodeId);
    const orders = await repo.ordersOfEpisode(tx, actor.centreId, episode.id);
    const order =
      orders.find((o) => o.id === product.manufacturingOrderId) ?? (orders.length === 1 ? orders[0] : undefined);
    const cartProduct = body.cartProduct ?? cartLabelKeyOf(order?.product_name) ?? null;
    const weightKg = body.weightKg ?? patient.weightKg;
    const dose = infusionDose(product, { episodeType: episode.type, weightKg, cartProduct });
    const infusion = await repo.insertInfusion(tx, actor.centreId, {
      episodeId: episode.id,
      patientId: patient.id,
      productId: product.id,
      bedsideCheckId: check.id,
      startedAt,
      weightKg,
      doseInputs: {
        weightKg,
        kind: product.kind,
        tncCells: product.tncCells,
        cd34Cells: product.cd34Cells,
        carTCells: product.carTCells,
        cartProduct,
        episodeType: episode.type,
      },
      dose,
      checkedBy: check.performedById,
      confirmedBy: check.confirmedById,
      startedBy: userId,
    });
    await productsRepo.moveProductStatus(tx, product.id, 'infused', {
      kind: 'infusion',
      details: { infusionId: infusion.id, episodeId: episode.id },
      performedBy: userId,
      performedAt: startedAt,
    });

    // Day 0 is the date of the first infusion (updateEpisodePhase keeps an existing actual day 0); an episode
    // before the infusion phase moves to it, a later one (second product) keeps its phase.
    const day = dateOf(startedAt);
    const phase = PHASE_ORDER.indexOf(episode.phase) < PHASE_ORDER.indexOf('infusion') ? 'infusion' : episode.phase;
    const after = await episodesRepo.updateEpisodePhase(tx, episode.id, phase, day);
    if (phase !== episode.phase) {
      await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
        episodeId: episode.id,
        date: day,
        kind: 'phase',
        label: `Phase: ${EPISODE_PHASES[phase]}`,
        recordedBy: userId,
      });
    }
    const doseText = dose?.measures
      .map(
        (m) =>
          `${m.value.toFixed(2)} ${formatDoseUnit(m.unit)} ${m.measure === 'car-positive-viable-t' ? 'CAR+ T' : m.measure.toUpperCase()}`
      )
      .join(', ');
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: episode.id,
      date: day,
      kind: 'infusion',
      label: `Infusion started: ${product.description} DIN ${product.din}${doseText ? ` (${doseText})` : ''}; checked by ${check.performedBy}, confirmed by ${check.confirmedBy}${!episode.actualDayZero ? ' — day 0' : ''}`,
      recordedBy: userId,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'infusion',
      entityId: infusion.id,
      patientId: patient.id,
      after: repo.publicInfusion(infusion),
    });
    if (after.actualDayZero !== episode.actualDayZero || after.phase !== episode.phase) {
      await appendAudit(tx, actor, {
        action: 'update',
        entityType: 'episode',
        entityId: episode.id,
        patientId: patient.id,
        before: episode,
        after,
        reason: 'infusion recorded',
      });
    }
    return { infusion };
  });
  if (outcome.refused) throw conflict(`STOP — do not infuse: ${outcome.refused.stops.map((s) => s.message).join(' ')}`);
  return repo.publicInfusion(outcome.infusion);
}

/** Step 4: end time, volume and reactions. */
export async function completeInfusion(
  db: Database,
  actor: CentreActor,
  infusionId: string,
  input: InfusionComplete
): Promise<Infusion> {
  const c = InfusionCompleteSchema.parse(input);
  if (!actor.userId) throw new EngraftError('forbidden', 'an infusion is recorded by an identified user');
  const userId = actor.userId;
  return db.transaction(async (tx) => {
    const before = await repo.getInfusion(tx, actor.centreId, infusionId);
    if (!before) throw notFound('infusion');
    if (before.endedAt) throw conflict(`this infusion was already completed by ${before.completedBy}`);
    if (Date.parse(c.endedAt) < Date.parse(before.startedAt)) {
      throw invalid('endedAt', 'the end of the infusion is before its start');
    }
    await repo.completeInfusion(tx, infusionId, {
      endedAt: c.endedAt,
      volumeMl: c.volumeMl,
      reactions: c.reactions,
      reactionNote: c.reactionNote ?? null,
      completedBy: userId,
    });
    const after = (await repo.getInfusion(tx, actor.centreId, infusionId))!;
    const reactions = c.reactions.includes('none') ? 'no reaction' : `reactions: ${c.reactions.join(', ')}`;
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: before.episodeId,
      date: dateOf(c.endedAt),
      kind: 'infusion',
      label: `Infusion completed: DIN ${before.product.din}, ${c.volumeMl} mL, ${reactions}`,
      recordedBy: userId,
    });
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'infusion',
      entityId: infusionId,
      patientId: before.patientId,
      before: repo.publicInfusion(before),
      after: repo.publicInfusion(after),
    });
    return repo.publicInfusion(after);
  });
}

/** What the bedside page shows: the patient's identifiers, the episode, every check (refused ones too) and the infusions. */
export async function bedsideOverview(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  today: string
): Promise<BedsideOverview> {
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    const checks = await repo.listBedsideChecks(tx, actor.centreId, episodeId);
    const infusions = await repo.listInfusions(tx, actor.centreId, episodeId);
    await appendAudit(tx, actor, { action: 'read', entityType: 'bedside', entityId: episodeId, patientId: patient.id });
    return {
      today,
      patient: {
        id: patient.id,
        mrn: patient.mrn,
        name: formatPatientName(patient),
        dateOfBirth: patient.dateOfBirth,
        aboRh: patient.aboRh,
        weightKg: patient.weightKg,
      },
      episode: {
        id: episode.id,
        type: episode.type,
        phase: episode.phase,
        plannedDayZero: episode.plannedDayZero,
        actualDayZero: episode.actualDayZero,
      },
      checks: checks.map(repo.publicCheck),
      infusions: infusions.map(repo.publicInfusion),
    };
  });
}
