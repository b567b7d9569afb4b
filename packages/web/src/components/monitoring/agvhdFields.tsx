// The acute GVHD organ data (MAGIC 2016, Harris et al., BBMT 2016;22:4) shared by the stored assessment form and
// the calculator page, and the view of the stage and grade the rule answered.
import { type AgvhdInput, AgvhdInputSchema, type AgvhdOutput } from '@engraft/clinical';
import { Alert, Checkbox, Fieldset, Group, Stack, Table } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { NumericField } from '../NumericField';
import { numericProps, typedOrNull } from './assessmentFields';
import { RuleDetails } from '../RuleDetails';
import { GradeLine } from './gradeDisplay';
import { zodResolver } from '../../zodResolver';

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

/** The form's errors by field, from the rule's own input schema: the same check the server makes. */
export const validateAgvhd = zodResolver<AgvhdValues>(AgvhdInputSchema, agvhdInputOf);

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
