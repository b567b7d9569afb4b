// Today's requests (ADR 0021: one hook per endpoint per feature): the worklist, the sections per role
// (ADR 0801), acknowledging an alert, and marking a visit or report done or undoing it.
import {
  AlertAcknowledgementSchema,
  type FollowUpDone,
  FollowUpCompletionSchema,
  TodayByRoleSchema,
  type WorkItem,
  WorklistSchema,
} from '@engraft/domain';
import { api, apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

export const todayKeys = {
  all: ['worklist'] as const,
  worklist: ['worklist', 'items'] as const,
  byRole: ['worklist', 'by-role'] as const,
};

export function useWorklist() {
  return useApiQuery(todayKeys.worklist, '/worklist', WorklistSchema);
}

/** Read after the worklist (`enabled`), so the sections' heavier read never holds up the alerts. */
export function useTodayByRole(opts: { enabled: boolean }) {
  return useApiQuery(todayKeys.byRole, '/worklist/by-role', TodayByRoleSchema, opts);
}

/** Acknowledges an alert with an optional note (who and when are recorded by the server). */
export function useAcknowledgeAlert() {
  return useSubmit({
    send: (v: { alertKey: string; note: string }) =>
      apiSend(
        'POST',
        '/worklist/acknowledgements',
        { alertKey: v.alertKey, ...(v.note ? { note: v.note } : {}) },
        AlertAcknowledgementSchema
      ),
    invalidate: [todayKeys.worklist],
  });
}

export function useMarkDone() {
  return useSubmit({
    send: (v: { item: WorkItem; completedOn: string }) =>
      apiSend(
        'POST',
        `/episodes/${v.item.episodeId}/follow-ups/${v.item.followUpKey ?? ''}`,
        { completedOn: v.completedOn },
        FollowUpCompletionSchema
      ),
    invalidate: [todayKeys.worklist],
  });
}

/** Undoes "done" with a reason (the answer is 204: callers use `run`, which throws on failure). */
export function useUndoDone() {
  return useSubmit({
    send: (v: { done: FollowUpDone; reason: string }) =>
      api<void>('DELETE', `/episodes/${v.done.episodeId}/follow-ups/${v.done.key}`, { reason: v.reason }),
    invalidate: [todayKeys.worklist],
  });
}
