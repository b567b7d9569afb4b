// Today per role (issue 18 "For the ward", ADR 0801): one section per role of the signed-in user, each computed
// from the tables where the work is recorded, scoped to the user's centre. The general worklist (alerts, visits,
// reports; services/worklist.ts) stays as it is; these sections say what each role does next and where.
import { dateOfDay, dayRelative } from '@engraft/clinical';
import {
  COLLECTION_METHODS,
  DONOR_STATUSES,
  MANUFACTURING_STATUSES,
  type Role,
  TODAY_AUDIT_EVENTS,
  TODAY_MILESTONE_DAYS_AHEAD,
  TODAY_MILESTONE_DAYS_BACK,
  TODAY_SECTIONS,
  type TodayByRole,
  type TodayRoleItem,
  type TodaySection,
  type TodaySectionKey,
  todaySectionsOf,
  formatPatientName,
} from '@engraft/domain';
import type { Database } from '../db/database';
import { appendAudit } from '../repo/auditLog';
import { labWorklist } from '../repo/productLab';
import { coordinatorMilestones, infusionsDueOn, recentAuditEvents } from '../repo/todayByRole';
import type { CentreActor } from './patients';
import { centreReports } from './registryReports';
import { monitoringSettingsOf } from './settings';
import { worklistItems } from './worklist';

const nameOf = (r: { family_name: string; given_name: string }) =>
  formatPatientName({ familyName: r.family_name, givenName: r.given_name });
const who = (r: { patient_id: string; family_name: string; given_name: string; mrn: string }) => ({
  patientId: r.patient_id,
  patient: nameOf(r),
  mrn: r.mrn,
});
const monitoringTab = (patientId: string, episodeId: string) =>
  `/patients/${patientId}?tab=monitoring&episode=${episodeId}`;

/** Nurse: the infusions due today (to the bedside check) and the CRS/ICANS checks due (to the Monitoring tab). */
async function nurseItems(db: Database, actor: CentreActor, today: string): Promise<TodayRoleItem[]> {
  const infusions = (await infusionsDueOn(db, actor.centreId, today))
    .filter((e) => e.ready_bags > 0 || e.infused === 0)
    .map((e): TodayRoleItem => ({
      kind: 'infusion-due',
      label:
        e.ready_bags > 0
          ? `Day 0: ${e.ready_bags} bag${e.ready_bags === 1 ? '' : 's'} released for infusion`
          : 'Day 0: no bag released yet (ask the laboratory)',
      date: today,
      overdue: false,
      ...who(e),
      link: `/episodes/${e.episode_id}/bedside`,
      linkLabel: 'Bedside check',
    }));
  const settings = await monitoringSettingsOf(db, actor.centreId);
  const checks = (await worklistItems(db, actor, today, settings))
    .filter((i) => i.kind === 'crs-icans-due')
    .map((i): TodayRoleItem => ({
      kind: 'crs-icans-due',
      label: i.label,
      date: today,
      overdue: false,
      patientId: i.patientId,
      patient: i.patient,
      mrn: i.mrn,
      link: monitoringTab(i.patientId, i.episodeId),
      linkLabel: 'Monitoring',
    }));
  return [...infusions, ...checks];
}

/**
 * Lab: fresh bags to process, releases awaiting the second signature, cryopreserved bags released (to thaw for
 * the infusion) and cultures still pending; each links to the product page where the step is recorded.
 */
async function labItems(db: Database, actor: CentreActor): Promise<TodayRoleItem[]> {
  const items: TodayRoleItem[] = [];
  for (const p of await labWorklist(db, actor.centreId, null)) {
    const bag = `${p.din} ${p.productCode} ${p.division} (${p.description})`;
    const base = {
      date: p.collectedOn,
      overdue: false,
      patientId: p.patient.id,
      patient: formatPatientName(p.patient),
      mrn: p.patient.mrn,
      link: `/products/${p.id}`,
      linkLabel: 'Product',
    };
    const awaitingSecond = p.releaseRequestedBy != null && p.releasedBy == null;
    if (p.status === 'collected' || p.status === 'processing') {
      items.push({
        ...base,
        kind: 'bag-to-process',
        label: `${bag}: ${p.status === 'collected' ? 'received, to process' : 'in processing'}`,
      });
    }
    if (awaitingSecond) {
      items.push({ ...base, kind: 'bag-to-release', label: `${bag}: release awaiting the second signature` });
    }
    if (p.status === 'released' && p.cryopreserved) {
      items.push({ ...base, kind: 'bag-to-thaw', label: `${bag}: released, to thaw for the infusion` });
    }
    if (p.sterility === 'pending' && p.status !== 'shipped') {
      items.push({ ...base, kind: 'culture-pending', label: `${bag}: sterility culture pending` });
    }
  }
  return items;
}

