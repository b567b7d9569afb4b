import { MFI } from '@engraft/domain';
import { ActionIcon, Button, Group, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { NumericField } from '../../components/NumericField';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { useAddAntibodyTest } from './api';
import { FamilyForm } from './FamilyForm';

interface Row {
  specificity: string;
  mfi: number | string;
}
const EMPTY: Row = { specificity: '', mfi: '' };

/**
 * Antibody results typed in by hand: one test date, bead specificities at allele or antigen level, any locus a
 * panel covers (class I, DRB1/3/4/5, DQA1/DQB1, DPA1/DPB1; a two-chain bead as DQA1*05:01~DQB1*02:01). The server
 * checks the names as it checks a bead file; an MFI above the plausible range asks for a reason.
 */
export function AntibodyEntryForm({ patientId, onSaved }: { patientId: string; onSaved: () => void }) {
  const [testedOn, setTestedOn] = useState('');
  const [lab, setLab] = useState('');
  const [rows, setRows] = useState<Row[]>([EMPTY]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const { withConfirmations, dialog } = useConfirmations();
  const save = useAddAntibodyTest(
    patientId,
    withConfirmations,
    () => {
      setRows([EMPTY]);
      setFieldErrors({});
      onSaved();
    },
    setFieldErrors
  );
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = () => {
    setFieldErrors({});
    void save.submit({
      testedOn,
      ...(lab.trim() ? { lab: lab.trim() } : {}),
      results: rows.map((r) => ({ specificity: r.specificity.trim(), mfi: r.mfi === '' ? Number.NaN : r.mfi })),
    });
  };
  const errorOf = (path: string) => fieldErrors[path];
  return (
    <FamilyForm
      label="Enter antibody results"
      onSubmit={submit}
      error={save.error}
      errorTitle="Not recorded"
      submitLabel="Record results"
      submitting={save.submitting}
      buttons={
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => setRows((rs) => [...rs, EMPTY])}
        >
          Add a result
        </Button>
      }
    >
      <Text fw={600} size="sm">
        Enter results by hand
      </Text>
      <Group align="flex-start" wrap="wrap">
        <DateField
          label="Test date"
          withAsterisk
          value={testedOn}
          onChange={(e) => setTestedOn(e.currentTarget.value)}
          error={errorOf('testedOn')}
        />
        <TextInput label="Lab" value={lab} onChange={(e) => setLab(e.currentTarget.value)} w={200} />
      </Group>
      {rows.map((r, i) => (
        <Group key={i} align="flex-start" wrap="wrap">
          <TextInput
            label={`Specificity ${i + 1}`}
            description="A*02:01, A2, DRB4*01:01, DQA1*05:01~DQB1*02:01, DPB1*04:01"
            value={r.specificity}
            onChange={(e) => set(i, { specificity: e.currentTarget.value })}
            error={errorOf(`results.${i}.specificity`)}
            w={{ base: '100%', sm: 300 }}
          />
          <NumericField
            label={`MFI ${i + 1}`}
            unit={MFI.unit}
            value={r.mfi}
            onChange={(v) => set(i, { mfi: v })}
            error={errorOf(`results.${i}.mfi`)}
            w={140}
          />
          {rows.length > 1 && (
            <ActionIcon
              variant="subtle"
              color="red"
              mt={28}
              aria-label={`Remove result ${i + 1}`}
              onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {dialog}
    </FamilyForm>
  );
}
