import { assertDistinctPersons } from './twoPerson';
import {
  ageInYears,
  blockingFindings,
  computeConditioningPlan,
  CONDITIONING_TEMPLATES,
  type ConditioningPlanComputation,
  type ConditioningTemplate,
  dateOfDay,
  findConditioningTemplate,
  formatDay,
  type PlanFinding,
  type PlanPatient,
} from '@engraft/clinical';
import {
  type ConditioningPlanChange,
  type ConditioningPlanInputSchema,
  type ConditioningPlanStatus,
  type ConditioningPlanView,
  conditioningPlanTransitionError,
  type Episode,
  type Patient,
  planBodyFindings,
  regimenKindError,
  verifierError,
} from '@engraft/domain';
import type { z } from 'zod';
import type { Database, Queryable } from '../db/database';
import { conflict, EngraftError, invalid, notFound, requireConfirmations } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/conditioningPlans';
import * as episodesRepo from '../repo/episodes';
import type { CentreActor } from './patients';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';

type PlanInput = z.output<typeof ConditioningPlanInputSchema>;

/** The regimen templates on offer (data, Gyurkocza & Sandmaier, Blood 2014;124:344; CAR-T US prescribing information). */
export const listRegimens = (): readonly ConditioningTemplate[] => CONDITIONING_TEMPLATES;

async function requirePlan(tx: Queryable, actor: CentreActor, planId: string, forUpdate = false) {
  const plan = await repo.getPlan(tx, actor.centreId, planId, forUpdate);
  if (!plan) throw notFound('conditioning plan');
  const { episode, patient } = await requireEpisode(tx, actor, plan.episodeId);
  return { plan, episode, patient };
}

const requireUser = (actor: CentreActor): string => {
  if (!actor.userId) {
    throw new EngraftError('forbidden', 'conditioning plans are prescribed and verified by identified users');
  }
  return actor.userId;
};

/** Computes a plan from the patient's record (or today's measurements in the request) and the template. */
function compute(
  episode: Episode,
  patient: Patient,
  input: PlanInput,
  today: string
): { template: ConditioningTemplate; inputs: PlanPatient; computed: ConditioningPlanComputation } {
  const template = findConditioningTemplate(input.templateId);
  if (!template) throw invalid('templateId', `there is no regimen template "${input.templateId}"`);
  const kindError = regimenKindError(template.kind, episode.type);
  if (kindError) throw invalid('templateId', kindError);
  const heightCm = input.heightCm ?? patient.heightCm;
  const weightKg = input.weightKg ?? patient.weightKg;
  if (heightCm == null) {
    throw invalid('heightCm', "the patient's height is not recorded: record it on the patient or give heightCm");
  }
  if (weightKg == null) {
    throw invalid('weightKg', "the patient's weight is not recorded: record it on the patient or give weightKg");
  }
  const sex = input.sex ?? (patient.sex === 'male' || patient.sex === 'female' ? patient.sex : null);
  if (!sex) throw invalid('sex', 'the ideal body weight (Devine) needs male or female: give the sex for dosing');
  const inputs: PlanPatient = { heightCm, weightKg, sex, ageYears: ageInYears(patient.dateOfBirth, today) };
  let computed: ConditioningPlanComputation;
  try {
    computed = computeConditioningPlan(template, inputs, input.options);
  } catch (err) {
    if (err instanceof RangeError) throw invalid('options', err.message);
    throw err;
  }
  // The size the plan is computed from (typed today or from the record) is checked for plausibility either way.
  const body: PlanFinding[] = planBodyFindings(heightCm, weightKg).map((f) => ({
    severity: 'confirm',
    code: 'implausible-value',
    ...f,
  }));
  return { template, inputs, computed: { ...computed, findings: [...body, ...computed.findings] } };
}

/** Problem `code` of a refusal because of blocking findings (422 on prescribe / change, 409 on verify). */
export const BLOCKING_FINDING = 'blocking-finding';

