// The bedside grading fields shared by the daily assessment forms (stored) and the calculator page (nothing
// stored): CRS observations, the ten ICE items with a live score, neurological findings (ASTCT 2019), and the
// acute GVHD organ data (MAGIC 2016, in agvhdFields.tsx). Labels say in plain words what each choice means.
import {
  type CrsInput,
  type CrsOutput,
  type IcansOutput,
  type IceInput,
  type IceOutput,
  scoreIce,
} from '@engraft/clinical';
import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { NumericField } from '../NumericField';
import { RuleDetails } from '../RuleDetails';
import { GradeLine } from './gradeDisplay';
import {
  HYPOTENSION_OPTIONS,
  OXYGEN_OPTIONS,
  CONSCIOUSNESS_OPTIONS,
  SEIZURE_OPTIONS,
  MOTOR_OPTIONS,
  EDEMA_OPTIONS,
  ICE_GROUPS,
  ICE_KEYS,
} from './crsIcansOptions';

export interface CrsIcansValues {
  maxTempC: number | string;
  feverMaskedByTreatment: boolean;
  hypotension: string;
  oxygen: string;
  iceDone: boolean;
  /** Set once the nurse has scored the items (so an untouched form does not count as ICE 0/10). */
  iceScored: boolean;
  ice: IceInput;
  capd: number | string;
  consciousness: string;
  seizure: string;
  motor: string;
  cerebralEdema: string;
  tocilizumab: boolean;
  steroids: boolean;
}

export function emptyIce(value: boolean): IceInput {
  return Object.fromEntries(ICE_KEYS.map((k) => [k, value])) as unknown as IceInput;
}

export function initialCrsIcans(feverMasked = false): CrsIcansValues {
  return {
    maxTempC: '',
    feverMaskedByTreatment: feverMasked,
    hypotension: 'none',
    oxygen: 'none',
    iceDone: true,
    iceScored: false,
    ice: emptyIce(false),
    capd: '',
    consciousness: 'normal',
    seizure: 'none',
    motor: 'none',
    cerebralEdema: 'none',
    tocilizumab: false,
    steroids: false,
  };
}

/** Form validation shared by the assessment form and the calculator. */
export function iceScoredError(v: Pick<CrsIcansValues, 'iceDone' | 'iceScored'>): string | null {
  return v.iceDone && !v.iceScored
    ? 'Score the ICE items: tick each task done correctly (or “Clear” for 0/10), or untick “ICE done today”.'
    : null;
}

/**
 * A number field's value as the rule input: '' is "not recorded" (null); a number is itself; any other text is
 * sent on as typed so the schema refuses it, naming the field (never turned into "not recorded", issue 13).
 */
/** Mantine form props for a NumericField: the value as kept (number, '' or the typed text) and its setter. */
export function numericProps<T>(form: UseFormReturnType<T>, path: string) {
  const p = form.getInputProps(path) as {
    value?: number | string;
    onChange: (v: number | string) => void;
    error?: ReactNode;
    onFocus?: () => void;
    onBlur?: () => void;
  };
  return { value: p.value ?? '', onChange: p.onChange, error: p.error, onFocus: p.onFocus, onBlur: p.onBlur };
}

export function typedOrNull(v: number | string): number | null {
  return v === '' ? null : (v as number);
}

export function crsInputOf(v: CrsIcansValues): CrsInput {
  return {
    maxTempC: typedOrNull(v.maxTempC),
    feverMaskedByTreatment: v.feverMaskedByTreatment,
    hypotension: v.hypotension as CrsInput['hypotension'],
    oxygen: v.oxygen as CrsInput['oxygen'],
  };
}

