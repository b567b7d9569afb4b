// The bedside grading fields shared by the daily assessment forms (stored) and the calculator page (nothing
// stored): CRS observations, the ten ICE items with a live score, neurological findings (ASTCT 2019), and the
// acute GVHD organ data (MAGIC 2016). Labels say in plain words what each choice means.
import {
  type AgvhdInput,
  AgvhdInputSchema,
  type AgvhdOutput,
  type CrsInput,
  type CrsOutput,
  type IcansOutput,
  type IceInput,
  type IceOutput,
  scoreIce,
} from '@engraft/clinical';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { NumericField } from '../NumericField';
import { RuleDetails } from '../RuleDetails';

export const HYPOTENSION_OPTIONS = [
  { value: 'none', label: 'No low blood pressure' },
  { value: 'no-vasopressor', label: 'Low blood pressure, fluids only (no vasopressor)' },
  { value: 'one-vasopressor', label: 'One vasopressor (with or without vasopressin)' },
  { value: 'multiple-vasopressors', label: 'Two or more vasopressors (vasopressin not counted)' },
];
export const OXYGEN_OPTIONS = [
  { value: 'none', label: 'Room air (no oxygen)' },
  { value: 'low-flow', label: 'Low-flow nasal cannula ≤6 L/min, or blow-by' },
  { value: 'high-flow', label: 'High-flow cannula >6 L/min, facemask, non-rebreather or Venturi' },
  { value: 'positive-pressure', label: 'CPAP, BiPAP, or intubated and ventilated' },
];
export const CONSCIOUSNESS_OPTIONS = [
  { value: 'normal', label: 'Awake and alert' },
  { value: 'awakens-spontaneously', label: 'Drowsy, wakes up by themselves' },
  { value: 'awakens-to-voice', label: 'Wakes only when spoken to' },
  { value: 'awakens-to-touch', label: 'Wakes only when touched' },
  { value: 'unarousable', label: 'Cannot be woken, or only by vigorous/repeated touch (stupor, coma)' },
];
export const SEIZURE_OPTIONS = [
  { value: 'none', label: 'No seizure' },
  { value: 'self-limiting', label: 'Seizure that stopped quickly, or EEG seizure that resolved with treatment' },
  { value: 'prolonged-or-repetitive', label: 'Seizure >5 min, or repeated seizures without recovery in between' },
];
export const MOTOR_OPTIONS = [
  { value: 'none', label: 'No new weakness (tremor and myoclonus do not count)' },
  { value: 'deep-focal-weakness', label: 'Deep focal weakness: hemiparesis or paraparesis' },
];
export const EDEMA_OPTIONS = [
  { value: 'none', label: 'No cerebral edema' },
  { value: 'focal', label: 'Focal or local edema on imaging' },
  { value: 'diffuse', label: 'Diffuse edema, posturing, CN VI palsy, papilledema or Cushing’s triad' },
];

const ICE_GROUPS: { legend: string; items: { key: keyof IceInput; label: string }[] }[] = [
  {
    legend: 'Orientation (1 point each)',
    items: [
      { key: 'orientedYear', label: 'Year' },
      { key: 'orientedMonth', label: 'Month' },
      { key: 'orientedCity', label: 'City' },
      { key: 'orientedHospital', label: 'Hospital' },
    ],
  },
  {
    legend: 'Naming 3 objects (1 point each)',
    items: [
      { key: 'namedObject1', label: 'Object 1 (e.g. clock)' },
      { key: 'namedObject2', label: 'Object 2 (e.g. pen)' },
      { key: 'namedObject3', label: 'Object 3 (e.g. button)' },
    ],
  },
  {
    legend: 'Commands, writing, attention (1 point each)',
    items: [
      { key: 'followsCommands', label: 'Follows a simple command (“show me 2 fingers”)' },
      { key: 'writesSentence', label: 'Writes a standard sentence' },
      { key: 'countsBackwards', label: 'Counts back from 100 in tens' },
    ],
  },
];
export const ICE_KEYS = ICE_GROUPS.flatMap((g) => g.items.map((i) => i.key));

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

export function gradeColor(g: number): string {
  return ['gray', 'yellow', 'orange', 'red', 'grape'][g] ?? 'dark';
}

export function GradeLine({
  name,
  grade,
  explanation,
  roman,
}: {
  name: string;
  grade: number;
  explanation: string;
  roman?: boolean;
}) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Badge size="lg" color={gradeColor(grade)} variant={grade >= 3 ? 'filled' : 'light'} miw={120}>
        {name} grade {roman ? ROMAN[grade] : grade}
      </Badge>
      {/* The server passes the exact age in years (e.g. 51.5537...); whole years read better at the bedside. */}
      <Text fz="sm">{explanation.replace(/\bage (\d+)\.\d+/, 'age $1')}</Text>
    </Group>
  );
}

export const ROMAN = ['0', 'I', 'II', 'III', 'IV'];

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

export interface AgvhdValues {
  skinRashBsaPercent: number | string;
  skinBullae: boolean;
  bilirubinMgDl: number | string;
  upperGi: boolean;
  pediatric: boolean;
  stoolMlPerDay: number | string;
  stoolMlPerKgPerDay: number | string;
  stoolEpisodesPerDay: number | string;
  severePainOrIleus: boolean;
  grossBleeding: boolean;
}

