// Registering a patient with the first diagnosis (the indication). A weight or height outside the usual range
// needs a recorded reason (useConfirmations); if the diagnosis is refused, the patient page says what to do next.
import { DiagnosisCreateSchema, PATIENT_WRITERS, PatientCreateSchema, todayIso } from '@engraft/domain';
import {
  Alert,
  Anchor,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api';
import { ABO_OPTIONS, DISEASE_OPTIONS, emptyToUndefined, SEX_OPTIONS, STATUS_OPTIONS } from '../forms';
import { NumericField } from '../components/NumericField';
import { useAddDiagnosis, useRegisterPatient } from '../components/patient/api';
import { useConfirmations } from '../components/safety/useConfirmations';
import { hasAnyRole, useSignedIn } from '../session';
import { SubmitButton } from '../components/SubmitButton';
import { DateField } from '../components/DateField';
import { CMV_OPTIONS } from '../components/patient/PatientCmvForm';
import { zodResolver } from '../zodResolver';
import { displayName } from '../format';

interface Values {
  mrn: string;
  familyName: string;
  givenName: string;
  dateOfBirth: string;
  sex: string;
  aboRh: string;
  cmv: string;
  weightKg: number | string;
  heightCm: number | string;
  diagnosis: { disease: string; diagnosisDate: string; status: string; subtype: string };
}

// Patient and first diagnosis validated together, with the one rule that spans both.
const NewPatientSchema = PatientCreateSchema.extend({ diagnosis: DiagnosisCreateSchema }).superRefine((v, ctx) => {
  if (v.diagnosis.diagnosisDate < v.dateOfBirth) {
    ctx.addIssue({
      code: 'custom',
      path: ['diagnosis', 'diagnosisDate'],
      message: 'diagnosis date is before the date of birth',
    });
  }
});

function toPatient(v: Values) {
  return {
    mrn: v.mrn,
    familyName: v.familyName,
    givenName: v.givenName,
    dateOfBirth: emptyToUndefined(v.dateOfBirth),
    sex: emptyToUndefined(v.sex),
    aboRh: v.aboRh || 'unknown',
    cmv: v.cmv || 'unknown',
    // Exactly what was typed: the number, null when empty, or the text (the schema refuses it naming the field).
    weightKg: v.weightKg === '' ? null : v.weightKg,
    heightCm: v.heightCm === '' ? null : v.heightCm,
  };
}
function toDiagnosis(v: Values) {
  return {
    disease: emptyToUndefined(v.diagnosis.disease),
    diagnosisDate: emptyToUndefined(v.diagnosis.diagnosisDate),
    status: emptyToUndefined(v.diagnosis.status),
    subtype: v.diagnosis.subtype.trim() || undefined,
  };
}

const legendStyles = {
  legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)', marginBottom: 'var(--mantine-spacing-xs)' },
};

