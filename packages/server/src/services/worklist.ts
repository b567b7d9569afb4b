import { assessGraftFailure, chimerismTrend, dateOfDay, dayRelative, formatDay } from '@engraft/clinical';
import {
  type AlertAcknowledge,
  AlertAcknowledgeSchema,
  bedsideStopSentence,
  compareWorkItems,
  type FollowUpDone,
  type FollowUpUndo,
  FollowUpUndoSchema,
  RECENTLY_DONE_DAYS,
  DEFAULT_MONITORING_SETTINGS,
  EPISODE_PHASES,
  type EpisodePhase,
  type EpisodeType,
  followUpSchedule,
  graftFailureOptionsOf,
  graftSourceOfProducts,
  type MonitoringSettings,
  type WorkItem,
  type Worklist,
  formatPatientName,
} from '@engraft/domain';
import type { Database } from '../db/database';
import { conflict, invalid, notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as episodesRepo from '../repo/episodes';
import { recentBedsideStops } from '../repo/infusions';
import { chimerismOfFollowedPatients, observationsOf } from '../repo/monitoring';
import { listEpisodeProducts } from '../repo/products';
import {
  acknowledgementsOf,
  activeEpisodes,
  deleteFollowUpDone,
  insertAcknowledgement,
  markFollowUpDone,
  phaseCounts,
  recentlyDoneFollowUps,
} from '../repo/worklist';
import type { CentreActor } from './patients';
import { monitoringSettingsOf } from './settings';

/** Centre settings of the worklist (now part of the per-centre monitoring settings, @engraft/domain). */
export type WorklistSettings = MonitoringSettings;
export const DEFAULT_WORKLIST_SETTINGS: WorklistSettings = DEFAULT_MONITORING_SETTINGS;

/** Node 20 has no Map.groupBy. */
function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

const isoOf = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

/**
 * Today's items of the centre, alerts with their identity (`alertKey`: kind + episode + the evidence) and their
 * acknowledgement, in Today's order (`compareWorkItems`). Alerts whose evidence is older than the centre's window
 * for their kind are not raised (ADR 0610).
 */
export async function worklistItems(
  db: Database,
  actor: CentreActor,
  today: string,
  settings: WorklistSettings
): Promise<WorkItem[]> {
  const episodes = await activeEpisodes(db, actor.centreId);
  const chimerism = groupBy(await chimerismOfFollowedPatients(db, actor.centreId), (o) => o.patientId);
  const trendOptions = { dropPoints: settings.chimerismDropPoints, results: settings.chimerismTrendResults };
  const items: WorkItem[] = [];
  for (const e of episodes) {
    const day = dayRelative(today, e.day_zero);
    if (day < 0) continue;
    const alive = e.death_on === null;
    const base = {
      episodeId: e.episode_id,
      patientId: e.patient_id,
      patient: formatPatientName({ familyName: e.family_name, givenName: e.given_name }),
      mrn: e.mrn,
      day: formatDay(day),
    };
    const hct = e.type === 'autologous-hct' || e.type === 'allogeneic-hct';
    const cellTherapy = !hct;
    if (alive && cellTherapy && day <= settings.crsIcansWindowDays && e.last_crs_icans !== today) {
      items.push({
        ...base,
        kind: 'crs-icans-due',
        severity: 'due',
        label: `Daily CRS/ICANS assessment (${formatDay(day)} of ${formatDay(settings.crsIcansWindowDays)})`,
      });
    }
    if (alive && hct && day >= 1 && day <= 30) {
      const since = e.last_anc ? dayRelative(today, e.last_anc) : null;
      if (since === null || since > settings.labIntervalDays) {
        items.push({
          ...base,
          kind: 'labs-overdue',
          severity: 'due',
          label: since === null ? 'No blood count since infusion' : `Blood count overdue: last ANC ${since} days ago`,
        });
      }
    }
    if (alive && hct && day > 21 && day <= 100) {
      const obs = await observationsOf(db, actor.centreId, e.patient_id);
      // Graft source from the episode's HPC products (cord: later limit); none recorded: PBSC limits.
      const source = graftSourceOfProducts(await listEpisodeProducts(db, actor.centreId, e.episode_id)) ?? 'pbsc';
      // The same decision as the monitoring summary (@engraft/clinical assessGraftFailure).
      const gf = assessGraftFailure(
        {
          infusionDate: e.day_zero,
          anc: obs.filter((o) => o.analyte === 'anc').map((o) => ({ date: o.observedOn, value: o.value })),
          asOfDay: day,
          graftSource: source,
        },
        graftFailureOptionsOf(settings.graftFailureDays)
      );
      // The evidence is the absence of recovery, which holds until a recovery is recorded: one alert per episode
      // (and per limit day for "not reached"), not one per daily count.
      if (gf.alert) {
        const kind = gf.secondaryGraftFailure ? 'secondary' : 'primary';
        items.push({
          ...base,
          kind: 'graft-failure',
          severity: 'alert',
          label: `${gf.secondaryGraftFailure ? 'Secondary' : 'Primary'} graft failure: ${gf.explanation}`,
          alertKey: `graft-failure:${kind}:${e.episode_id}`,
        });
      } else if (gf.status === 'awaiting-recovery' || gf.status === 'recovery-pending-confirmation') {
        items.push({
          ...base,
          kind: 'engraftment-not-reached',
          severity: 'alert',
          label: `Neutrophil engraftment not reached by ${formatDay(day)} (limit D+${gf.limitDay})`,
          alertKey: `engraftment-not-reached:${e.episode_id}:D+${gf.limitDay}`,
        });
      }
    }
    if (alive && e.type === 'allogeneic-hct') {
      const byLineage = groupBy(chimerism.get(e.patient_id) ?? [], (o) => o.lineage ?? 'unknown');
      for (const [lineage, obs] of byLineage) {
        // The trend rests on the lineage's latest result: older than the window, it says nothing about today.
        const latest = obs.reduce((a, b) => (b.observedOn > a.observedOn ? b : a));
        if (dayRelative(today, latest.observedOn) > settings.chimerismEvidenceDays) continue;
        const trend = chimerismTrend(
          obs.map((o) => ({ date: o.observedOn, donorPercent: o.value })),
          trendOptions
        );
        if (trend?.direction === 'falling') {
          items.push({
            ...base,
            kind: 'chimerism-falling',
            severity: 'alert',
            label: `Falling donor chimerism (${lineage}): ${trend.explanation.replace(/^falling: /, '')}`,
            alertKey: `chimerism-falling:${e.episode_id}:${lineage}:${latest.observedOn}:${latest.value}`,
            evidenceDate: latest.observedOn,
          });
        }
      }
    }
    if (
      alive &&
      e.last_cmv !== null &&
      e.last_cmv_on !== null &&
      e.last_cmv >= settings.cmvThresholdIuMl &&
      dayRelative(today, e.last_cmv_on) <= settings.cmvEvidenceDays
    ) {
      items.push({
        ...base,
        kind: 'cmv-above-threshold',
        severity: 'alert',
        label: `CMV PCR ${e.last_cmv} IU/mL on ${e.last_cmv_on} (threshold ${settings.cmvThresholdIuMl})`,
        alertKey: `cmv-above-threshold:${e.episode_id}:${e.last_cmv_on}:${e.last_cmv}`,
        evidenceDate: e.last_cmv_on,
      });
    }
    for (const f of followUpSchedule(e.type as EpisodeType, e.day_zero)) {
      // After a death: no visits, and no report falls due later (the death is reported with the next form).
      if (e.done_follow_ups.includes(f.key) || (!alive && (f.kind === 'visit' || f.dueDate > (e.death_on ?? '')))) {
        continue;
      }
      const until = dayRelative(f.dueDate, today);
      if (until > settings.followUpLeadDays || until < -365) continue;
      items.push({
        ...base,
        kind: f.kind === 'visit' ? 'follow-up-due' : 'report-due',
        severity: until < 0 ? 'alert' : until === 0 ? 'due' : 'upcoming',
        label: `${f.label}${until < 0 ? ` — overdue since ${f.dueDate}` : until === 0 ? ' — due today' : ` — due ${f.dueDate}`}`,
        followUpKey: f.key,
        dueDate: f.dueDate,
        ...(until < 0
          ? { alertKey: `${f.kind === 'visit' ? 'follow-up-due' : 'report-due'}:${e.episode_id}:${f.key}` }
          : {}),
      });
    }
  }
  // Refused bedside checks, whatever the phase: the team sees every wrong-product scan (ADR 0540).
  for (const s of await recentBedsideStops(
    db,
    actor.centreId,
    `${dateOfDay(today, -settings.bedsideStopDays)}T00:00:00Z`
  )) {
    const at = isoOf(s.performed_at);
    items.push({
      episodeId: s.episode_id,
      patientId: s.patient_id,
      patient: formatPatientName({ familyName: s.family_name, givenName: s.given_name }),
      mrn: s.mrn,
      day: formatDay(dayRelative(today, s.day_zero)),
      kind: 'bedside-stop',
      severity: 'alert',
      label: `${bedsideStopSentence(s.stops)} (${s.performed_by_name}, ${at.slice(0, 16).replace('T', ' ')} UTC)`,
      dueDate: at.slice(0, 10),
      alertKey: `bedside-stop:${s.id}`,
      evidenceDate: at,
    });
  }
  const acks = new Map((await acknowledgementsOf(db, actor.centreId)).map((a) => [a.alert_key, a]));
  for (const item of items) {
    const a = item.alertKey ? acks.get(item.alertKey) : undefined;
    item.acknowledged = a ? { by: a.acknowledged_by_name, at: isoOf(a.acknowledged_at), note: a.note } : null;
  }
  return items.sort(compareWorkItems);
}

/** Follow-ups marked done in the last RECENTLY_DONE_DAYS days, so a wrong mark can be undone from Today. */
async function recentlyDone(db: Database, actor: CentreActor, today: string): Promise<FollowUpDone[]> {
  const rows = await recentlyDoneFollowUps(db, actor.centreId, `${dateOfDay(today, -RECENTLY_DONE_DAYS)}T00:00:00Z`);
  return rows.map((r) => ({
    episodeId: r.episode_id,
    patientId: r.patient_id,
    patient: formatPatientName({ familyName: r.family_name, givenName: r.given_name }),
    mrn: r.mrn,
    key: r.key,
    label: followUpSchedule(r.type as EpisodeType, r.day_zero).find((f) => f.key === r.key)?.label ?? r.key,
    completedOn: r.completed_on,
    recordedBy: r.recorded_by_name,
    recordedAt: isoOf(r.created_at),
  }));
}

/** What the team has to do today, across the centre's followed episodes, and how many episodes are in each phase. */
export async function worklist(
  db: Database,
  actor: CentreActor,
  today: string,
  given?: WorklistSettings
): Promise<Worklist> {
  const settings = given ?? (await monitoringSettingsOf(db, actor.centreId));
  const items = await worklistItems(db, actor, today, settings);
  const counts = await phaseCounts(db, actor.centreId);
  const phases = (Object.keys(EPISODE_PHASES) as EpisodePhase[]).map((phase) => ({
    phase,
    n: counts.filter((c) => c.phase === phase).reduce((s, c) => s + c.n, 0),
    byType: Object.fromEntries(counts.filter((c) => c.phase === phase).map((c) => [c.type, c.n])),
  }));
  await db.transaction((tx) =>
    appendAudit(tx, actor, {
      action: 'query',
      entityType: 'worklist',
      after: { items: items.length, patientIds: [...new Set(items.map((i) => i.patientId))] },
    })
  );
  return { today, phases, items, recentlyDone: await recentlyDone(db, actor, today) };
}

/**
 * A clinician acknowledges an alert on today's worklist (who, when, optional note): stored by the alert's key,
 * audited, and listed as acknowledged from then on. Only an alert raised today can be acknowledged.
 */
export async function acknowledgeAlert(db: Database, actor: CentreActor, input: AlertAcknowledge, today: string) {
  const a = AlertAcknowledgeSchema.parse(input);
  const items = await worklistItems(db, actor, today, await monitoringSettingsOf(db, actor.centreId));
  const item = items.find((i) => i.alertKey === a.alertKey);
  if (!item) {
    throw invalid(
      'alertKey',
      'this alert is not on today’s worklist (resolved, or its evidence aged out); reload Today'
    );
  }
  if (!actor.userId) throw invalid('alertKey', 'an acknowledgement needs a signed-in user');
  const userId = actor.userId;
  return db.transaction(async (tx) => {
    const saved = await insertAcknowledgement(tx, {
      centreId: actor.centreId,
      episodeId: item.episodeId,
      alertKey: a.alertKey,
      kind: item.kind,
      note: a.note || null,
      userId,
    });
    if (!saved) throw conflict('this alert is already acknowledged', 'alertKey');
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'alert-acknowledgement',
      entityId: saved.id,
      patientId: item.patientId,
      after: { alertKey: a.alertKey, kind: item.kind, label: item.label, note: a.note || null },
    });
    return { id: saved.id, alertKey: a.alertKey, acknowledgedAt: isoOf(saved.acknowledged_at) };
  });
}

