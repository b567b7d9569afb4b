import { ANTIBODY_LOCI, type FamilySettings, MFI } from '@engraft/domain';
import { Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { NumericField } from '../../components/NumericField';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { useSaveFamilySettings } from './api';
import { FamilyForm } from './FamilyForm';

const LEVELS = ['positive', 'strong', 'desensitisation'] as const;
const WEIGHTS = ['dsa', 'age', 'relationship', 'sex', 'cmv', 'abo', 'kir', 'kirLigand'] as const;
const WEIGHT_LABELS: Record<(typeof WEIGHTS)[number], string> = {
  dsa: 'DSA',
  age: 'Age',
  relationship: 'Relationship',
  sex: 'Sex',
  cmv: 'CMV',
  abo: 'ABO',
  kir: 'KIR',
  kirLigand: 'KIR ligand (GvH)',
};

type Draft = Record<string, number | string>;
const draftOf = (s: FamilySettings): Draft => ({
  ...Object.fromEntries(
    ANTIBODY_LOCI.flatMap((l) => LEVELS.map((k) => [`thresholds.${l}.${k}`, s.thresholds[l]?.[k] ?? '']))
  ),
  ...Object.fromEntries(WEIGHTS.map((w) => [`weights.${w}`, s.weights[w]])),
});

/** The centre's MFI thresholds per locus and the ranking weights (administrators; audited). */
export function ThresholdsForm({ settings, onSaved }: { settings: FamilySettings; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { withConfirmations, dialog } = useConfirmations();
  const save = useSaveFamilySettings(withConfirmations, onSaved, setErrors);
  const num = (k: string) => {
    const v = draft[k];
    return v === '' || v === undefined ? Number.NaN : v;
  };
  const submit = () => {
    setErrors({});
    void save.submit({
      thresholds: Object.fromEntries(
        ANTIBODY_LOCI.map((l) => [l, Object.fromEntries(LEVELS.map((k) => [k, num(`thresholds.${l}.${k}`)]))])
      ),
      weights: Object.fromEntries(WEIGHTS.map((w) => [w, num(`weights.${w}`)])),
    });
  };
  const field = (k: string, label: string, unit?: string) => (
    <NumericField
      aria-label={label}
      unit={unit}
      value={draft[k]}
      onChange={(v) => setDraft((d) => ({ ...d, [k]: v }))}
      error={errors[k] ?? (k.startsWith('thresholds.') ? errors[k.split('.').slice(0, 2).join('.')] : undefined)}
      size="xs"
      w={110}
    />
  );
  return (
    <FamilyForm
      label="MFI thresholds and ranking weights"
      onSubmit={submit}
      error={save.error}
      errorTitle="Not saved"
      submitLabel="Save thresholds and weights"
      submitting={save.submitting}
    >
      <Table.ScrollContainer minWidth={460}>
        <Table verticalSpacing={2} aria-label="MFI thresholds per locus" fz="sm" maw={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Locus</Table.Th>
              <Table.Th scope="col">Positive ≥</Table.Th>
              <Table.Th scope="col">Strong ≥</Table.Th>
              <Table.Th scope="col">Desensitisation ≥</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ANTIBODY_LOCI.map((l) => (
              <Table.Tr key={l}>
                <Table.Th scope="row">{l}</Table.Th>
                {LEVELS.map((k) => (
                  <Table.Td key={k}>{field(`thresholds.${l}.${k}`, `${l} ${k} threshold`, MFI.unit)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" fw={600}>
        Ranking weights (EBMT 2020 order; KIR counts only where typed)
      </Text>
      <Group gap="xs" wrap="wrap">
        {WEIGHTS.map((w) => (
          <Stack key={w} gap={2}>
            <Text size="xs">{WEIGHT_LABELS[w]}</Text>
            {field(`weights.${w}`, `${WEIGHT_LABELS[w]} weight`)}
          </Stack>
        ))}
      </Group>
      {dialog}
    </FamilyForm>
  );
}