export function NewPatientPage() {
  const info = useSignedIn();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const today = todayIso();
  const { withConfirmations, dialog } = useConfirmations();
  useDocumentTitle('New patient · Engraft');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      mrn: '',
      familyName: '',
      givenName: '',
      dateOfBirth: '',
      sex: '',
      aboRh: 'unknown',
      cmv: 'unknown',
      weightKg: '',
      heightCm: '',
      diagnosis: { disease: '', diagnosisDate: '', status: '', subtype: '' },
    },
    validateInputOnBlur: true,
    validate: zodResolver<Values>(NewPatientSchema, (v) => ({ ...toPatient(v), diagnosis: toDiagnosis(v) })),
  });
  const register = useRegisterPatient(withConfirmations, {
    onFieldErrors: (fields) => {
      form.setErrors(fields);
      setFormError(
        Object.keys(fields).length ? 'The patient was not registered; see the messages next to the fields.' : null
      );
    },
  });
  const addDiagnosis = useAddDiagnosis();

  if (!hasAnyRole(info.user.roles, PATIENT_WRITERS)) {
    return (
      <Alert color="yellow" title="Not allowed" maw={600}>
        Your roles cannot register patients. Ask a coordinator, physician or data manager.
      </Alert>
    );
  }

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      // A weight or height outside the usual range (an infant, a very tall adult) needs a recorded reason.
      const patient = await register.submit(toPatient(values));
      if (!patient) return; // cancelled in the dialog, or refused (said below)
      try {
        await addDiagnosis.run({ patientId: patient.id, body: toDiagnosis(values) });
        notifications.show({
          color: 'teal',
          title: 'Patient registered',
          message: `${displayName(patient)} (MRN ${patient.mrn}) with the first diagnosis.`,
        });
        await navigate(`/patients/${patient.id}`);
      } catch (e) {
        // The patient exists; send the user to the record with a clear next step.
        await navigate(`/patients/${patient.id}`, {
          state: {
            notice: `The patient was registered, but the diagnosis was not saved (${errorMessage(e)}). Add the diagnosis below.`,
          },
        });
      }
    },
    (_errors, _values, event) => {
      setFormError('Some fields need attention; see the messages next to them.');
      // Take keyboard and screen-reader users to the first field to fix.
      const formEl = event?.currentTarget;
      if (formEl instanceof HTMLFormElement) {
        requestAnimationFrame(() => formEl.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      }
    }
  );

  const notSaved = formError ?? (register.error ? `The patient was not registered: ${register.error}` : null);
  return (
    <Stack maw={880} gap="md">
      <div>
        <Anchor component={Link} to="/patients" fz="sm">
          ← Patients
        </Anchor>
        <Title order={1}>New patient</Title>
        <Text c="dimmed">
          Register the patient and the diagnosis that brings them to the program. Fields marked * are required.
        </Text>
      </div>
      <form onSubmit={submit} noValidate aria-label="New patient">
        <Stack gap="lg">
          {notSaved && (
            <Alert color="red" title="Not saved" role="alert">
              {notSaved}
            </Alert>
          )}
          <Paper withBorder p="lg">
            <Fieldset legend="Patient" variant="unstyled" styles={legendStyles}>
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput
                    label="MRN"
                    description="Medical record number"
                    required
                    autoComplete="off"
                    {...form.getInputProps('mrn')}
                  />
                  <TextInput label="Family name" required autoComplete="off" {...form.getInputProps('familyName')} />
                  <TextInput label="Given name" required autoComplete="off" {...form.getInputProps('givenName')} />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <DateField label="Date of birth" required max={today} {...form.getInputProps('dateOfBirth')} />
                  <NativeSelect
                    label="Sex"
                    required
                    data={[{ value: '', label: 'Choose…' }, ...SEX_OPTIONS]}
                    {...form.getInputProps('sex')}
                  />
                  <NativeSelect label="ABO / Rh" data={ABO_OPTIONS} {...form.getInputProps('aboRh')} />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <NumericField
                    label="Weight (kg)"
                    unit="kg"
                    {...form.getInputProps('weightKg')}
                    value={form.values.weightKg}
                  />
                  <NumericField
                    label="Height (cm)"
                    unit="cm"
                    {...form.getInputProps('heightCm')}
                    value={form.values.heightCm}
                  />
                  <NativeSelect label="CMV IgG serostatus" data={CMV_OPTIONS} {...form.getInputProps('cmv')} />
                </SimpleGrid>
              </Stack>
            </Fieldset>
          </Paper>
          <Paper withBorder p="lg">
            <Fieldset legend="First diagnosis (the indication)" variant="unstyled" styles={legendStyles}>
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NativeSelect
                    label="Disease"
                    required
                    data={[{ value: '', label: 'Choose…' }, ...DISEASE_OPTIONS]}
                    {...form.getInputProps('diagnosis.disease')}
                  />
                  <TextInput
                    label="Subtype / risk"
                    description="Optional, e.g. FLT3-ITD, adverse risk"
                    {...form.getInputProps('diagnosis.subtype')}
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <DateField
                    label="Diagnosis date"
                    required
                    max={today}
                    {...form.getInputProps('diagnosis.diagnosisDate')}
                  />
                  <NativeSelect
                    label="Disease status"
                    required
                    data={[{ value: '', label: 'Choose…' }, ...STATUS_OPTIONS]}
                    {...form.getInputProps('diagnosis.status')}
                  />
                </SimpleGrid>
              </Stack>
            </Fieldset>
          </Paper>
          <Group>
            <SubmitButton loading={register.submitting || addDiagnosis.submitting}>Register patient</SubmitButton>
            <Button variant="default" component={Link} to="/patients">
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
      {dialog}
    </Stack>
  );
}
