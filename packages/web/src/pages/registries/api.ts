// The registry reporting page's requests (ADR 0021: one hook per endpoint per feature).
import { RegistryReportListSchema, RegistryReportPreviewSchema, RegistrySubmissionSchema } from '@engraft/domain';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

export const registryKeys = {
  all: ['registry-reports'] as const,
  list: ['registry-reports', 'list'] as const,
  preview: (episodeId: string, key: string) => ['registry-reports', 'preview', episodeId, key] as const,
};

const reportPath = (episodeId: string, key: string) => `/episodes/${episodeId}/registry-reports/${key}`;

export function useRegistryReports() {
  return useApiQuery(registryKeys.list, '/registry-reports', RegistryReportListSchema);
}

export function useReportPreview(episodeId: string, key: string) {
  return useApiQuery(registryKeys.preview(episodeId, key), reportPath(episodeId, key), RegistryReportPreviewSchema);
}

/** Records the report as submitted (with the reason when required items are missing); list and preview re-read. */
export function useSubmitReport(episodeId: string, key: string) {
  return useSubmit({
    send: (overrideReason: string | undefined) =>
      apiSend(
        'POST',
        `${reportPath(episodeId, key)}/submissions`,
        overrideReason ? { overrideReason } : {},
        RegistrySubmissionSchema
      ),
    invalidate: [registryKeys.all],
    success: (s) => `Submission recorded (SHA-256 ${s.sha256.slice(0, 12)}…); downloading.`,
  });
}
