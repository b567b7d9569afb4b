// The protocol parameters of a plan: BSA formula and cap, the weight each mg/kg drug is dosed on, the size today,
// and the sex for the Devine ideal body weight when the record has none; then the dose overrides.
import { CONDITIONING_AGENTS, type ConditioningTemplate, type WeightBasis } from '@engraft/clinical';
import { Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { NumericField } from '../../components/NumericField';
import { overrideError, type PlanFields } from './planBody';

const WEIGHT_BASES: { value: WeightBasis; label: string }[] = [
  { value: 'abw', label: 'Actual (ABW)' },
  { value: 'ibw', label: 'Ideal (IBW, Devine)' },
  { value: 'adjbw25', label: 'Adjusted 25% (AdjBW25)' },
  { value: 'adjbw40', label: 'Adjusted 40% (AdjBW40)' },
  { value: 'lesser-of-ibw-abw', label: 'Lesser of IBW and ABW' },
];

export interface FieldsProps {
  template: ConditioningTemplate;
  fields: PlanFields;
  set: (patch: Partial<PlanFields>) => void;
  fieldErrors: Record<string, string>;
}

export function ProtocolParameters({
  template,
  fields: f,
  set,
  fieldErrors,
  sizeHint,
  askSex,
}: FieldsProps & { sizeHint: string; askSex: boolean }) {
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label="Protocol parameters" style={{ border: undefined }}>
      <Title order={4} fz="h6" mb="xs">
        Protocol parameters
      </Title>
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label="BSA formula"
          value={f.bsaFormula}
          onChange={(e) => set({ bsaFormula: e.currentTarget.value })}
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
          value={f.bsaCap}
          onChange={(v) => set({ bsaCap: v })}
          w={140}
          error={fieldErrors['options.bsaCapM2']}
        />
        {template.agents.map((a, i) =>
          a.basis === 'mg/kg' || a.basis === 'auc-mg-h-per-l' ? (
            <NativeSelect
              key={i}
              label={`Weight for ${CONDITIONING_AGENTS[a.agent].toLowerCase()}`}
              value={f.weightBasis[String(i)] ?? a.weightBasis ?? 'abw'}
              onChange={(e) =>
                set({ weightBasis: { ...f.weightBasis, [String(i)]: e.currentTarget.value as WeightBasis } })
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
          value={f.weightKg}
          onChange={(v) => set({ weightKg: v })}
          w={170}
          error={fieldErrors.weightKg}
        />
        <NumericField
          label="Height (cm)"
          unit="cm"
          value={f.heightCm}
          onChange={(v) => set({ heightCm: v })}
          w={120}
          error={fieldErrors.heightCm}
        />
        {askSex && (
          <NativeSelect
            label="Sex for IBW (Devine)"
            value={f.sex}
            onChange={(e) => set({ sex: e.currentTarget.value })}
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
      <DoseOverrides template={template} fields={f} set={set} fieldErrors={fieldErrors} />
    </Paper>
  );
}

/** A dose per administration typed instead of the computed one, each with its reason. */
function DoseOverrides({ template, fields: f, set, fieldErrors }: FieldsProps) {
  const row = (i: number) => f.overrides[i];
  return (
    <>
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
              value={row(i)?.amount ?? ''}
              onChange={(v) => set({ overrides: { ...f.overrides, [i]: { amount: v, reason: row(i)?.reason ?? '' } } })}
              error={overrideError(f.overrides, fieldErrors, i)}
              w={130}
            />
            <TextInput
              aria-label={`Reason for the ${CONDITIONING_AGENTS[a.agent]} override`}
              placeholder="reason for the override"
              value={row(i)?.reason ?? ''}
              onChange={(e) =>
                set({
                  overrides: { ...f.overrides, [i]: { amount: row(i)?.amount ?? '', reason: e.currentTarget.value } },
                })
              }
              disabled={row(i)?.amount === undefined || row(i)?.amount === ''}
              style={{ flex: 1, maxWidth: 420 }}
            />
          </Group>
        ))}
      </Stack>
    </>
  );
}
