// The conditioning page's requests (ADR 0021: one hook per endpoint per feature).
import {
  AdministrationListSchema,
  AdministrationViewSchema,
  ConditioningPlanListSchema,
  type ConditioningPlanView,
  ConditioningPlanViewSchema,
  ConditioningPreviewViewSchema,
  ConditioningRegimenListSchema,
} from '@engraft/domain';
import { useQuery } from '@tanstack/react-query';
import { answerOf, api, apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';
import type { useConfirmations } from '../../components/safety/useConfirmations';
import type { PlanBody } from './planBody';

/** Sends, and on confirmation-required asks for the reasons and sends again (null when cancelled). */
type WithConfirmations = ReturnType<typeof useConfirmations>['withConfirmations'];

export const conditioningKeys = {
  all: ['conditioning'] as const,
  plans: (episodeId: string) => ['conditioning', 'plans', episodeId] as const,
  regimens: ['conditioning', 'regimens'] as const,
  preview: (episodeId: string, body: PlanBody | null) => ['conditioning', 'preview', episodeId, body] as const,
  administrations: (planId: string) => ['conditioning', 'administrations', planId] as const,
};

export function usePlans(episodeId: string) {
  return useApiQuery(
    conditioningKeys.plans(episodeId),
    `/episodes/${episodeId}/conditioning-plans`,
    ConditioningPlanListSchema
  );
}

export function useRegimens() {
  return useApiQuery(conditioningKeys.regimens, '/conditioning/regimens', ConditioningRegimenListSchema);
}

/**
 * The plan the server would compute from the form (POST /conditioning/preview, nothing saved). `body` is the
 * debounced form; null while no template is chosen. An answer that was refused is the query's error. No
 * placeholder: while another body is computed there is no preview, never the previous one.
 */
export function usePreview(episodeId: string, body: PlanBody | null) {
  return useQuery({
    queryKey: conditioningKeys.preview(episodeId, body),
    queryFn: async ({ signal }) =>
      answerOf(
        ConditioningPreviewViewSchema,
        await api<unknown>('POST', '/conditioning/preview', { episodeId, ...body }, { signal }),
        'POST /conditioning/preview'
      ),
    enabled: body !== null,
  });
}

/** Prescribes a first version, or a change of `existing` (a new version with the reason); null when cancelled. */
export function useSavePlan(
  episodeId: string,
  existing: ConditioningPlanView | undefined,
  wc: WithConfirmations,
  onFieldErrors: (errors: Record<string, string>) => void
) {
  return useSubmit({
    send: ({ body, reason }: { body: PlanBody; reason: string }) =>
      wc((confirmations) =>
        existing
          ? apiSend(
              'PUT',
              `/conditioning-plans/${existing.id}`,
              { ...body, reason, confirmations },
              ConditioningPlanViewSchema
            )
          : apiSend(
              'POST',
              `/episodes/${episodeId}/conditioning-plans`,
              { ...body, confirmations },
              ConditioningPlanViewSchema
            )
      ),
    invalidate: [conditioningKeys.plans(episodeId)],
    onFieldErrors,
  });
}

export function useVerifyPlan(plan: ConditioningPlanView) {
  return useSubmit({
    send: () => apiSend('POST', `/conditioning-plans/${plan.id}/verify`, undefined, ConditioningPlanViewSchema),
    invalidate: [conditioningKeys.plans(plan.episodeId)],
    success: (p) => `Plan verified: ${p.computed.templateName}, version ${p.version}`,
  });
}

export function useCancelPlan(plan: ConditioningPlanView) {
  return useSubmit({
    send: (reason: string) =>
      apiSend('POST', `/conditioning-plans/${plan.id}/cancel`, { reason }, ConditioningPlanViewSchema),
    invalidate: [conditioningKeys.plans(plan.episodeId)],
    success: (p) => `Plan cancelled: ${p.computed.templateName}, version ${p.version}`,
  });
}

export function useAdministrations(planId: string) {
  return useApiQuery(
    conditioningKeys.administrations(planId),
    `/conditioning-plans/${planId}/administrations`,
    AdministrationListSchema
  );
}

export function useRecordAdministration(
  planId: string,
  wc: WithConfirmations,
  onFieldErrors: (errors: Record<string, string>) => void
) {
  return useSubmit({
    send: (body: Record<string, unknown>) =>
      wc((confirmations) =>
        apiSend(
          'POST',
          `/conditioning-plans/${planId}/administrations`,
          confirmations.length ? { ...body, confirmations } : body,
          AdministrationViewSchema
        )
      ),
    invalidate: [conditioningKeys.administrations(planId)],
    onFieldErrors,
  });
}
