// Choose a regimen template and its protocol parameters (weight basis per mg/kg drug, BSA formula and cap,
// declared intent, dose overrides with reasons), see the computed plan live (POST /conditioning/preview), then
// prescribe it, or, for a change, give the reason that is audited with the new version. Number fields send
// exactly what was typed (NumericField): text that is not a number goes to the server, which refuses it naming
// the field. A plan with a blocking finding cannot be prescribed (the button is disabled and the server refuses);
// unusual values ask for a reason each (useConfirmations), kept in the audit event.
import { ConditioningPlanViewSchema, ConditioningPreviewViewSchema } from '@engraft/domain';
import type { ConditioningPlanList, ConditioningPlanView, ConditioningPreviewView } from '@engraft/domain';
import { blockingFindings, CONDITIONING_AGENTS, type ConditioningTemplate, type WeightBasis } from '@engraft/clinical';
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, apiSend, errorMessage } from '../../api';
import { NumericField } from '../../components/NumericField';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { PlanDetails } from './PlanDetails';
import { RuleDetails } from '../../components/RuleDetails';

const WEIGHT_BASES: { value: WeightBasis; label: string }[] = [
  { value: 'abw', label: 'Actual (ABW)' },
  { value: 'ibw', label: 'Ideal (IBW, Devine)' },
  { value: 'adjbw25', label: 'Adjusted 25% (AdjBW25)' },
  { value: 'adjbw40', label: 'Adjusted 40% (AdjBW40)' },
  { value: 'lesser-of-ibw-abw', label: 'Lesser of IBW and ABW' },
];

/** Regimens that fit the episode: HCT is conditioned, CAR-T lymphodepleted (same rule as the server). */
export function templatesFor(all: readonly ConditioningTemplate[], episodeType: string): ConditioningTemplate[] {
  if (episodeType === 'car-t') return all.filter((t) => t.kind === 'lymphodepletion');
  if (episodeType === 'autologous-hct' || episodeType === 'allogeneic-hct') {
    return all.filter((t) => t.kind === 'conditioning');
  }
  return [...all];
}

