// Receiving the final product: scan the CoI (must be the order's), DIN, product code and the dose. A product
// whose CoI is not the order's is refused by the server, and the refusal is shown above the form.
import type { ManufacturingOrderView } from '@engraft/domain';
import { Checkbox, Group, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { DateField } from '../../components/DateField';
import { CountField } from '../../components/CountField';
import { useReceiveProduct } from './api';
import { OrderFormSection } from './OrderFormSection';
import { localToIso, typed } from './types';
import { DateTimeField } from '../../components/DateTimeField';

const MONO = { input: { fontFamily: 'monospace' } };

const IN_HOUSE_KINDS = [
  { value: 'car-t', label: 'CAR-T cells' },
  { value: 't-cells', label: 'T cells' },
  { value: 'nk-cells', label: 'NK cells' },
  { value: 'b-cells', label: 'B cells' },
];

interface ReceiptValues {
  coi: string;
  din: string;
  productCode: string;
  division: string;
  kind: string;
  cellsE6: string | number;
  volume: string | number;
  bags: string | number;
  expiry: string;
  cryopreserved: boolean;
  receivedAt: string;
}

const kindOf = (order: ManufacturingOrderView) =>
  order.commercial ? 'car-t' : order.cellType === 'NK' ? 'nk-cells' : order.cellType === 'B' ? 'b-cells' : 't-cells';

export function ReceiptForm({ order }: { order: ManufacturingOrderView }) {
  const form = useForm<ReceiptValues>({
    initialValues: {
      ...{ coi: '', din: '', productCode: '', division: '00', kind: kindOf(order) },
      ...{ cellsE6: '', volume: '', bags: 1, expiry: '', cryopreserved: true, receivedAt: '' },
    },
  });
  const receive = useReceiveProduct(order, form.setErrors);
  const v = form.values;

  const save = async () => {
    form.clearErrors();
    const volumeMl = typed(v.volume);
    await receive.submit({
      coi: v.coi,
      din: v.din,
      productCode: v.productCode.toUpperCase(),
      division: v.division,
      kind: v.kind,
      carTCells: typeof v.cellsE6 === 'number' ? Math.round(v.cellsE6 * 1e6) : typed(v.cellsE6),
      ...(volumeMl === undefined ? {} : { volumeMl }),
      bags: typed(v.bags),
      ...(v.expiry ? { expiresAt: `${v.expiry}T23:59:00Z` } : {}),
      cryopreserved: v.cryopreserved,
      ...(v.receivedAt ? { receivedAt: localToIso(v.receivedAt) } : {}),
    });
  };

  return (
    <OrderFormSection
      id={`receipt-${order.id}`}
      title="Receive the product"
      intro="Scan or type the Chain of Identity printed on the cassette or bag (not from this screen): Engraft compares it with the order and refuses a product with a different CoI."
      refusal={receive.error}
      refusalTitle="Not received"
      fieldErrors={form.errors}
      action={{
        label: 'Receive product',
        onClick: () => void save(),
        submitting: receive.submitting,
        disabled: !v.coi.trim() || !v.din.trim() || !v.productCode.trim() || v.cellsE6 === '',
      }}
      p="sm"
      bg="blue.0"
      style={{ borderRadius: 8 }}
    >
      <Group align="flex-start" gap="sm">
        <TextInput label="CoI on the product" {...form.getInputProps('coi')} required styles={MONO} w={220} />
        <TextInput label="DIN" {...form.getInputProps('din')} required styles={MONO} w={200} />
        <TextInput label="Product code" placeholder="S1295" {...form.getInputProps('productCode')} required w={120} />
        <TextInput label="Division" {...form.getInputProps('division')} w={90} />
        <Select
          label="Product"
          data={order.commercial ? IN_HOUSE_KINDS.slice(0, 1) : IN_HOUSE_KINDS}
          {...form.getInputProps('kind')}
          allowDeselect={false}
          w={150}
        />
      </Group>
      <Group align="flex-start" gap="sm">
        <CountField
          form={form}
          name="cellsE6"
          sentAs="carTCells"
          label="CAR+ viable T cells (×10⁶)"
          unit="×10⁶ cells"
          showParsed
          required
          w={200}
        />
        <CountField form={form} name="volume" sentAs="volumeMl" label="Volume (mL)" unit="mL" w={120} />
        <CountField form={form} name="bags" label="Bags" required w={90} />
        <DateField label="Expiry" {...form.getInputProps('expiry')} w={170} />
        <DateTimeField
          label="Received at"
          description="empty: now"

          {...form.getInputProps('receivedAt')}
          w={210}
        />
        <Checkbox label="Cryopreserved" {...form.getInputProps('cryopreserved', { type: 'checkbox' })} mt={30} />
      </Group>
    </OrderFormSection>
  );
}