/** Undoes a "done" mark on a visit or registry report, with a reason (audited with what was removed). */
export async function undoFollowUp(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  key: string,
  input: FollowUpUndo
): Promise<void> {
  const u = FollowUpUndoSchema.parse(input);
  await db.transaction(async (tx) => {
    const episode = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
    if (!episode) throw notFound('episode');
    const removed = await deleteFollowUpDone(tx, actor.centreId, episodeId, key);
    if (!removed) throw conflict(`${key} is not marked done`, 'key');
    await appendAudit(tx, actor, {
      action: 'delete',
      entityType: 'follow-up',
      entityId: removed.id,
      patientId: episode.patientId,
      before: {
        key,
        completedOn: removed.completed_on,
        recordedBy: removed.recorded_by,
        recordedAt: isoOf(removed.created_at),
      },
      reason: u.reason,
    });
  });
}

/** Marks a scheduled visit or registry report as done. */
export async function completeFollowUp(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  key: string,
  completedOn: string,
  today: string
) {
  return db.transaction(async (tx) => {
    const episode = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
    if (!episode) throw notFound('episode');
    const dayZero = episode.actualDayZero ?? episode.plannedDayZero;
    const item = followUpSchedule(episode.type, dayZero).find((f) => f.key === key);
    if (!item) throw invalid('key', `${key} is not a follow-up item of this episode`);
    if (completedOn > today) throw invalid('completedOn', 'cannot be in the future');
    // A follow-up visit happens after the infusion; a registry form may be filed earlier (Pre-TED is due on day 0).
    if (item.kind === 'visit' && completedOn < dayZero) {
      throw invalid('completedOn', `a follow-up visit cannot be done before day 0 (${dayZero})`);
    }
    const saved = await markFollowUpDone(tx, {
      centreId: actor.centreId,
      episodeId,
      key,
      completedOn,
      userId: actor.userId,
    });
    if (!saved) throw conflict(`${key} is already marked done`);
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'follow-up',
      entityId: saved.id,
      patientId: episode.patientId,
      after: { key, completedOn },
    });
    return { id: saved.id, key, completedOn };
  });
}
