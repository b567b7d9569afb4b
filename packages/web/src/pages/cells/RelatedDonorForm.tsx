// Adding a related donor to an allogeneic episode: relationship, match, label, sex, birth date, ABO/Rh, CMV, weight
// and HLA typing (GL string); validated with the server's DonorChooseSchema. The donor starts at "identified".
import { DONOR_MATCHES, DONOR_RELATIONSHIPS, DonorChooseSchema } from '@engraft/domain';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ABO_OPTIONS } from '../../forms';
import { zodResolver } from '../../zodResolver';
import { useChooseDonor } from './api';
import { options, typed, unlessUnknown } from './formValues';
import { CountField } from '../../components/CountField';
import { ErrorAlert } from '../../components/ErrorAlert';

interface RelatedValues {
  relationship: string;
  match: string;
  displayName: string;
  hlaTyping: string;
  sex: string;
  birthDate: string;
  aboRh: string;
  cmv: string;
  weightKg: number | string;
}

const toBody = (v: RelatedValues) => ({
  kind: 'related' as const,
  relationship: v.relationship,
  match: v.match,
  displayName: unlessUnknown(v.displayName),
  hlaTyping: unlessUnknown(v.hlaTyping),
  sex: unlessUnknown(v.sex),
  birthDate: unlessUnknown(v.birthDate),
  aboRh: unlessUnknown(v.aboRh),
  cmv: v.cmv,
  weightKg: typed(v.weightKg),
});

export function RelatedDonorForm({ episodeId }: { episodeId: string }) {
  const form = useForm<RelatedValues>({
    initialValues: {
      relationship: 'sibling',
      match: 'hla-identical',
      displayName: '',
      hlaTyping: '',
      sex: '',
      birthDate: '',
      aboRh: 'unknown',
      cmv: 'unknown',
      weightKg: '',
    },
    validate: zodResolver<RelatedValues>(DonorChooseSchema, toBody),
  });
  const save = useChooseDonor(episodeId, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (v) => {
    if (!(await save.submit(toBody(v)))) return;
    notifications.show({ color: 'teal', title: 'Related donor added', message: 'The donor is at “identified”.' });
    form.reset();
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a related donor">
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label="Relationship"
          data={options(DONOR_RELATIONSHIPS)}
          {...form.getInputProps('relationship')}
          w={150}
        />
        <NativeSelect label="Match" data={options(DONOR_MATCHES)} {...form.getInputProps('match')} w={150} />
        <TextInput label="Name / label" placeholder="e.g. Brother" {...form.getInputProps('displayName')} w={160} />
        <NativeSelect
          label="Sex"
          data={[
            { value: '', label: '—' },
            { value: 'male', label: 'Male' },
            { value: 'female', label: 'Female' },
          ]}
          {...form.getInputProps('sex')}
          w={100}
        />
        <TextInput type="date" label="Birth date" {...form.getInputProps('birthDate')} w={160} />
        <NativeSelect label="ABO/Rh" data={ABO_OPTIONS} {...form.getInputProps('aboRh')} w={150} />
        <NativeSelect label="CMV" data={['unknown', 'positive', 'negative']} {...form.getInputProps('cmv')} w={120} />
        <CountField form={form} name="weightKg" label="Weight (kg)" unit="kg" w={110} />
        <TextInput
          label="HLA typing (GL string)"
          placeholder="HLA-A*02:01+HLA-A*24:02^…"
          {...form.getInputProps('hlaTyping')}
          w={420}
        />
      </Group>
      <Button type="submit" mt="sm" loading={save.submitting}>
        Add related donor
      </Button>
      <ErrorAlert error={save.error} />
    </form>
  );
}
