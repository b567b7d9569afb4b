// The centre settings' requests (ADR 0021).
import { MonitoringSettingsViewSchema } from '@engraft/domain';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

export const settingsKeys = { monitoring: ['settings', 'monitoring'] as const };

export function useMonitoringSettings() {
  return useApiQuery(settingsKeys.monitoring, '/settings/monitoring', MonitoringSettingsViewSchema);
}

export function useSaveMonitoringSettings(onFieldErrors: (errors: Record<string, string>) => void) {
  return useSubmit({
    // The settings as typed (a number, or text the server refuses naming the field).
    send: (settings: object) => apiSend('PUT', '/settings/monitoring', settings, MonitoringSettingsViewSchema),
    invalidate: [settingsKeys.monitoring],
    onFieldErrors,
  });
}