/** Refuses while the plan has a blocking finding: one error per finding, each naming its field. */
function refuseBlocking(c: ConditioningPlanComputation, kind: 'unprocessable' | 'conflict', action: string): void {
  const blocking = blockingFindings(c);
  if (!blocking.length) return;
  throw new EngraftError(
    kind,
    `This plan cannot be ${action}: ${blocking.map((f) => f.message).join('; ')}`,
    blocking.map((f) => ({ path: f.field, message: f.message })),
    undefined,
    BLOCKING_FINDING
  );
}

/** Blocking findings refuse; the values to confirm need a reason each (returned for the audit event). */
function checkBeforeSaving(c: ConditioningPlanComputation, input: PlanInput, action: string) {
  refuseBlocking(c, 'unprocessable', action);
  return requireConfirmations(
    c.findings.filter((f) => f.severity === 'confirm'),
    input.confirmations
  );
}

/**
 * The day 0 a plan's days count from: the episode's planned day 0. Conditioning is given before the infusion, so
 * its dates follow the plan; an infusion on another day (the actual day 0) does not move doses already given.
 */
const dayZeroOf = (e: Episode): string => e.plannedDayZero;

/** A plan as the API returns it: dates are derived from the episode's day 0 on read, so they follow it. */
function publicPlan(p: repo.StoredPlan, episode: Episode): ConditioningPlanView {
  const stored = p.computed as ConditioningPlanComputation;
  // Plans computed before issue 13 were stored without findings: they had none.
  const computed = { ...stored, findings: stored.findings ?? [] };
  const dayZero = dayZeroOf(episode);
  return {
    id: p.id,
    episodeId: p.episodeId,
    seriesId: p.seriesId,
    version: p.version,
    supersedesId: p.supersedesId,
    templateId: p.templateId,
    template: p.template as ConditioningTemplate,
    options: p.options as PlanInput['options'],
    inputs: p.inputs as PlanPatient,
    computed,
    ruleId: p.ruleId,
    declaredIntent: p.declaredIntent,
    status: p.status,
    reason: p.reason,
    prescribedById: p.prescribedById,
    prescribedBy: p.prescribedBy,
    prescribedAt: p.prescribedAt,
    verifiedById: p.verifiedById,
    verifiedBy: p.verifiedBy,
    verifiedAt: p.verifiedAt,
    endedBy: p.endedBy,
    endedAt: p.endedAt,
    endReason: p.endReason,
    dayZero,
    startDate: dateOfDay(dayZero, computed.firstDay),
    dates: computed.days.map((d) => ({ day: d.day, date: dateOfDay(dayZero, d.day) })),
  };
}
export type { ConditioningPlanView };

/** The audit summary of a version: what a reviewer compares before and after a change. */
const auditSummary = (p: repo.StoredPlan) => {
  const c = p.computed as ConditioningPlanComputation;
  return {
    version: p.version,
    status: p.status,
    templateId: p.templateId,
    options: p.options,
    inputs: p.inputs,
    declaredIntent: p.declaredIntent,
    suggestedIntensity: c.intensity.suggested,
    doses: c.agents.map((a) => ({
      agent: a.agent,
      perAdministration: a.amountPerAdministration,
      unit: a.unit,
      days: a.days,
      total: a.total,
      override: a.override,
    })),
  };
};

const statusError = (from: ConditioningPlanStatus, to: ConditioningPlanStatus) => {
  const why = conditioningPlanTransitionError(from, to);
  if (why) throw conflict(why, 'status');
};

/** Computes without saving (a preview for the prescriber). Audited as a read of the patient's record. */
export async function previewPlan(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  input: PlanInput,
  today: string
) {
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    const { template, inputs, computed } = compute(episode, patient, input, today);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'conditioning-preview',
      entityId: episodeId,
      patientId: patient.id,
      after: { templateId: template.id },
    });
    const dayZero = dayZeroOf(episode);
    return {
      template,
      inputs,
      computed,
      dayZero,
      startDate: dateOfDay(dayZero, computed.firstDay),
      dates: computed.days.map((d) => ({ day: d.day, date: dateOfDay(dayZero, d.day) })),
    };
  });
}

/**
 * The plan versions of an episode, newest first, with the episode and the patient's identifiers and body size
 * (what a printed calendar is headed with). Audited as a read.
 */