export function initialAgvhd(bilirubin: number | null = null, pediatric = false): AgvhdValues {
  return {
    skinRashBsaPercent: 0,
    skinBullae: false,
    bilirubinMgDl: bilirubin ?? '',
    upperGi: false,
    pediatric,
    stoolMlPerDay: '',
    stoolMlPerKgPerDay: '',
    stoolEpisodesPerDay: '',
    severePainOrIleus: false,
    grossBleeding: false,
  };
}

/** Form values -> rule input; an empty bilirubin or rash % is missing so the schema says it is required. */
export function agvhdInputOf(v: AgvhdValues): AgvhdInput {
  return {
    skinRashBsaPercent: (typedOrNull(v.skinRashBsaPercent) ?? undefined) as number,
    skinBullae: v.skinBullae,
    bilirubinMgDl: (typedOrNull(v.bilirubinMgDl) ?? undefined) as number,
    upperGi: v.upperGi,
    pediatric: v.pediatric,
    stoolMlPerDay: v.pediatric ? null : typedOrNull(v.stoolMlPerDay),
    stoolMlPerKgPerDay: v.pediatric ? typedOrNull(v.stoolMlPerKgPerDay) : null,
    stoolEpisodesPerDay: typedOrNull(v.stoolEpisodesPerDay),
    severePainOrIleus: v.severePainOrIleus,
    grossBleeding: v.grossBleeding,
  };
}
export { AgvhdInputSchema };

export function AgvhdFields<T extends AgvhdValues>({ form }: { form: UseFormReturnType<T> }) {
  const v = form.getValues();
  return (
    <Stack gap="md">
      <Fieldset legend="Skin">
        <Group align="flex-end">
          <NumericField
            w={260}
            label="Active rash, % body surface"
            description="Erythematous (maculopapular) rash only"
            unit="% BSA"
            {...numericProps(form, 'skinRashBsaPercent')}
          />
          <Checkbox
            label="Bullae and desquamation >5% BSA"
            {...form.getInputProps('skinBullae', { type: 'checkbox' })}
            mb={8}
          />
        </Group>
      </Fieldset>
      <Fieldset legend="Liver and upper GI">
        <Group align="flex-end">
          <NumericField
            w={260}
            label="Total bilirubin (mg/dL)"
            description="µmol/L ÷ 17.1"
            unit="mg/dL"
            {...numericProps(form, 'bilirubinMgDl')}
          />
          <Checkbox
            label="Persistent nausea, vomiting or anorexia (upper GI)"
            {...form.getInputProps('upperGi', { type: 'checkbox' })}
            mb={8}
          />
        </Group>
      </Fieldset>
      <Fieldset legend="Lower GI (stool)">
        <Checkbox
          label="Child: use pediatric criteria (mL/kg/day)"
          {...form.getInputProps('pediatric', { type: 'checkbox' })}
          mb="xs"
        />
        <Group align="flex-start">
          {v.pediatric ? (
            <NumericField
              w={220}
              label="Stool output (mL/kg/day)"
              unit="mL/kg/day"
              {...numericProps(form, 'stoolMlPerKgPerDay')}
            />
          ) : (
            <NumericField
              w={220}
              label="Stool output (mL/day)"
              unit="mL/day"
              {...numericProps(form, 'stoolMlPerDay')}
            />
          )}
          <NumericField
            w={220}
            label="Stool episodes per day"
            description="Used when volume is not measured"
            {...numericProps(form, 'stoolEpisodesPerDay')}
          />
        </Group>
        <Group mt="sm">
          <Checkbox
            label="Severe abdominal pain or ileus"
            {...form.getInputProps('severePainOrIleus', { type: 'checkbox' })}
          />
          <Checkbox label="Grossly bloody stool" {...form.getInputProps('grossBleeding', { type: 'checkbox' })} />
        </Group>
      </Fieldset>
    </Stack>
  );
}

export function AgvhdResultView({ result, title }: { result: AgvhdOutput; title: string }) {
  const organs: [keyof AgvhdOutput['stages'], string][] = [
    ['skin', 'Skin'],
    ['liver', 'Liver'],
    ['upperGi', 'Upper GI'],
    ['lowerGi', 'Lower GI'],
  ];
  return (
    <Alert color={result.grade >= 3 ? 'red' : 'teal'} title={title} role="status" data-testid="agvhd-result">
      <Stack gap={6}>
        <GradeLine name="Acute GVHD" grade={result.grade} explanation={result.explanation} roman />
        <Table withTableBorder={false} verticalSpacing={2} fz="sm">
          <Table.Tbody>
            {organs.map(([k, label]) => (
              <Table.Tr key={k}>
                <Table.Th scope="row" w={90}>
                  {label}
                </Table.Th>
                <Table.Td w={80} style={{ whiteSpace: 'nowrap' }}>
                  stage {result.stages[k]}
                </Table.Td>
                <Table.Td>{result.stageExplanations[k]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <RuleDetails rules={[result.ruleId]} />
      </Stack>
    </Alert>
  );
}