/** The fields of a CRS/ICANS assessment. `withTreatments` adds "tocilizumab / steroids given today". */
export function CrsIcansFields<T extends CrsIcansValues>({
  form,
  withTreatments,
  withCapd,
}: {
  form: UseFormReturnType<T>;
  withTreatments: boolean;
  withCapd: boolean;
}) {
  const v = form.getValues();
  const ice = scoreIce(v.ice);
  return (
    <Stack gap="md">
      <Fieldset legend="CRS: fever, blood pressure, oxygen">
        <Group align="flex-end" gap="lg">
          <NumericField
            label="Highest temperature (°C)"
            description="Fever is ≥38.0 °C; leave empty if not measured"
            unit="°C"
            w={300}
            {...numericProps(form, 'maxTempC')}
          />
          <Checkbox
            mb={8}
            style={{ flex: 1, minWidth: 280 }}
            label="Fever masked: tocilizumab, steroids or antipyretics already given (fever is then no longer needed to grade CRS)"
            {...form.getInputProps('feverMaskedByTreatment', { type: 'checkbox' })}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          <NativeSelect
            label="Blood pressure"
            description="Worst in the period"
            data={HYPOTENSION_OPTIONS}
            {...form.getInputProps('hypotension')}
          />
          <NativeSelect
            label="Oxygen support"
            description="Most support needed"
            data={OXYGEN_OPTIONS}
            {...form.getInputProps('oxygen')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="ICE score (encephalopathy)">
        <Checkbox label="ICE done today" {...form.getInputProps('iceDone', { type: 'checkbox' })} mb="xs" />
        {v.iceDone ? (
          <>
            <Group gap="xs" mb="xs">
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => {
                  form.setFieldValue('ice', emptyIce(true) as never);
                  form.setFieldValue('iceScored', true as never);
                }}
              >
                All 10 correct
              </Button>
              <Button
                size="compact-xs"
                variant="default"
                onClick={() => {
                  form.setFieldValue('ice', emptyIce(false) as never);
                  form.setFieldValue('iceScored', true as never);
                }}
              >
                Clear
              </Button>
              <Text fz="sm" aria-live="polite" data-testid="ice-live">
                ICE score: <strong>{v.iceScored ? `${ice.score}/10` : 'not scored yet'}</strong>
                {v.iceScored && ice.score < 10 && (
                  <Text span c="dimmed" fz="xs">{` (${ice.explanation.replace(/^ICE \d+\/10: /, '')})`}</Text>
                )}
              </Text>
            </Group>
            {form.errors.iceScored && (
              <Text c="red.8" fz="sm" mb="xs" role="alert">
                {form.errors.iceScored}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {ICE_GROUPS.map((g) => (
                <Fieldset key={g.legend} legend={g.legend} variant="unstyled">
                  <Stack gap={6}>
                    {g.items.map((i) => (
                      <Checkbox
                        key={i.key}
                        label={i.label}
                        {...form.getInputProps(`ice.${i.key}`, { type: 'checkbox' })}
                        onChange={(e) => {
                          form.setFieldValue(`ice.${i.key}`, e.currentTarget.checked as never);
                          form.setFieldValue('iceScored', true as never);
                        }}
                      />
                    ))}
                  </Stack>
                </Fieldset>
              ))}
            </SimpleGrid>
          </>
        ) : (
          <Text fz="sm" c="dimmed">
            Not done (for example the patient cannot be woken). The grade then comes from the other findings.
          </Text>
        )}
        {withCapd && (
          <NumericField
            mt="sm"
            w={260}
            label="CAPD score (children ≤12 y)"
            description="0–32; leave empty for adults"
            {...numericProps(form, 'capd')}
          />
        )}
      </Fieldset>

      <Fieldset legend="ICANS: neurological findings">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label="Level of consciousness"
            data={CONSCIOUSNESS_OPTIONS}
            {...form.getInputProps('consciousness')}
          />
          <NativeSelect label="Seizure" data={SEIZURE_OPTIONS} {...form.getInputProps('seizure')} />
          <NativeSelect label="Motor findings" data={MOTOR_OPTIONS} {...form.getInputProps('motor')} />
          <NativeSelect
            label="Cerebral edema / raised ICP"
            data={EDEMA_OPTIONS}
            {...form.getInputProps('cerebralEdema')}
          />
        </SimpleGrid>
      </Fieldset>

      {withTreatments && (
        <Fieldset legend="Treatment given today">
          <Group>
            <Checkbox label="Tocilizumab" {...form.getInputProps('tocilizumab', { type: 'checkbox' })} />
            <Checkbox label="Corticosteroids" {...form.getInputProps('steroids', { type: 'checkbox' })} />
          </Group>
        </Fieldset>
      )}
    </Stack>
  );
}

export function CrsIcansResultView({
  crs,
  icans,
  ice,
  title,
}: {
  crs: CrsOutput;
  icans: IcansOutput;
  ice: IceOutput | null;
  title: string;
}) {
  return (
    <Alert
      color={Math.max(crs.grade, icans.grade) >= 3 ? 'red' : 'teal'}
      title={title}
      role="status"
      data-testid="crs-icans-result"
    >
      <Stack gap={6}>
        <GradeLine name="CRS" grade={crs.grade} explanation={crs.explanation} />
        <GradeLine name="ICANS" grade={icans.grade} explanation={icans.explanation} />
        {ice && <Text fz="sm">{ice.explanation}</Text>}
        <RuleDetails rules={[crs.ruleId, icans.ruleId]} />
      </Stack>
    </Alert>
  );
}