export async function listPlans(db: Database, actor: CentreActor, episodeId: string) {
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    const plans = await repo.plansOfEpisode(tx, actor.centreId, episodeId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'conditioning-plans',
      entityId: episodeId,
      patientId: patient.id,
    });
    return {
      episode: {
        id: episode.id,
        type: episode.type,
        plannedDayZero: episode.plannedDayZero,
        actualDayZero: episode.actualDayZero,
        dayZero: dayZeroOf(episode),
      },
      patient: {
        id: patient.id,
        mrn: patient.mrn,
        familyName: patient.familyName,
        givenName: patient.givenName,
        dateOfBirth: patient.dateOfBirth,
        sex: patient.sex,
        heightCm: patient.heightCm,
        weightKg: patient.weightKg,
      },
      plans: plans.map((p) => publicPlan(p, episode)),
    };
  });
}

/** One plan version. Audited as a read. */
export async function getPlan(db: Database, actor: CentreActor, planId: string) {
  return db.transaction(async (tx) => {
    const { plan, episode, patient } = await requirePlan(tx, actor, planId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'conditioning-plan',
      entityId: planId,
      patientId: patient.id,
    });
    return publicPlan(plan, episode);
  });
}

/** Prescribes a plan on an episode: version 1, awaiting verification by a second user. One open plan per episode. */
export async function createPlan(db: Database, actor: CentreActor, episodeId: string, input: PlanInput, today: string) {
  const userId = requireUser(actor);
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    await repo.lockEpisodeForPlans(tx, actor.centreId, episodeId);
    const open = await repo.openPlanOfEpisode(tx, actor.centreId, episodeId);
    if (open) {
      throw conflict(
        `this episode already has a ${open.status === 'draft' ? 'plan awaiting verification' : 'verified plan'} (${(open.computed as ConditioningPlanComputation).templateName}): change or cancel it instead`
      );
    }
    const { template, inputs, computed } = compute(episode, patient, input, today);
    const confirmations = checkBeforeSaving(computed, input, 'prescribed');
    const saved = await repo.insertPlan(tx, {
      centreId: actor.centreId,
      episodeId,
      seriesId: null,
      version: 1,
      supersedesId: null,
      templateId: computed.templateRef,
      template,
      options: input.options,
      inputs,
      computed,
      ruleId: computed.ruleId,
      declaredIntent: computed.intensity.declaredIntent,
      reason: null,
      prescribedBy: userId,
    });
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId,
      date: today,
      kind: 'conditioning',
      recordedBy: userId,
      label: `${template.kind === 'lymphodepletion' ? 'Lymphodepletion' : 'Conditioning'} ${template.name} prescribed (${formatDay(computed.firstDay)} to D0), awaiting verification`,
    });
    // Last: the audit chain lock is held to the end of the transaction.
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'conditioning-plan',
      entityId: saved.id,
      patientId: patient.id,
      after: { ...auditSummary(saved), confirmations },
    });
    return publicPlan(saved, episode);
  });
}

/** Verifies a plan awaiting verification: a second user, not the prescriber (409 otherwise). The plan becomes active. */
export async function verifyPlan(db: Database, actor: CentreActor, planId: string, today: string) {
  const userId = requireUser(actor);
  return db.transaction(async (tx) => {
    const { plan, episode, patient } = await requirePlan(tx, actor, planId, true);
    statusError(plan.status, 'active');
    const who = verifierError(plan.prescribedById, userId);
    if (who) throw conflict(who, 'verifiedBy');
    // The stored result, and the same inputs under today's rules: a plan computed before a check existed is
    // held to it too (its stored numbers are not changed; it must be changed into a new version).
    refuseBlocking(plan.computed as ConditioningPlanComputation, 'conflict', 'verified');
    let recomputed: ConditioningPlanComputation;
    try {
      recomputed = computeConditioningPlan(
        plan.template as ConditioningTemplate,
        plan.inputs as PlanPatient,
        plan.options as PlanInput['options']
      );
    } catch (err) {
      if (err instanceof RangeError) throw conflict(`This plan cannot be verified: ${err.message}`, 'options');
      throw err;
    }
    refuseBlocking(recomputed, 'conflict', 'verified');
    await assertDistinctPersons(tx, plan.prescribedById, userId, 'conditioning-verification');
    if (!(await repo.markVerified(tx, actor.centreId, planId, userId))) {
      throw conflict('the plan changed while you verified it: reload it');
    }
    const saved = (await repo.getPlan(tx, actor.centreId, planId))!;
    const view = publicPlan(saved, episode);
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: plan.episodeId,
      date: today,
      kind: 'conditioning',
      recordedBy: userId,
      label: `${view.computed.kind === 'lymphodepletion' ? 'Lymphodepletion' : 'Conditioning'} ${view.computed.templateName} verified (version ${saved.version}); starts ${formatDay(view.computed.firstDay)} ${view.startDate}`,
    });
    // Last: the audit chain lock is held to the end of the transaction.
    await appendAudit(tx, actor, {
      action: 'verify',
      entityType: 'conditioning-plan',
      entityId: planId,
      patientId: patient.id,
      before: { status: plan.status },
      after: { status: saved.status, verifiedBy: saved.verifiedBy, version: saved.version },
    });
    return view;
  });
}

