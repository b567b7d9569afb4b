// Receiving the final product: scan the CoI (must be the order's), DIN, product code and the dose. A product
// whose CoI is not the order's is refused by the server, and the refusal is shown above the form.
import type { ManufacturingOrderView } from '@engraft/domain';
import { Alert, Button, Checkbox, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { NumericField } from '../../components/NumericField';
import { useReceiveProduct } from './api';
import { localToIso } from './types';

/** A number field's value as sent: the number, or the text typed when it is not one (the server refuses it, naming the field). */
const typed = (v: string | number): number | string | undefined =>
  typeof v === 'number' ? v : v.trim() === '' ? undefined : v;

const IN_HOUSE_KINDS = [
  { value: 'car-t', label: 'CAR-T cells' },
  { value: 't-cells', label: 'T cells' },
  { value: 'nk-cells', label: 'NK cells' },
  { value: 'b-cells', label: 'B cells' },
];

export function ReceiptForm({ order }: { order: ManufacturingOrderView }) {
  const [coi, setCoi] = useState('');
  const [din, setDin] = useState('');
  const [productCode, setProductCode] = useState('');
  const [division, setDivision] = useState('00');
  const [kind, setKind] = useState(
    order.commercial ? 'car-t' : order.cellType === 'NK' ? 'nk-cells' : order.cellType === 'B' ? 'b-cells' : 't-cells'
  );
  const [cellsE6, setCellsE6] = useState<string | number>('');
  const [volume, setVolume] = useState<string | number>('');
  const [bags, setBags] = useState<string | number>(1);
  const [expiry, setExpiry] = useState('');
  const [cryopreserved, setCryopreserved] = useState(true);
  const [receivedAt, setReceivedAt] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const receive = useReceiveProduct(order, setErrors);
  // Invalid fields are shown at the field; a refusal (409) as one message above the form.
  const error = Object.keys(errors).length ? null : receive.error;

  const save = async () => {
    setErrors({});
    await receive.submit({
      coi,
      din,
      productCode: productCode.toUpperCase(),
      division,
      kind,
      carTCells: typeof cellsE6 === 'number' ? Math.round(cellsE6 * 1e6) : typed(cellsE6),
      ...(typed(volume) === undefined ? {} : { volumeMl: typed(volume) }),
      bags: typed(bags),
      ...(expiry ? { expiresAt: `${expiry}T23:59:00Z` } : {}),
      cryopreserved,
      ...(receivedAt ? { receivedAt: localToIso(receivedAt) } : {}),
    });
  };

  return (
    <Stack
      gap="xs"
      component="section"
      aria-labelledby={`receipt-${order.id}`}
      p="sm"
      bg="blue.0"
      style={{ borderRadius: 8 }}
    >
      <Title order={4} fz="sm" id={`receipt-${order.id}`}>
        Receive the product
      </Title>
      <Text fz="sm">
        Scan or type the Chain of Identity printed on the cassette or bag (not from this screen): Engraft compares it
        with the order and refuses a product with a different CoI.
      </Text>
      {error && (
        <Alert color="red" p="xs" title="Not received">
          {error}
        </Alert>
      )}
      <Group align="flex-start" gap="sm">
        <TextInput
          label="CoI on the product"
          value={coi}
          onChange={(e) => setCoi(e.currentTarget.value)}
          error={errors.coi}
          required
          styles={{ input: { fontFamily: 'monospace' } }}
          w={220}
        />
        <TextInput
          label="DIN"
          value={din}
          onChange={(e) => setDin(e.currentTarget.value)}
          error={errors.din}
          required
          styles={{ input: { fontFamily: 'monospace' } }}
          w={200}
        />
        <TextInput
          label="Product code"
          placeholder="S1295"
          value={productCode}
          onChange={(e) => setProductCode(e.currentTarget.value)}
          error={errors.productCode}
          required
          w={120}
        />
        <TextInput
          label="Division"
          value={division}
          onChange={(e) => setDivision(e.currentTarget.value)}
          error={errors.division}
          w={90}
        />
        <Select
          label="Product"
          data={order.commercial ? IN_HOUSE_KINDS.slice(0, 1) : IN_HOUSE_KINDS}
          value={kind}
          onChange={(v) => setKind(v ?? kind)}
          allowDeselect={false}
          w={150}
        />
      </Group>
      <Group align="flex-start" gap="sm">
        <NumericField
          label="CAR+ viable T cells (×10⁶)"
          unit="×10⁶ cells"
          showParsed
          value={cellsE6}
          onChange={setCellsE6}
          error={errors.carTCells}
          required
          w={200}
        />
        <NumericField
          label="Volume (mL)"
          unit="mL"
          value={volume}
          onChange={setVolume}
          error={errors.volumeMl}
          w={120}
        />
        <NumericField label="Bags" value={bags} onChange={setBags} error={errors.bags} required w={90} />
        <DateField label="Expiry" value={expiry} onChange={(e) => setExpiry(e.currentTarget.value)} w={170} />
        <TextInput
          label="Received at"
          description="empty: now"
          type="datetime-local"
          value={receivedAt}
          onChange={(e) => setReceivedAt(e.currentTarget.value)}
          error={errors.receivedAt}
          w={210}
        />
        <Checkbox
          label="Cryopreserved"
          checked={cryopreserved}
          onChange={(e) => setCryopreserved(e.currentTarget.checked)}
          mt={30}
        />
      </Group>
      <Group>
        <Button
          onClick={() => void save()}
          loading={receive.submitting}
          disabled={!coi.trim() || !din.trim() || !productCode.trim() || cellsE6 === ''}
        >
          Receive product
        </Button>
      </Group>
    </Stack>
  );
}
