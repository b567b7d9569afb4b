// Adding a diagnosis (disease, subtype, date, status) to the patient, from the Summary tab's "Add diagnosis".
import { type Diagnosis, DiagnosisCreateSchema, todayIso } from '@engraft/domain';
import { NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { DISEASE_OPTIONS, emptyToUndefined, STATUS_OPTIONS } from '../forms';
import { diseaseLabel } from '../format';
import { DrawerForm } from './FormActions';
import { DateField } from './DateField';
import { zodResolver } from '../zodResolver';
import { useAddDiagnosis } from './patient/api';

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
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { disease: '', diagnosisDate: '', status: '', subtype: '' },
    validateInputOnBlur: true,
    validate: zodResolver<Values>(DiagnosisCreateSchema, toBody),
  });
  const save = useAddDiagnosis({ onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (values) => {
    const d = await save.submit({ patientId, body: toBody(values) });
    if (!d) return;
    notifications.show({ color: 'teal', title: 'Diagnosis added', message: diseaseLabel(d.disease) });
    onSaved(d);
  });
  return (
    <DrawerForm
      label="Add diagnosis"
      onSubmit={submit}
      error={save.error}
      onCancel={onCancel}
      submitting={save.submitting}
      submitLabel="Add diagnosis"
    >
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
    </DrawerForm>
  );
}
