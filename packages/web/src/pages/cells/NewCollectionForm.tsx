// Planning a collection: method, donor (allogeneic), mobilisation (apheresis), date, recipient weight and, for an
// autologous apheresis, tandem targets. The CD34+/kg targets are the server's (Duong et al., BBMT 2014).
import { COLLECTION_METHODS, CollectionCreateSchema, type CollectionMethod, type EpisodeDonors } from '@engraft/domain';
import { Button, Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { zodResolver } from '../../zodResolver';
import { usePlanCollection } from './api';
import { options, typed } from './formValues';
import { CountField } from '../../components/CountField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField } from '../../components/DateField';

interface NewValues {
  method: string;
  donorId: string;
  mobilisation: string;
  plannedOn: string;
  recipientWeightKg: number | string;
  tandem: boolean;
}

export function NewCollectionForm({ data }: { data: EpisodeDonors }) {
  const donors = data.donors.filter((d) => d.status !== 'cancelled');
  const toBody = (v: NewValues) => ({
    method: v.method,
    donorId: data.takesDonor ? v.donorId || undefined : undefined,
    mobilisation: v.mobilisation.trim() || undefined,
    plannedOn: v.plannedOn || undefined,
    recipientWeightKg: typed(v.recipientWeightKg),
    tandem: v.method === 'apheresis' && !data.takesDonor ? v.tandem : false,
  });
  const form = useForm<NewValues>({
    initialValues: {
      method: 'apheresis',
      donorId: donors[0]?.id ?? '',
      mobilisation: 'G-CSF',
      plannedOn: data.today,
      recipientWeightKg: data.patient.weightKg ?? '',
      tandem: false,
    },
    validate: zodResolver<NewValues>(CollectionCreateSchema, toBody),
  });
  const save = usePlanCollection(data.episode.id, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (v) => {
    if (!(await save.submit(toBody(v)))) return;
    notifications.show({
      color: 'teal',
      title: 'Collection planned',
      message: COLLECTION_METHODS[v.method as CollectionMethod],
    });
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Plan a collection">
      <Group align="flex-end" gap="sm">
        <NativeSelect label="Method" data={options(COLLECTION_METHODS)} {...form.getInputProps('method')} w={260} />
        {data.takesDonor && (
          <NativeSelect
            label="From donor"
            data={[{ value: '', label: 'Choose…' }, ...donors.map((d) => ({ value: d.id, label: d.displayName }))]}
            {...form.getInputProps('donorId')}
            w={240}
          />
        )}
        {form.values.method === 'apheresis' && (
          <TextInput
            label="Mobilisation"
            placeholder="G-CSF, G-CSF + plerixafor…"
            {...form.getInputProps('mobilisation')}
            w={200}
          />
        )}
        <DateField label="Planned on" {...form.getInputProps('plannedOn')} w={160} />
        <CountField form={form} name="recipientWeightKg" label="Recipient weight (kg)" unit="kg" w={160} />
        {form.values.method === 'apheresis' && !data.takesDonor && (
          <Checkbox
            label="Tandem (collect for two transplants)"
            {...form.getInputProps('tandem', { type: 'checkbox' })}
            mb={8}
          />
        )}
        <Button type="submit" loading={save.submitting}>
          Plan collection
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
    </form>
  );
}
