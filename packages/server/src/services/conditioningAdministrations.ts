import { type ConditioningPlanComputation, formatDay } from '@engraft/clinical';
import {
  type AdministrationInputSchema,
  type AdministrationList,
  type AdministrationView,
  administrationFindings,
  administrationLineError,
  type PlannedLine,
} from '@engraft/domain';
import type { z } from 'zod';
import type { Database, Queryable } from '../db/database';
import { conflict, EngraftError, invalid, notFound, RecordedRefusal, requireConfirmations } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/conditioningAdministrations';
import * as plansRepo from '../repo/conditioningPlans';
import * as episodesRepo from '../repo/episodes';
import type { CentreActor } from './patients';

// Administered doses of a verified conditioning plan (issue 17 §1, ADR 0702): recorded by the nurse or physician
// who gave them against one dose line of the plan; checked against the plan (an unverified plan refuses, more than
// planned needs a confirmation with a reason); corrected with a reason; every write audited in its transaction.

type Input = z.output<typeof AdministrationInputSchema>;

/** A start more than 5 minutes ahead of the server's clock is a typing slip, not a dose given. */
const CLOCK_SKEW_MS = 5 * 60_000;

const requireUser = (actor: CentreActor): string => {
  if (!actor.userId) throw new EngraftError('forbidden', 'doses are recorded by identified users');
  return actor.userId;
};

/** Refusal of a dose against a plan that is not verified and current (hazard H-COND-1): recorded in the audit log. */
function refuseStatus(plan: plansRepo.StoredPlan): never {
  const why =
    plan.status === 'draft'
      ? 'this plan is awaiting verification by a second physician: a dose is recorded only against a verified plan'
      : plan.status === 'superseded'
        ? 'this plan version is superseded: record the dose against the current verified version'
        : 'this plan is cancelled: no dose is recorded against it';
  throw new RecordedRefusal(
    'conflict',
    why,
    [{ path: 'planId', message: why }],
    {
      action: 'refuse',
      entityType: 'conditioning-administration',
      after: { planId: plan.id, planStatus: plan.status, reason: 'plan not verified and current' },
    },
    'plan-not-verified'
  );
}

/** The dose line of the plan the input names, and what it plans for that administration. */
function lineOf(plan: plansRepo.StoredPlan, v: Input): repo.AdministrationWrite & { line: PlannedLine } {
  const c = plan.computed as ConditioningPlanComputation;
  const agent = c.agents.find((a) => a.index === v.agentIndex);
  if (!agent) throw invalid('agentIndex', `the plan has no agent ${v.agentIndex}`);
  const item = c.days.find((d) => d.day === v.day)?.items.find((i) => i.agentIndex === v.agentIndex);
  if (!item) throw invalid('day', `the plan gives no ${agent.label} on ${formatDay(v.day)}`);
  const line: PlannedLine = {
    amountPerAdministration: item.amountPerAdministration,
    administrations: item.administrations,
    unit: item.unit,
  };
  const wrong = administrationLineError(line, v);
  if (wrong) throw invalid(wrong.field, wrong.message);
  if (v.startedAt && Date.parse(v.startedAt) > Date.now() + CLOCK_SKEW_MS) {
    throw invalid('startedAt', 'the start is in the future: record a dose once it is given');
  }
  return {
    line,
    agentIndex: v.agentIndex,
    agent: agent.agent,
    agentLabel: agent.label,
    day: v.day,
    sequence: v.sequence,
    plannedAmount: item.amountPerAdministration,
    unit: v.unit,
    outcome: v.outcome,
    amount: v.amount ?? null,
    startedAt: v.startedAt ?? null,
    endedAt: v.endedAt ?? null,
    reason: v.reason ?? null,
  };
}

const summary = (a: AdministrationView) => ({
  planId: a.planId,
  agent: a.agent,
  day: a.day,
  sequence: a.sequence,
  plannedAmount: a.plannedAmount,
  unit: a.unit,
  outcome: a.outcome,
  amount: a.amount,
  startedAt: a.startedAt,
  endedAt: a.endedAt,
  reason: a.reason,
});

async function requirePlan(tx: Queryable, actor: CentreActor, planId: string, forUpdate: boolean) {
  const plan = await plansRepo.getPlan(tx, actor.centreId, planId, forUpdate);
  if (!plan) throw notFound('conditioning plan');
  const episode = await episodesRepo.getEpisode(tx, actor.centreId, plan.episodeId);
  if (!episode) throw notFound('episode');
  return { plan, episode };
}

/** The doses recorded against a plan version. Audited as a read. */
export async function listAdministrations(
  db: Database,
  actor: CentreActor,
  planId: string
): Promise<AdministrationList> {
  return db.transaction(async (tx) => {
    const { plan, episode } = await requirePlan(tx, actor, planId, false);
    const items = await repo.administrationsOfPlan(tx, actor.centreId, planId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'conditioning-administrations',
      entityId: planId,
      patientId: episode.patientId,
    });
    return { planId, planStatus: plan.status, items };
  });
}

/**
 * Records one administration against a verified plan: 409 (recorded refusal) when the plan is not verified and
 * current, 400 naming the field when it contradicts the plan line, 422 `confirmation-required` above the planned
 * amount without a reason, 409 when that administration is already recorded (correct it instead).
 */
export async function recordAdministration(
  db: Database,
  actor: CentreActor,
  planId: string,
  input: Input
): Promise<AdministrationView> {
  const userId = requireUser(actor);
  return db.transaction(async (tx) => {
    // The plan row is locked, so a cancellation or a new version cannot slip in between the check and the insert.
    const { plan, episode } = await requirePlan(tx, actor, planId, true);
    if (plan.status !== 'active') refuseStatus(plan);
    const { line, ...write } = lineOf(plan, input);
    const confirmations = requireConfirmations(administrationFindings(line, input.amount), input.confirmations);
    const saved = await repo.insertAdministration(
      tx,
      { centreId: actor.centreId, planId, episodeId: plan.episodeId, patientId: episode.patientId, recordedBy: userId },
      write
    );
    if (!saved) {
      throw conflict(
        `${write.agentLabel} ${formatDay(write.day)} administration ${write.sequence} is already recorded: correct it instead`,
        'sequence'
      );
    }
    // Last: the audit chain lock is held to the end of the transaction.
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'conditioning-administration',
      entityId: saved.id,
      patientId: episode.patientId,
      after: { ...summary(saved), confirmations },
    });
    return saved;
  });
}

/** Corrects a recorded administration with a reason (audited before/after); checked against its plan again. */
export async function correctAdministration(
  db: Database,
  actor: CentreActor,
  id: string,
  input: Input,
  reason: string
): Promise<AdministrationView> {
  const userId = requireUser(actor);
  return db.transaction(async (tx) => {
    const before = await repo.getAdministration(tx, actor.centreId, id, true);
    if (!before) throw notFound('administration');
    const { plan, episode } = await requirePlan(tx, actor, before.planId, false);
    const { line, ...write } = lineOf(plan, input);
    const confirmations = requireConfirmations(administrationFindings(line, input.amount), input.confirmations);
    const saved = (await repo.correctAdministration(tx, actor.centreId, id, userId, reason, write))!;
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'conditioning-administration',
      entityId: id,
      patientId: episode.patientId,
      reason,
      before: summary(before),
      after: { ...summary(saved), confirmations },
    });
    return saved;
  });
}
