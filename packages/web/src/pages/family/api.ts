// The family work-up's writes (ADR 0021: one hook per endpoint per feature). The page reads its data together in
// useFamilyData and reloads after a write (`onSaved`).
import {
  AntibodyTestListSchema,
  AntibodyTestSchema,
  type Confirmation,
  CrossmatchSchema,
  FamilyDecisionResultSchema,
  FamilySettingsViewSchema,
  PatientSchema,
  RelativeSchema,
  RelativeTypingHistorySchema,
  RelativeTypingSchema,
} from '@engraft/domain';
import { api, apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

type WithConfirmations = <T>(submit: (c: Confirmation[]) => Promise<T>) => Promise<T | null>;

export const familyKeys = { settings: ['settings', 'family'] as const };

export function useFamilySettings(enabled: boolean) {
  return useApiQuery(familyKeys.settings, '/settings/family', FamilySettingsViewSchema, { enabled });
}

/** Antibody results typed in by hand; an MFI above the plausible range asks for a reason first. */
export function useAddAntibodyTest(
  patientId: string,
  withConfirmations: WithConfirmations,
  onSaved: () => void,
  onFieldErrors: (e: Record<string, string>) => void
) {
  return useSubmit({
    send: (body: { testedOn: string; lab?: string; results: { specificity: string; mfi: number | string }[] }) =>
      withConfirmations((confirmations) =>
        apiSend(
          'POST',
          `/patients/${patientId}/family/antibodies`,
          { ...body, ...(confirmations.length ? { confirmations } : {}) },
          AntibodyTestSchema
        )
      ),
    success: (t) => (t ? 'Antibody results recorded.' : 'Nothing recorded.'),
    onSaved: (t) => t && onSaved(),
    onFieldErrors,
  });
}

/** A single-antigen bead CSV export: all or nothing, every refused line named by the server. */
export function useImportBeadFile(patientId: string, onSaved: () => void) {
  return useSubmit({
    send: async (v: { file: File; testedOn: string }) =>
      apiSend(
        'POST',
        `/patients/${patientId}/family/antibodies/import`,
        { fileName: v.file.name, content: await v.file.text(), testedOn: v.testedOn || undefined },
        AntibodyTestListSchema
      ),
    success: (r) =>
      `${r.tests.map((t) => t.results.length).reduce((a, b) => a + b, 0)} bead results imported (${r.tests.length} test${r.tests.length === 1 ? '' : 's'}).`,
    onSaved,
  });
}

/** Choosing a relative as the episode's donor, with a reason; a DSA asks its own confirmation first. */
export function useChooseFamilyDonor(patientId: string, episodeId: string, withConfirmations: WithConfirmations) {
  return useSubmit({
    send: (v: { relativeId: string; reason: string }) =>
      withConfirmations((confirmations) =>
        apiSend(
          'POST',
          `/patients/${patientId}/family/decisions`,
          { episodeId, relativeId: v.relativeId, reason: v.reason, confirmations },
          FamilyDecisionResultSchema
        )
      ),
  });
}

export function useAddCrossmatch(
  patientId: string,
  onSaved: () => void,
  onFieldErrors: (e: Record<string, string>) => void
) {
  return useSubmit({
    send: (body: { relativeId: string; kind: string; result: string; testedOn: string; note?: string }) =>
      apiSend('POST', `/patients/${patientId}/family/crossmatches`, body, CrossmatchSchema),
    success: 'Crossmatch recorded.',
    onSaved,
    onFieldErrors,
  });
}

export function useSaveFamilySettings(
  withConfirmations: WithConfirmations,
  onSaved: () => void,
  onFieldErrors: (e: Record<string, string>) => void
) {
  return useSubmit({
    send: (body: object) =>
      withConfirmations((confirmations) =>
        apiSend(
          'PUT',
          '/settings/family',
          { ...body, ...(confirmations.length ? { confirmations } : {}) },
          FamilySettingsViewSchema
        )
      ),
    invalidate: [familyKeys.settings],
    success: (v) => (v ? 'Thresholds and weights saved.' : 'Nothing saved.'),
    onSaved: (v) => v && onSaved(),
    onFieldErrors,
  });
}

/** Withdraws a relative entered in error (the reason is required and audited). */
export function useDeleteRelative(patientId: string, onSaved: () => void) {
  return useSubmit({
    send: (v: { relativeId: string; reason: string }) =>
      api<void>('DELETE', `/patients/${patientId}/family/relatives/${v.relativeId}`, { reason: v.reason }),
    success: 'Relative withdrawn.',
    onSaved,
  });
}

/** A relative's details as the dialog sends them (without the confirmations useConfirmations adds). */
export type RelativeDetails = Record<string, unknown>;

/** Adds a relative (relativeId null) or changes one; a weight outside the plausible range asks for a reason. */
export function useSaveRelative(
  patientId: string,
  relativeId: string | null,
  withConfirmations: WithConfirmations,
  onSaved: () => void,
  onFieldErrors: (e: Record<string, string>) => void
) {
  const url = `/patients/${patientId}/family/relatives`;
  return useSubmit({
    send: (details: RelativeDetails) =>
      withConfirmations((confirmations) =>
        relativeId
          ? apiSend('PATCH', `${url}/${relativeId}`, { ...details, confirmations }, RelativeSchema)
          : apiSend('POST', url, { ...details, confirmations }, RelativeSchema)
      ),
    success: (r) => (r ? (relativeId ? 'Relative saved.' : 'Relative added.') : 'Nothing saved.'),
    onSaved: (r) => r && onSaved(),
    onFieldErrors,
  });
}

/** A relative's typing, as a GL string or from an HML file: a new version each time. */
export type TypingEntry =
  | { kind: 'gl'; glString: string; lab?: string; typingDate?: string }
  | { kind: 'hml'; fileName: string; content: string; lab?: string };

export function useRecordTyping(
  patientId: string,
  relativeId: string,
  onSaved: () => void,
  onFieldErrors: (e: Record<string, string>) => void
) {
  const base = `/patients/${patientId}/family/relatives/${relativeId}/hla`;
  return useSubmit({
    send: ({ kind, ...body }: TypingEntry) =>
      apiSend('POST', kind === 'hml' ? `${base}/hml` : base, body, RelativeTypingSchema),
    invalidate: [typingHistoryKey(patientId, relativeId)],
    success: 'Typing recorded.',
    onSaved,
    onFieldErrors,
  });
}

export function useRecordKir(
  patientId: string,
  onSaved: () => void,
  onFieldErrors: (e: Record<string, string>) => void
) {
  return useSubmit({
    send: (v: { relativeId: string; haplotype?: string; genes?: string[]; typedOn?: string; lab?: string }) => {
      const { relativeId, ...body } = v;
      return apiSend('PUT', `/patients/${patientId}/family/relatives/${relativeId}/kir`, body, RelativeSchema);
    },
    success: 'KIR genotype recorded.',
    onSaved,
    onFieldErrors,
  });
}

export function useSetRecipientCmv(patientId: string, onSaved: () => void) {
  return useSubmit({
    send: (cmv: string) => apiSend('PUT', `/patients/${patientId}/cmv`, { cmv }, PatientSchema),
    success: 'Recipient CMV serostatus saved.',
    onSaved,
  });
}

export const typingHistoryKey = (patientId: string, relativeId: string) =>
  ['family', patientId, 'typings', relativeId] as const;

/** Every typing version of a relative, newest first, withdrawn ones included (marked). */
export function useRelativeTypings(patientId: string, relativeId: string) {
  return useApiQuery(
    typingHistoryKey(patientId, relativeId),
    `/patients/${patientId}/family/relatives/${relativeId}/hla`,
    RelativeTypingHistorySchema
  );
}

/** Withdraws a typing version entered in error (reason required, audited; refused for a chosen donor). */
export function useWithdrawTyping(patientId: string, relativeId: string, onSaved: () => void) {
  return useSubmit({
    send: (v: { typingId: string; reason: string }) =>
      apiSend(
        'DELETE',
        `/patients/${patientId}/family/relatives/${relativeId}/hla/${v.typingId}`,
        { reason: v.reason },
        RelativeTypingHistorySchema
      ),
    invalidate: [typingHistoryKey(patientId, relativeId)],
    success: 'Typing withdrawn.',
    onSaved,
  });
}
