import { CROSSMATCH_KINDS, type Relative } from '@engraft/domain';
import { Group, Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { useAddCrossmatch } from './api';
import { FamilyForm } from './FamilyForm';

/** A C1q, flow or CDC crossmatch result of the patient's serum against one relative. */
export function CrossmatchForm({
  patientId,
  relatives,
  onSaved,
}: {
  patientId: string;
  relatives: Relative[];
  onSaved: () => void;
}) {
  const [relativeId, setRelativeId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>('c1q');
  const [result, setResult] = useState<string | null>(null);
  const [testedOn, setTestedOn] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useAddCrossmatch(
    patientId,
    () => {
      setResult(null);
      setNote('');
      setErrors({});
      onSaved();
    },
    setErrors
  );
  const submit = () => {
    setErrors({});
    void save.submit({
      relativeId: relativeId ?? '',
      kind: kind ?? '',
      result: result ?? '',
      testedOn,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  return (
    <FamilyForm
      label="Record a C1q or crossmatch result"
      onSubmit={submit}
      error={save.error}
      errorTitle="Not recorded"
      submitLabel="Record result"
      submitting={save.submitting}
      disabled={relatives.length === 0}
    >
      <Text fw={600} size="sm">
        C1q and crossmatch results
      </Text>
      <Group align="flex-start" wrap="wrap">
        <Select
          label="Relative"
          withAsterisk
          data={relatives.map((r) => ({ value: r.id, label: r.name }))}
          value={relativeId}
          onChange={setRelativeId}
          error={errors.relativeId}
          w={200}
        />
        <Select
          label="Test"
          withAsterisk
          data={Object.entries(CROSSMATCH_KINDS).map(([value, label]) => ({ value, label }))}
          value={kind}
          onChange={setKind}
          error={errors.kind}
          w={180}
        />
        <Select
          label="Result"
          withAsterisk
          data={[
            { value: 'positive', label: 'Positive' },
            { value: 'negative', label: 'Negative' },
          ]}
          value={result}
          onChange={setResult}
          error={errors.result}
          w={140}
        />
        <DateField
          label="Test date"
          withAsterisk
          value={testedOn}
          onChange={(e) => setTestedOn(e.currentTarget.value)}
          error={errors.testedOn}
        />
        <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} w={240} />
      </Group>
    </FamilyForm>
  );
}
