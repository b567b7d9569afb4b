import {
  DEFAULT_MONITORING_SETTINGS,
  type MonitoringSettings,
  monitoringSettingsFrom,
  type MonitoringSettingsView,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { appendAudit } from '../repo/auditLog';
import * as settingsRepo from '../repo/settings';
import type { CentreActor } from './patients';

const AREA = 'monitoring';

/** The centre's monitoring thresholds (its saved settings over the defaults); used by the worklist and summary. */
export async function monitoringSettingsOf(db: Queryable, centreId: string): Promise<MonitoringSettings> {
  return monitoringSettingsFrom((await settingsRepo.getSettings(db, centreId, AREA))?.settings);
}

export async function getMonitoringSettings(db: Database, actor: CentreActor): Promise<MonitoringSettingsView> {
  const row = await settingsRepo.getSettings(db, actor.centreId, AREA);
  return {
    settings: monitoringSettingsFrom(row?.settings),
    defaults: DEFAULT_MONITORING_SETTINGS,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** Saves the centre's thresholds (validated at the edge), audited with before and after. */
export async function putMonitoringSettings(
  db: Database,
  actor: CentreActor,
  settings: MonitoringSettings
): Promise<MonitoringSettingsView> {
  await db.transaction(async (tx) => {
    const before = await monitoringSettingsOf(tx, actor.centreId);
    await settingsRepo.putSettings(tx, actor.centreId, AREA, settings, actor.userId);
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'centre-settings',
      entityId: actor.centreId,
      before: { [AREA]: before },
      after: { [AREA]: settings },
    });
  });
  return getMonitoringSettings(db, actor);
}
