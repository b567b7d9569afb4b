import { dateOfDay, dayRelative } from '@engraft/clinical';
import {
  EPISODE_PHASES,
  type EpisodePhase,
  type EpisodeType,
  followUpSchedule,
  ROLES,
  type Role,
} from '@engraft/domain';
import type { Database } from '../db/database';
import { centreExists, findOrCreateCentre } from '../repo/centres';
import { createUser } from '../services/auth';
import * as patients from '../services/patients';
import * as labImport from '../services/labImport';
import * as monitoring from '../services/monitoring';
import { appendAudit } from '../repo/auditLog';
import { markFollowUpDone } from '../repo/worklist';
import { demoCases, seededRandom } from './syntheticData';
import { seedCells } from './syntheticCells';
import { seedConditioningPlans } from './syntheticConditioning';
import { seedManufacturing } from './syntheticManufacturing';
import { seedFamily } from './syntheticFamily';
import { DEMO_CENTRE } from './demoCentre';
import { seedDemoFrequencySet } from './demoFrequencySet';
import { seedDemoTyping } from './demoSearch';
import { seedJourneys } from './syntheticJourneys';
import { syntheticFollowUp } from './syntheticMonitoring';
import { seedDemoProducts } from './syntheticProducts';
import { seedRegistryCase } from './syntheticRegistry';

const EPISODE_PHASE_ORDER = Object.keys(EPISODE_PHASES) as EpisodePhase[];
/** Usual day (relative to day 0) on which an episode enters each phase after referral. */
const PHASE_DAYS: [EpisodePhase, number][] = [
  ['work-up', -30],
  ['conditioning', -7],
  ['infusion', 0],
  ['early-follow-up', 1],
  ['long-term-follow-up', 100],
  ['closed', 1500],
];

export { DEMO_CENTRE };

/**
 * Demo accounts: one per role, username = role, plus a second physician (`physician2`) and a second lab user
 * (`lab2`) for two-person checks (verifying a conditioning plan, releasing a product); printed at start. Only
 * ever created by the demo seeder.
 */
export const demoAccounts = (): { username: string; password: string; role: Role }[] => [
  ...ROLES.map((role) => ({ username: role, password: `demo-${role}-pass`, role })),
  { username: 'physician2', password: 'demo-physician2-pass', role: 'physician' },
  { username: 'lab2', password: 'demo-lab2-pass', role: 'lab' },
];

export async function isSeeded(db: Database): Promise<boolean> {
  return centreExists(db, DEMO_CENTRE);
}

/**
 * Seeds a clearly synthetic programme: the demo centre, one account per role, and a few dozen patients
 * across the indications, episode types and phases, dated relative to `today`.
 */
