// Recording a collection day: processed volume (L), CD34+ typed in ×10⁶ and TNC in ×10⁸ cells (sent as whole
// cells) and, for staff who register products, the bag (DIN with its ISBT 128 check character, product code,
// kind, volume). A count outside the usual range is confirmed with a reason (useConfirmations), kept in the audit.
import { dateOfDay } from '@engraft/clinical';
import {
  type Collection,
  CollectionDayCreateSchema,
  type CollectionMethod,
  PRODUCT_KINDS,
  type ProductKind,
} from '@engraft/domain';
import { Button, Group, NativeSelect, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { NumericField } from '../../components/NumericField';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { formatDate } from '../../format';
import { zodResolver } from '../../zodResolver';
import { useRecordCollectionDay } from './api';
import { options, scaled, typed } from './formValues';
import { CountField } from '../../components/CountField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField } from '../../components/DateField';

const DEFAULT_KIND: Record<CollectionMethod, ProductKind> = {
  'bm-harvest': 'hpc-marrow',
  apheresis: 'hpc-apheresis',
  'cord-receipt': 'hpc-cord',
  leukapheresis: 'mnc-apheresis',
};

interface DayValues {
  collectedOn: string;
  processedVolumeL: number | string;
  cd34E6: number | string;
  tncE8: number | string;
  product: { din: string; productCode: string; kind: string; volumeMl: number | string };
}

const toBody = (v: DayValues) => {
  const din = v.product.din.trim();
  return {
    collectedOn: v.collectedOn,
    processedVolumeL: typed(v.processedVolumeL),
    cd34Cells: scaled(v.cd34E6, 6),
    tncCells: scaled(v.tncE8, 8),
    product: din
      ? {
          din,
          productCode: v.product.productCode.trim().toUpperCase(),
          division: '00',
          kind: v.product.kind,
          volumeMl: typed(v.product.volumeMl),
        }
      : undefined,
  };
};

export function CollectionDayForm({ c, today, canRegister }: { c: Collection; today: string; canRegister: boolean }) {
  const { withConfirmations, dialog } = useConfirmations();
  const form = useForm<DayValues>({
    initialValues: {
      collectedOn: today,
      processedVolumeL: '',
      cd34E6: '',
      tncE8: '',
      product: { din: '', productCode: 'S1295', kind: DEFAULT_KIND[c.method], volumeMl: '' },
    },
    validate: zodResolver<DayValues>(CollectionDayCreateSchema, toBody),
  });
  const save = useRecordCollectionDay(c.id, c.episodeId, withConfirmations, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (v) => {
    const after = await save.submit(toBody(v));
    if (!after) return; // refused (shown below) or cancelled in the confirmation dialog
    notifications.show({
      color: 'teal',
      title: 'Collection day recorded',
      message: after.progress?.message ?? formatDate(v.collectedOn),
    });
    form.reset();
    // The next apheresis day is usually the day after.
    form.setFieldValue('collectedOn', dateOfDay(v.collectedOn, 1));
  });
  const label = c.method === 'apheresis' ? 'Record an apheresis day' : 'Record the collection';
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Title order={4} fz="h6" mb={4}>
        {label}
      </Title>
      <Group align="flex-start" gap="sm">
        <DateField label="Date" {...form.getInputProps('collectedOn')} w={160} />
        <CountField form={form} name="processedVolumeL" label="Processed volume (L)" unit="L" w={160} />
        <CountField
          form={form}
          name="cd34E6"
          sentAs="cd34Cells"
          label="CD34+ collected (×10⁶ cells)"
          unit="×10⁶ cells"
          showParsed
          w={200}
        />
        <CountField
          form={form}
          name="tncE8"
          sentAs="tncCells"
          label="TNC (×10⁸ cells)"
          unit="×10⁸ cells"
          showParsed
          w={160}
        />
      </Group>
      {canRegister && (
        <Group align="flex-start" gap="sm" mt="xs">
          <TextInput
            label="Bag DIN (with check character)"
            placeholder="W9999 26 123456 K"
            description="optional: registers the bag as a product"
            {...form.getInputProps('product.din')}
            w={260}
          />
          <TextInput label="Product code" description=" " {...form.getInputProps('product.productCode')} w={120} />
          <NativeSelect
            label="Product"
            description=" "
            data={options(PRODUCT_KINDS)}
            {...form.getInputProps('product.kind')}
            w={230}
          />
          <NumericField
            label="Bag volume (mL)"
            description=" "
            unit="mL"
            {...form.getInputProps('product.volumeMl')}
            value={form.values.product.volumeMl}
            w={140}
          />
        </Group>
      )}
      <Button type="submit" mt="sm" loading={save.submitting}>
        Record day
      </Button>
      <ErrorAlert error={save.error} />
      {dialog}
    </form>
  );
}