interface OverrideRow {
  amount: string | number;
  reason: string;
}

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
  const o = existing?.options;
  const [intent, setIntent] = useState<string>(o?.declaredIntent === undefined ? '' : (o.declaredIntent ?? 'none'));
  const [bsaFormula, setBsaFormula] = useState<string>(o?.bsaFormula ?? '');
  const [bsaCap, setBsaCap] = useState<string | number>(o?.bsaCapM2 ?? '');
  const [weightBasis, setWeightBasis] = useState<Record<string, WeightBasis>>(o?.weightBasis ?? {});
  const [overrides, setOverrides] = useState<Record<number, OverrideRow>>(
    Object.fromEntries(
      (o?.overrides ?? []).map((x) => [x.agentIndex, { amount: x.amountPerAdministration, reason: x.reason }])
    )
  );
  const [weightKg, setWeightKg] = useState<string | number>(
    existing && existing.inputs.weightKg !== ctx.patient.weightKg ? existing.inputs.weightKg : ''
  );
  const [heightCm, setHeightCm] = useState<string | number>(
    existing && existing.inputs.heightCm !== ctx.patient.heightCm ? existing.inputs.heightCm : ''
  );
  const recordSex = ctx.patient.sex === 'male' || ctx.patient.sex === 'female' ? ctx.patient.sex : '';
  const [sex, setSex] = useState<string>(existing?.inputs.sex ?? recordSex);
  const [reason, setReason] = useState('');
  const [computed, setPreview] = useState<ConditioningPreviewView | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { withConfirmations, dialog } = useConfirmations();

  const pickTemplate = (id: string) => {
    setTemplateId(id);
    setWeightBasis({});
    setOverrides({});
    setIntent('');
  };

  // Numbers are sent as typed: a number, or the text itself (the schema refuses it naming the field). Empty means
  // "as the template / the record"; an override typed as 0, -5 or text is sent too, never dropped.
  const body = useMemo(() => {
    if (!template) return null;
    const options: Record<string, unknown> = {};
    if (intent) options.declaredIntent = intent === 'none' ? null : intent;
    if (bsaFormula) options.bsaFormula = bsaFormula;
    if (bsaCap !== '') options.bsaCapM2 = bsaCap;
    if (Object.keys(weightBasis).length) options.weightBasis = weightBasis;
    const ov = Object.entries(overrides)
      .filter(([, r]) => r.amount !== '')
      .map(([i, r]) => ({ agentIndex: Number(i), amountPerAdministration: r.amount, reason: r.reason }));
    if (ov.length) options.overrides = ov;
    return {
      templateId: template.id,
      options,
      ...(weightKg === '' ? {} : { weightKg }),
      ...(heightCm === '' ? {} : { heightCm }),
      ...(sex && sex !== recordSex ? { sex } : {}),
    };
  }, [template, intent, bsaFormula, bsaCap, weightBasis, overrides, weightKg, heightCm, sex, recordSex]);

  useEffect(() => {
    if (!body) return;
    const ac = new AbortController();
    const t = window.setTimeout(() => {
      apiSend(
        'POST',
        '/conditioning/preview',
        { episodeId: ctx.episode.id, ...body },
        ConditioningPreviewViewSchema
      ).then(
        (p) => {
          setPreview(p);
          setPreviewError(null);
        },
        (e: unknown) => {
          if (e instanceof DOMException && e.name === 'AbortError') return;
          setPreview(null);
          setPreviewError(errorMessage(e));
          setFieldErrors(e instanceof ApiError ? e.fieldErrors() : {});
        }
      );
    }, 250);
    return () => {
      window.clearTimeout(t);
      ac.abort();
    };
  }, [body, ctx.episode.id]);

  const submit = async () => {
    if (!body) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const saved = await withConfirmations((confirmations) =>
        existing
          ? apiSend(
              'PUT',
              `/conditioning-plans/${existing.id}`,
              { ...body, reason, confirmations },
              ConditioningPlanViewSchema
            )
          : apiSend(
              'POST',
              `/episodes/${ctx.episode.id}/conditioning-plans`,
              { ...body, confirmations },
              ConditioningPlanViewSchema
            )
      );
      if (saved) onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  // A preview of another template (still in flight or stale) is never shown.
  const preview = computed && computed.template.id === templateId ? computed : null;
  const sizeHint = `record: ${ctx.patient.heightCm ?? '?'} cm, ${ctx.patient.weightKg ?? '?'} kg`;
  const overrideIncomplete = Object.values(overrides).some((r) => r.amount !== '' && r.reason.trim().length < 3);
  const blocked = preview ? blockingFindings(preview.computed).length > 0 : false;
  /** The server's error for agent i's override: overrides are sent in agent order, without the empty ones. */
  const overrideError = (i: number): string | undefined => {
    const pos = Object.entries(overrides)
      .filter(([, r]) => r.amount !== '')
      .findIndex(([k]) => Number(k) === i);
    return pos < 0
      ? undefined
      : (fieldErrors[`options.overrides.${pos}.amountPerAdministration`] ??
          fieldErrors[`options.overrides.${pos}.reason`]);
  };

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
            value={intent}
            onChange={(e) => setIntent(e.currentTarget.value)}
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
          <Paper withBorder p="sm" component="fieldset" aria-label="Protocol parameters" style={{ border: undefined }}>
            <Title order={4} fz="h6" mb="xs">
              Protocol parameters
            </Title>
            <Group align="flex-start" gap="sm">
              <NativeSelect
                label="BSA formula"
                value={bsaFormula}
                onChange={(e) => setBsaFormula(e.currentTarget.value)}
                data={[
                  { value: '', label: `As the template (${template.bsaFormula})` },
                  { value: 'mosteller', label: 'Mosteller' },
                  { value: 'dubois', label: 'DuBois' },
                  { value: 'haycock', label: 'Haycock (children)' },
                ]}
                w={210}
              />
              <NumericField
                label="BSA cap (m²)"
                description="blank: as the template"
                unit="m²"
                value={bsaCap}
                onChange={setBsaCap}
                w={140}
                error={fieldErrors['options.bsaCapM2']}
              />
              {template.agents.map((a, i) =>
                a.basis === 'mg/kg' || a.basis === 'auc-mg-h-per-l' ? (
                  <NativeSelect
                    key={i}
                    label={`Weight for ${CONDITIONING_AGENTS[a.agent].toLowerCase()}`}
                    value={weightBasis[String(i)] ?? a.weightBasis ?? 'abw'}
                    onChange={(e) =>
                      setWeightBasis({ ...weightBasis, [String(i)]: e.currentTarget.value as WeightBasis })
                    }
                    data={WEIGHT_BASES}
                    w={220}
                    error={fieldErrors[`options.weightBasis.${i}`]}
                  />
                ) : null
              )}
              <NumericField
                label="Weight today (kg)"
                description={sizeHint}
                unit="kg"
                value={weightKg}
                onChange={setWeightKg}
                w={170}
                error={fieldErrors.weightKg}
              />
              <NumericField
                label="Height (cm)"
                unit="cm"
                value={heightCm}
                onChange={setHeightCm}
                w={120}
                error={fieldErrors.heightCm}
              />
              {!recordSex && (
                <NativeSelect
                  label="Sex for IBW (Devine)"
                  value={sex}
                  onChange={(e) => setSex(e.currentTarget.value)}
                  data={[
                    { value: '', label: 'Choose…' },
                    { value: 'female', label: 'Female' },
                    { value: 'male', label: 'Male' },
                  ]}
                  error={fieldErrors.sex}
                  w={170}
                />
              )}
            </Group>
            <Title order={5} fz="sm" mt="sm" mb={4}>
              Dose overrides (optional, each with a reason)
            </Title>
            <Stack gap={4}>
              {template.agents.map((a, i) => (
                <Group key={i} gap="sm" align="flex-end">
                  <Text fz="sm" w={190}>
                    {CONDITIONING_AGENTS[a.agent]} ({a.basis === 'Gy' ? 'Gy' : 'mg'} per dose)
                  </Text>
                  <NumericField
                    aria-label={`Override ${CONDITIONING_AGENTS[a.agent]} per dose`}
                    placeholder="computed"
                    unit={a.basis === 'Gy' ? 'Gy' : 'mg'}
                    value={overrides[i]?.amount ?? ''}
                    onChange={(v) =>
                      setOverrides({ ...overrides, [i]: { amount: v, reason: overrides[i]?.reason ?? '' } })
                    }
                    error={overrideError(i)}
                    w={130}
                  />
                  <TextInput
                    aria-label={`Reason for the ${CONDITIONING_AGENTS[a.agent]} override`}
                    placeholder="reason for the override"
                    value={overrides[i]?.reason ?? ''}
                    onChange={(e) =>
                      setOverrides({
                        ...overrides,
                        [i]: { amount: overrides[i]?.amount ?? '', reason: e.currentTarget.value },
                      })
                    }
                    disabled={overrides[i]?.amount === undefined || overrides[i]?.amount === ''}
                    style={{ flex: 1, maxWidth: 420 }}
                  />
                </Group>
              ))}
            </Stack>
          </Paper>
        </>
      )}
      {previewError && (
        <Alert color="red" variant="light" title="Cannot compute this plan">
          {previewError}
        </Alert>
      )}
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
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        <Button
          onClick={() => void submit()}
          loading={busy}
          disabled={!preview || blocked || overrideIncomplete || (existing !== undefined && reason.trim().length < 3)}
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
