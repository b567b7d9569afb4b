import { type Diagnosis, DiagnosisCreateSchema, todayIso } from '@engraft/domain';
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { DISEASE_OPTIONS, emptyToUndefined, STATUS_OPTIONS } from '../forms';
import { diseaseLabel } from '../format';
import { SubmitButton } from './SubmitButton';
import { DateField } from './DateField';
import { zodResolver } from '../zodResolver';

interface Values {
  disease: string;
  diagnosisDate: string;
  status: string;
  subtype: string;
}
const toBody = (v: Values) => ({
  disease: emptyToUndefined(v.disease),
  diagnosisDate: emptyToUndefined(v.diagnosisDate),
  status: emptyToUndefined(v.status),
  subtype: v.subtype.trim() || undefined,
});

export function DiagnosisForm({
  patientId,
  onSaved,
  onCancel,
}: {
  patientId: string;
  onSaved: (d: Diagnosis) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { disease: '', diagnosisDate: '', status: '', subtype: '' },
    validateInputOnBlur: true,
    validate: zodResolver<Values>(DiagnosisCreateSchema, toBody),
  });
  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      const d = await api<Diagnosis>('POST', `/patients/${patientId}/diagnoses`, toBody(values));
      notifications.show({ color: 'teal', title: 'Diagnosis added', message: diseaseLabel(d.disease) });
      onSaved(d);
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add diagnosis">
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <NativeSelect
          label="Disease"
          required
          data={[{ value: '', label: 'Choose…' }, ...DISEASE_OPTIONS]}
          {...form.getInputProps('disease')}
        />
        <TextInput label="Subtype / risk" description="Optional" {...form.getInputProps('subtype')} />
        <DateField label="Diagnosis date" required max={todayIso()} {...form.getInputProps('diagnosisDate')} />
        <NativeSelect
          label="Disease status"
          required
          data={[{ value: '', label: 'Choose…' }, ...STATUS_OPTIONS]}
          {...form.getInputProps('status')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <SubmitButton loading={submitting}>Add diagnosis</SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