/**
 * Changes a plan with a reason: the open version is superseded and a new version, recomputed, awaits
 * verification again. Audited with before and after.
 */
export async function changePlan(
  db: Database,
  actor: CentreActor,
  planId: string,
  input: PlanInput & Pick<ConditioningPlanChange, 'reason'>,
  today: string
) {
  const userId = requireUser(actor);
  return db.transaction(async (tx) => {
    const { plan, episode, patient } = await requirePlan(tx, actor, planId, true);
    statusError(plan.status, 'superseded');
    const { template, inputs, computed } = compute(episode, patient, input, today);
    const confirmations = checkBeforeSaving(computed, input, 'prescribed');
    if (!(await repo.markEnded(tx, actor.centreId, planId, 'superseded', userId, input.reason))) {
      throw conflict('the plan changed meanwhile: reload it');
    }
    const saved = await repo.insertPlan(tx, {
      centreId: actor.centreId,
      episodeId: plan.episodeId,
      seriesId: plan.seriesId,
      version: plan.version + 1,
      supersedesId: plan.id,
      templateId: computed.templateRef,
      template,
      options: input.options,
      inputs,
      computed,
      ruleId: computed.ruleId,
      declaredIntent: computed.intensity.declaredIntent,
      reason: input.reason,
      prescribedBy: userId,
    });
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: plan.episodeId,
      date: today,
      kind: 'conditioning',
      recordedBy: userId,
      label: `${template.kind === 'lymphodepletion' ? 'Lymphodepletion' : 'Conditioning'} plan changed to ${template.name} (version ${saved.version}), awaiting verification`,
    });
    // Last: the audit chain lock is held to the end of the transaction.
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'conditioning-plan',
      entityId: saved.id,
      patientId: patient.id,
      reason: input.reason,
      before: { id: plan.id, ...auditSummary(plan) },
      after: { ...auditSummary(saved), confirmations },
    });
    return publicPlan(saved, episode);
  });
}

/** Cancels an open plan with a reason. */
export async function cancelPlan(db: Database, actor: CentreActor, planId: string, reason: string, today: string) {
  const userId = requireUser(actor);
  return db.transaction(async (tx) => {
    const { plan, episode, patient } = await requirePlan(tx, actor, planId, true);
    statusError(plan.status, 'cancelled');
    if (!(await repo.markEnded(tx, actor.centreId, planId, 'cancelled', userId, reason))) {
      throw conflict('the plan changed meanwhile: reload it');
    }
    const saved = (await repo.getPlan(tx, actor.centreId, planId))!;
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: plan.episodeId,
      date: today,
      kind: 'conditioning',
      recordedBy: userId,
      label: `${(plan.computed as ConditioningPlanComputation).templateName} plan cancelled`,
    });
    // Last: the audit chain lock is held to the end of the transaction.
    await appendAudit(tx, actor, {
      action: 'cancel',
      entityType: 'conditioning-plan',
      entityId: planId,
      patientId: patient.id,
      reason,
      before: { status: plan.status },
      after: { status: saved.status },
    });
    return publicPlan(saved, episode);
  });
}