export async function seedDemo(
  db: Database,
  today: string,
  opts: { patients?: number } = {}
): Promise<{ patients: number }> {
  const centre = await findOrCreateCentre(db, DEMO_CENTRE);
  const system = { userId: null, username: 'demo-seeder', centreId: centre.id };
  for (const acc of demoAccounts()) {
    const displayName = `Demo ${acc.role.replace('-', ' ')}${acc.username === acc.role ? '' : ` ${acc.username.slice(acc.role.length)}`}`;
    await createUser(
      db,
      system,
      centre.id,
      { username: acc.username, displayName, password: acc.password, roles: [acc.role] },
      { isDemo: true }
    );
  }
  const cases = demoCases(opts.patients);
  const rnd = seededRandom(7);
  for (const c of cases) {
    const dayZero = dateOfDay(today, c.dayZeroOffset);
    // Age is the age at day 0; infants are at least a month old at referral.
    const dobAtAge = dateOfDay(dayZero, -Math.round(c.ageYears * 365.25 + 60));
    const monthAgo = dateOfDay(today, -30);
    const dob = dobAtAge < monthAgo ? dobAtAge : monthAgo;
    const patient = await patients.createPatient(db, system, { ...c.patient, dateOfBirth: dob }, { synthetic: true });
    const dxCandidate = dateOfDay(dayZero, -120 - (c.ageYears % 7) * 30);
    const dxDate = dxCandidate > dob ? dxCandidate : dateOfDay(dob, 7);
    const diagnosis = await patients.addDiagnosis(db, system, patient.id, {
      disease: c.disease,
      diagnosisDate: dxDate < dayZero ? dxDate : dayZero,
      status: c.status,
    });
    const episode = await patients.createEpisode(
      db,
      system,
      patient.id,
      {
        type: c.episode.type,
        diagnosisId: diagnosis.id,
        plannedDayZero: dayZero,
        cellType: c.episode.cellType ?? null,
        cellOrigin: c.episode.cellOrigin ?? null,
        protocol: c.episode.protocol ?? null,
      },
      dateOfDay(dayZero, -45)
    );
    // Walk the episode through the phases it has reached, each on its usual day relative to day 0.
    for (const [phase, day] of PHASE_DAYS) {
      if (EPISODE_PHASE_ORDER.indexOf(phase) > EPISODE_PHASE_ORDER.indexOf(c.phase)) break;
      await patients.changeEpisodePhase(
        db,
        system,
        episode.id,
        {
          phase,
          date: dateOfDay(dayZero, day),
          ...(phase === 'closed' ? { reason: 'Follow-up completed (synthetic demo)' } : {}),
        },
        today
      );
    }
    const since = -c.dayZeroOffset;
    if (since >= 0) {
      await seedFollowUp(
        db,
        system,
        { patientId: patient.id, episodeId: episode.id, type: c.episode.type, dayZero, today, since },
        rnd
      );
    }
  }
  await seedCells(db, system);
  await seedConditioningPlans(db, centre.id, today);
  await seedManufacturing(db, system, today);
  await seedDemoProducts(db, centre.id, today);
  await seedRegistryCase(db, system, today);
  // Last, so the pieces above (on the generated patients) never land on the three journey patients.
  await seedJourneys(db, system, today);
  await seedFamily(db, system, today);
  await seedDemoTyping(db, today);
  // The frequency set the demo registry is sampled from and demo searches rank with (ADR 0412).
  await seedDemoFrequencySet(db, centre.id);
  return { patients: cases.length };
}

/** Counts, daily CRS/ICANS, acute GVHD and follow-up events for an infused demo episode. */
async function seedFollowUp(
  db: Database,
  actor: patients.CentreActor,
  e: { patientId: string; episodeId: string; type: EpisodeType; dayZero: string; today: string; since: number },
  rnd: () => number
): Promise<void> {
  const f = syntheticFollowUp(e.type, e.dayZero, e.today, e.since, rnd);
  const report = await labImport.importLabs(db, actor, e.patientId, { format: 'csv', content: f.labCsv });
  if (!report.accepted) throw new Error(`demo lab data refused: ${JSON.stringify(report.errors.slice(0, 3))}`);
  for (const a of f.crsIcans) await monitoring.recordCrsIcans(db, actor, e.episodeId, a);
  if (f.agvhdGrade3On) {
    await monitoring.recordAgvhd(db, actor, e.episodeId, {
      assessedOn: f.agvhdGrade3On,
      organs: {
        skinRashBsaPercent: 60,
        skinBullae: false,
        bilirubinMgDl: 2.5,
        upperGi: true,
        pediatric: false,
        stoolMlPerDay: 1200,
        stoolMlPerKgPerDay: null,
        stoolEpisodesPerDay: null,
        severePainOrIleus: false,
        grossBleeding: false,
      },
    });
  }
  for (const ev of f.events) await monitoring.recordClinicalEvent(db, actor, e.episodeId, ev, e.today);
  // A well-kept programme: visits and reports due more than two weeks ago were done on time.
  const deathOn = f.events.find((ev) => ev.kind === 'death')?.occurredOn;
  const done = followUpSchedule(e.type, e.dayZero).filter(
    (i) => dayRelative(e.today, i.dueDate) > 14 && !(deathOn && i.dueDate > deathOn)
  );
  await db.transaction(async (tx) => {
    for (const item of done) {
      await markFollowUpDone(tx, {
        centreId: actor.centreId,
        episodeId: e.episodeId,
        key: item.key,
        completedOn: item.dueDate,
        userId: null,
      });
    }
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'follow-up',
      patientId: e.patientId,
      after: { keys: done.map((i) => i.key) },
    });
  });
}
