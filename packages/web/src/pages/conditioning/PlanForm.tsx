// Choose a regimen template and its protocol parameters (weight basis per mg/kg drug, BSA formula and cap,
// declared intent, dose overrides with reasons), see the computed plan live (POST /conditioning/preview), then
// prescribe it, or, for a change, give the reason that is audited with the new version. Number fields send
// exactly what was typed (NumericField): text that is not a number goes to the server, which refuses it naming
// the field. A plan with a blocking finding cannot be prescribed (the button is disabled and the server refuses);
// unusual values ask for a reason each (useConfirmations), kept in the audit event.
import type { ConditioningPlanList, ConditioningPlanView } from '@engraft/domain';
import { blockingFindings, type ConditioningTemplate } from '@engraft/clinical';
import { Alert, Button, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api';
import { RuleDetails } from '../../components/RuleDetails';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { usePreview, useSavePlan } from './api';
import { overrideIncomplete, planBody, type PlanFields, templatesFor } from './planBody';
import { PlanDetails } from './PlanDetails';
import { ProtocolParameters } from './ProtocolParameters';
import { ErrorAlert } from '../../components/ErrorAlert';

export function PlanForm({
  ctx,
  regimens,
  existing,
  onSaved,
  onCancel,
}: {
  ctx: ConditioningPlanList;
  regimens: readonly ConditioningTemplate[];
  existing?: ConditioningPlanView;
  onSaved: (p: ConditioningPlanView) => void;
  onCancel?: () => void;
}) {
  const offered = useMemo(() => templatesFor(regimens, ctx.episode.type), [regimens, ctx.episode.type]);
  const [templateId, setTemplateId] = useState(existing?.template.id ?? '');
  const template = offered.find((t) => t.id === templateId);
  const recordSex = ctx.patient.sex === 'male' || ctx.patient.sex === 'female' ? ctx.patient.sex : '';
  const [fields, setFields] = useState<PlanFields>(() => initialFields(ctx, existing, recordSex));
  const set = (patch: Partial<PlanFields>) => setFields((f) => ({ ...f, ...patch }));
  const [reason, setReason] = useState('');
  const [saveErrors, setSaveErrors] = useState<Record<string, string>>({});
  const { withConfirmations, dialog } = useConfirmations();
  const save = useSavePlan(ctx.episode.id, existing, withConfirmations, setSaveErrors);

  const pickTemplate = (id: string) => {
    setTemplateId(id);
    set({ weightBasis: {}, overrides: {}, intent: '' });
  };

  const body = useMemo(
    () => (template ? planBody(template.id, fields, recordSex) : null),
    [template, fields, recordSex]
  );
  const [debounced] = useDebouncedValue(body, 250);
  const previewQuery = usePreview(ctx.episode.id, debounced);
  const previewError = previewQuery.isError ? errorMessage(previewQuery.error) : null;
  const fieldErrors = {
    ...(previewQuery.error instanceof ApiError ? previewQuery.error.fieldErrors() : {}),
    ...saveErrors,
  };

  const submit = async () => {
    if (!body) return;
    setSaveErrors({});
    const saved = await save.submit({ body, reason });
    if (saved) onSaved(saved);
  };

  // Only the plan computed from what is typed now is shown (and can be prescribed): never one of values typed
  // before the last keystroke, of another template, or one the server refused.
  const current = debounced === body && !previewQuery.isPlaceholderData && !previewQuery.isError;
  const computed = current ? previewQuery.data : undefined;
  const preview = computed && computed.template.id === templateId ? computed : null;
  const computing = template !== undefined && !preview && !previewError;
  const sizeHint = `record: ${ctx.patient.heightCm ?? '?'} cm, ${ctx.patient.weightKg ?? '?'} kg`;
  const blocked = preview ? blockingFindings(preview.computed).length > 0 : false;
  const incomplete = overrideIncomplete(fields.overrides);

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label="Regimen template"
          value={templateId}
          onChange={(e) => pickTemplate(e.currentTarget.value)}
          data={[{ value: '', label: 'Choose a regimen…' }, ...offered.map((t) => ({ value: t.id, label: t.name }))]}
          error={fieldErrors.templateId}
        />
        {template && template.kind === 'conditioning' && (
          <NativeSelect
            label="Declared intent"
            description={`template: ${template.intent ?? 'not declared (autologous high-dose)'}`}
            value={fields.intent}
            onChange={(e) => set({ intent: e.currentTarget.value })}
            data={[
              { value: '', label: `As the template (${template.intent ?? 'not declared'})` },
              { value: 'MAC', label: 'MAC (myeloablative)' },
              { value: 'RIC', label: 'RIC (reduced intensity)' },
              { value: 'NMA', label: 'NMA (non-myeloablative)' },
              { value: 'none', label: 'Not declared' },
            ]}
          />
        )}
      </SimpleGrid>
      {template && (
        <>
          <Text fz="sm" c="dimmed">
            {template.description}.
          </Text>
          <RuleDetails source={template.source} />
          <ProtocolParameters
            template={template}
            fields={fields}
            set={set}
            fieldErrors={fieldErrors}
            sizeHint={sizeHint}
            askSex={!recordSex}
          />
        </>
      )}
      {previewError && (
        <Alert color="red" variant="light" title="Cannot compute this plan">
          {previewError}
        </Alert>
      )}
      {computing && <Loader size="sm" aria-label="Computing the plan" />}
      {preview && (
        <section aria-label="Computed plan (not saved)">
          <Title order={3} fz="h5" mb="xs">
            Computed plan, {template?.name} (preview, not saved)
          </Title>
          <PlanDetails c={preview.computed} dates={preview.dates} />
        </section>
      )}
      {existing && (
        <Textarea
          label="Reason for the change"
          description="Required; kept in the audit trail with the plan before and after. The new version must be verified again."
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldErrors.reason}
        />
      )}
      <ErrorAlert error={save.error} mt={0} />
      <Group>
        <Button
          onClick={() => void submit()}
          loading={save.submitting}
          disabled={!preview || blocked || incomplete || (existing !== undefined && reason.trim().length < 3)}
        >
          {existing ? 'Save new version' : 'Prescribe'}
        </Button>
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
        {blocked && (
          <Text fz="sm" c="red.8" fw={600}>
            Resolve the blocking findings above to prescribe.
          </Text>
        )}
        {!existing && !blocked && (
          <Text fz="sm" c="dimmed">
            A second physician must verify the plan before it is active.
          </Text>
        )}
      </Group>
      {dialog}
    </Stack>
  );
}

/** The form as it opens: a change starts from the plan's options; sizes only where they differ from the record. */
function initialFields(
  ctx: ConditioningPlanList,
  existing: ConditioningPlanView | undefined,
  recordSex: string
): PlanFields {
  const o = existing?.options;
  return {
    intent: o?.declaredIntent === undefined ? '' : (o.declaredIntent ?? 'none'),
    bsaFormula: o?.bsaFormula ?? '',
    bsaCap: o?.bsaCapM2 ?? '',
    weightBasis: o?.weightBasis ?? {},
    overrides: Object.fromEntries(
      (o?.overrides ?? []).map((x) => [x.agentIndex, { amount: x.amountPerAdministration, reason: x.reason }])
    ),
    weightKg: existing && existing.inputs.weightKg !== ctx.patient.weightKg ? existing.inputs.weightKg : '',
    heightCm: existing && existing.inputs.heightCm !== ctx.patient.heightCm ? existing.inputs.heightCm : '',
    sex: existing?.inputs.sex ?? recordSex,
  };
}
