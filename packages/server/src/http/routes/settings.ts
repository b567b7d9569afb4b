import { ALL_ROLES, MonitoringSettingsSchema, MonitoringSettingsViewSchema, SETTINGS_WRITERS } from '@engraft/domain';
import { getMonitoringSettings, putMonitoringSettings } from '../../services/settings';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

export function registerSettingsRoutes(app: TypedApp): void {
  const { db } = app.deps;
  app.get(
    '/settings/monitoring',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'The centre’s monitoring and worklist thresholds, with the defaults',
        tags: ['settings'],
        response: { 200: MonitoringSettingsViewSchema },
      },
    },
    async (req) => getMonitoringSettings(db, actorOf(authOf(req)))
  );
  app.put(
    '/settings/monitoring',
    {
      config: { access: SETTINGS_WRITERS },
      schema: {
        summary: 'Change the centre’s monitoring and worklist thresholds (audited)',
        tags: ['settings'],
        body: MonitoringSettingsSchema,
        response: { 200: MonitoringSettingsViewSchema },
      },
    },
    async (req) => putMonitoringSettings(db, actorOf(authOf(req)), req.body)
  );
}