const MILESTONE_LINK = {
  'donor-workup': { path: 'cells', label: 'Donor and cells' },
  'collection-planned': { path: 'cells', label: 'Donor and cells' },
  'conditioning-start': { path: 'conditioning', label: 'Conditioning' },
  'manufacturing-slot': { path: 'manufacturing', label: 'Manufacturing' },
} as const;

/** Coordinator: donor work-up, collections, conditioning starts and CAR-T manufacturing slots of the coming weeks. */
async function coordinatorItems(db: Database, actor: CentreActor, today: string): Promise<TodayRoleItem[]> {
  const from = dateOfDay(today, -TODAY_MILESTONE_DAYS_BACK);
  const to = dateOfDay(today, TODAY_MILESTONE_DAYS_AHEAD);
  return (await coordinatorMilestones(db, actor.centreId, from, to)).map((m) => {
    // Dates are in `date` (the web formats them); the label says what and in which state.
    const label =
      m.kind === 'donor-workup'
        ? `${m.what}: ${DONOR_STATUSES[m.status as keyof typeof DONOR_STATUSES] ?? m.status}`
        : m.kind === 'collection-planned'
          ? `${COLLECTION_METHODS[m.what as keyof typeof COLLECTION_METHODS] ?? m.what}: ${m.on ? 'planned' : 'not dated yet'}`
          : m.kind === 'conditioning-start'
            ? `${m.what}: first day (${m.status === 'draft' ? 'plan awaiting verification' : 'plan verified'})`
            : `${m.what}: ${MANUFACTURING_STATUSES[m.status as keyof typeof MANUFACTURING_STATUSES] ?? m.status}${m.on ? '' : ', no slot booked'}`;
    const link = MILESTONE_LINK[m.kind];
    return {
      kind: m.kind,
      label,
      date: m.on,
      // A donor's status date is when it was reached; other milestones are overdue once their date has passed.
      overdue: m.kind !== 'donor-workup' && m.on !== null && dayRelative(m.on, today) < 0,
      ...who(m),
      link: `/episodes/${m.episode_id}/${link.path}`,
      linkLabel: link.label,
    };
  });
}

/**
 * Data manager: registry reports upcoming, due or overdue (not marked done), from the schedule alone (the same
 * window as the registries page; the page shows what each report still misses).
 */
async function dataManagerItems(db: Database, actor: CentreActor, today: string): Promise<TodayRoleItem[]> {
  return (await centreReports(db, actor, today))
    .filter((r) => !r.done)
    .sort((a, b) => a.t.dueDate.localeCompare(b.t.dueDate))
    .map(({ episode: e, t }) => ({
      kind: 'report-due',
      label: t.label,
      date: t.dueDate,
      overdue: dayRelative(t.dueDate, today) < 0,
      ...who(e),
      link: '/registries',
      linkLabel: 'Registry reports',
    }));
}

/** Auditor: the centre's latest audit events (who did what, when), read-only. */
async function auditorItems(db: Database, actor: CentreActor): Promise<TodayRoleItem[]> {
  return (await recentAuditEvents(db, actor.centreId, TODAY_AUDIT_EVENTS)).map((a) => ({
    kind: 'audit-event',
    label: `${a.actor} · ${a.action} ${a.entity_type}${a.reason ? ` · reason: ${a.reason}` : ''}`,
    date: new Date(a.at).toISOString(),
    overdue: false,
    patientId: a.patient_id,
    patient: null,
    mrn: null,
    link: a.patient_id ? `/patients/${a.patient_id}` : null,
    linkLabel: a.patient_id ? 'Patient' : null,
  }));
}

/** The sections of every role the user has (TODAY_SECTIONS declares who sees which), audited as one query. */
export async function todayByRole(
  db: Database,
  actor: CentreActor,
  roles: readonly Role[],
  today: string
): Promise<TodayByRole> {
  const compute: Record<TodaySectionKey, () => Promise<TodayRoleItem[]>> = {
    nurse: () => nurseItems(db, actor, today),
    lab: () => labItems(db, actor),
    coordinator: () => coordinatorItems(db, actor, today),
    'data-manager': () => dataManagerItems(db, actor, today),
    auditor: () => auditorItems(db, actor),
  };
  const sections: TodaySection[] = [];
  for (const key of todaySectionsOf(roles)) {
    sections.push({ key, title: TODAY_SECTIONS[key].title, items: await compute[key]() });
  }
  await db.transaction((tx) =>
    appendAudit(tx, actor, {
      action: 'query',
      entityType: 'today-by-role',
      after: {
        sections: Object.fromEntries(sections.map((s) => [s.key, s.items.length])),
        patientIds: [...new Set(sections.flatMap((s) => s.items.map((i) => i.patientId)).filter((p) => p !== null))],
      },
    })
  );
  return { today, sections };
}
