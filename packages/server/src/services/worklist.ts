import { checkPrimaryGraftFailure, chimerismTrend, computeEngraftment, dateOfDay, dayRelative, formatDay } from '@engraft/clinical';
import {
  bedsideStopSentence,
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
} from '@engraft/domain';
import type { Database } from '../db/database';
import { conflict, invalid, notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as episodesRepo from '../repo/episodes';
import { recentBedsideStops } from '../repo/infusions';
import { chimerismOfFollowedPatients, observationsOf, transfusionsOf } from '../repo/monitoring';
import { listEpisodeProducts } from '../repo/products';
import { activeEpisodes, markFollowUpDone, phaseCounts } from '../repo/worklist';
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

/** What the team has to do today, across the centre's followed episodes, and how many episodes are in each phase. */
export async function worklist(db: Database, actor: CentreActor, today: string, given?: WorklistSettings): Promise<Worklist> {
  const settings = given ?? (await monitoringSettingsOf(db, actor.centreId));
  const episodes = await activeEpisodes(db, actor.centreId);
  const chimerism = groupBy(await chimerismOfFollowedPatients(db, actor.centreId), (o) => o.patientId);
  const trendOptions = { dropPoints: settings.chimerismDropPoints, results: settings.chimerismTrendResults };
  const items: WorkItem[] = [];
  for (const e of episodes) {
    const day = dayRelative(today, e.day_zero);
    if (day < 0) continue;
    const alive = e.death_on === null;
    const base = { episodeId: e.episode_id, patientId: e.patient_id, patient: `${e.family_name.toUpperCase()}, ${e.given_name}`, mrn: e.mrn, day: formatDay(day) };
    const hct = e.type === 'autologous-hct' || e.type === 'allogeneic-hct';
    const cellTherapy = !hct;
    if (alive && cellTherapy && day <= settings.crsIcansWindowDays && e.last_crs_icans !== today) {
      items.push({ ...base, kind: 'crs-icans-due', severity: 'due', label: `Daily CRS/ICANS assessment (${formatDay(day)} of ${formatDay(settings.crsIcansWindowDays)})` });
    }
    if (alive && hct && day >= 1 && day <= 30) {
      const since = e.last_anc ? dayRelative(today, e.last_anc) : null;
      if (since === null || since > settings.labIntervalDays) {
        items.push({ ...base, kind: 'labs-overdue', severity: 'due', label: since === null ? 'No blood count since infusion' : `Blood count overdue: last ANC ${since} days ago` });
      }
    }
    if (alive && hct && day > 21 && day <= 100) {
      const obs = await observationsOf(db, actor.centreId, e.patient_id);
      const tx = await transfusionsOf(db, actor.centreId, e.patient_id);
      const after = (a: string) => obs.filter((o) => o.analyte === a && o.observedOn >= e.day_zero).map((o) => ({ date: o.observedOn, value: o.value }));
      const eng = computeEngraftment({ infusionDate: e.day_zero, anc: after('anc'), platelets: after('platelets'), plateletTransfusions: tx.filter((t) => t.product === 'platelets').map((t) => t.givenOn) });
      if (!eng.neutrophil && eng.neutrophilStatus !== 'never-below-threshold') {
        // Graft source from the episode's HPC products (cord: later limit); none recorded: PBSC limits.
        const source = graftSourceOfProducts(await listEpisodeProducts(db, actor.centreId, e.episode_id)) ?? 'pbsc';
        const gf = checkPrimaryGraftFailure({ graftSource: source, neutrophilRecoveryDay: null, asOfDay: day }, graftFailureOptionsOf(settings.graftFailureDays));
        items.push(
          gf.primaryGraftFailure
            ? { ...base, kind: 'graft-failure', severity: 'alert', label: `Primary graft failure: ${gf.explanation}` }
            : { ...base, kind: 'engraftment-not-reached', severity: 'alert', label: `Neutrophil engraftment not reached by ${formatDay(day)} (limit D+${gf.limitDay})` }
        );
      }
    }
    if (alive && e.type === 'allogeneic-hct') {
      const byLineage = groupBy(chimerism.get(e.patient_id) ?? [], (o) => o.lineage ?? 'unknown');
      for (const [lineage, obs] of byLineage) {
        const trend = chimerismTrend(obs.map((o) => ({ date: o.observedOn, donorPercent: o.value })), trendOptions);
        if (trend?.direction === 'falling') {
          items.push({ ...base, kind: 'chimerism-falling', severity: 'alert', label: `Falling donor chimerism (${lineage}): ${trend.explanation.replace(/^falling: /, '')}` });
        }
      }
    }
    if (alive && e.last_cmv !== null && e.last_cmv >= settings.cmvThresholdIuMl) {
      items.push({ ...base, kind: 'cmv-above-threshold', severity: 'alert', label: `CMV PCR ${e.last_cmv} IU/mL on ${e.last_cmv_on} (threshold ${settings.cmvThresholdIuMl})` });
    }
    for (const f of followUpSchedule(e.type as EpisodeType, e.day_zero)) {
      // After a death: no visits, and no report falls due later (the death is reported with the next form).
      if (e.done_follow_ups.includes(f.key) || (!alive && (f.kind === 'visit' || f.dueDate > (e.death_on ?? '')))) continue;
      const until = dayRelative(f.dueDate, today);
      if (until > settings.followUpLeadDays || until < -365) continue;
      items.push({
        ...base,
        kind: f.kind === 'visit' ? 'follow-up-due' : 'report-due',
        severity: until < 0 ? 'alert' : until === 0 ? 'due' : 'upcoming',
        label: `${f.label}${until < 0 ? ` — overdue since ${f.dueDate}` : until === 0 ? ' — due today' : ` — due ${f.dueDate}`}`,
        followUpKey: f.key,
        dueDate: f.dueDate,
      });
    }
  }
  // Refused bedside checks, whatever the phase: the team sees every wrong-product scan (ADR 0540).
  for (const s of await recentBedsideStops(db, actor.centreId, `${dateOfDay(today, -settings.bedsideStopDays)}T00:00:00Z`)) {
    const at = s.performed_at instanceof Date ? s.performed_at.toISOString() : new Date(s.performed_at).toISOString();
    items.push({
      episodeId: s.episode_id,
      patientId: s.patient_id,
      patient: `${s.family_name.toUpperCase()}, ${s.given_name}`,
      mrn: s.mrn,
      day: formatDay(dayRelative(today, s.day_zero)),
      kind: 'bedside-stop',
      severity: 'alert',
      label: `${bedsideStopSentence(s.stops)} (${s.performed_by_name}, ${at.slice(0, 16).replace('T', ' ')} UTC)`,
      dueDate: at.slice(0, 10),
    });
  }
  const order = { alert: 0, due: 1, upcoming: 2 };
  items.sort((a, b) => order[a.severity] - order[b.severity] || (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.patient.localeCompare(b.patient));
  const counts = await phaseCounts(db, actor.centreId);
  const phases = (Object.keys(EPISODE_PHASES) as EpisodePhase[]).map((phase) => ({
    phase,
    n: counts.filter((c) => c.phase === phase).reduce((s, c) => s + c.n, 0),
    byType: Object.fromEntries(counts.filter((c) => c.phase === phase).map((c) => [c.type, c.n])),
  }));
  await db.transaction((tx) => appendAudit(tx, actor, { action: 'query', entityType: 'worklist', after: { items: items.length, patientIds: [...new Set(items.map((i) => i.patientId))] } }));
  return { today, phases, items };
}

/** Marks a scheduled visit or registry report as done. */
export async function completeFollowUp(db: Database, actor: CentreActor, episodeId: string, key: string, completedOn: string, today: string) {
  return db.transaction(async (tx) => {
    const episode = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
    if (!episode) throw notFound('episode');
    const known = followUpSchedule(episode.type, episode.actualDayZero ?? episode.plannedDayZero).some((f) => f.key === key);
    if (!known) throw invalid('key', `${key} is not a follow-up item of this episode`);
    if (completedOn > today) throw invalid('completedOn', 'cannot be in the future');
    const saved = await markFollowUpDone(tx, { centreId: actor.centreId, episodeId, key, completedOn, userId: actor.userId });
    if (!saved) throw conflict(`${key} is already marked done`);
    await appendAudit(tx, actor, { action: 'create', entityType: 'follow-up', entityId: saved.id, patientId: episode.patientId, after: { key, completedOn } });
    return { id: saved.id, key, completedOn };
  });
}
