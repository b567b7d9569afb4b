// Adding a cord unit: its id and bank, TNC typed in ×10⁷ and CD34+ in ×10⁵ cells (sent as whole cells), ABO/Rh.
import { DonorChooseSchema } from '@engraft/domain';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ABO_OPTIONS } from '../../forms';
import { zodResolver } from '../../zodResolver';
import { useChooseDonor } from './api';
import { scaled, unlessUnknown } from './formValues';
import { CountField } from '../../components/CountField';
import { ErrorAlert } from '../../components/ErrorAlert';

interface CordValues {
  registryDonorId: string;
  cordBank: string;
  tncE7: number | string;
  cd34E5: number | string;
  aboRh: string;
}

const toBody = (v: CordValues) => ({
  kind: 'cord' as const,
  registryDonorId: v.registryDonorId.trim(),
  cordBank: unlessUnknown(v.cordBank),
  tncCells: scaled(v.tncE7, 7),
  cd34Cells: scaled(v.cd34E5, 5),
  aboRh: unlessUnknown(v.aboRh),
});

export function CordUnitForm({ episodeId }: { episodeId: string }) {
  const form = useForm<CordValues>({
    initialValues: { registryDonorId: '', cordBank: '', tncE7: '', cd34E5: '', aboRh: 'unknown' },
    validate: zodResolver<CordValues>(DonorChooseSchema, toBody),
  });
  const save = useChooseDonor(episodeId, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (v) => {
    if (!(await save.submit(toBody(v)))) return;
    notifications.show({ color: 'teal', title: 'Cord unit added', message: v.registryDonorId });
    form.reset();
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a cord unit">
      <Group align="flex-start" gap="sm">
        <TextInput label="Cord unit id" {...form.getInputProps('registryDonorId')} w={160} />
        <TextInput label="Bank" {...form.getInputProps('cordBank')} w={160} />
        <CountField form={form} name="tncE7" label="TNC (×10⁷)" unit="×10⁷ cells" showParsed w={140} />
        <CountField form={form} name="cd34E5" label="CD34+ (×10⁵)" unit="×10⁵ cells" showParsed w={140} />
        <NativeSelect label="ABO/Rh" data={ABO_OPTIONS} {...form.getInputProps('aboRh')} w={150} />
      </Group>
      <Button type="submit" mt="sm" loading={save.submitting}>
        Add cord unit
      </Button>
      <ErrorAlert error={save.error} />
    </form>
  );
}
