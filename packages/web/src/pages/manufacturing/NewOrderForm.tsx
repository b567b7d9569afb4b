// Placing a manufacturing order: a commercial CAR-T product (label indications from @engraft/clinical) or an
// in-house / trial product with its cells; the Chain of Identity is assigned by the server unless the
// manufacturer or sponsor gave one.
import {
  COMMERCIAL_PRODUCT_KEYS,
  manufacturingProductLabel,
  type CollectionRef,
  type ManufacturingOrderView,
} from '@engraft/domain';
import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { formatDate } from '../../format';
import { usePlaceOrder } from './api';
import { localToIso } from './types';
import { DateTimeField } from '../../components/DateTimeField';

const IN_HOUSE = 'in-house';

/** Usual manufacturer of each commercial product (a default the user may change). */
const MANUFACTURERS: [string, string][] = [
  ['tisagenlecleucel', 'Novartis'],
  ['axicabtagene-ciloleucel', 'Kite (Gilead)'],
  ['brexucabtagene-autoleucel', 'Kite (Gilead)'],
  ['lisocabtagene-maraleucel', 'Bristol Myers Squibb'],
  ['idecabtagene-vicleucel', 'Bristol Myers Squibb'],
  ['ciltacabtagene-autoleucel', 'Janssen'],
];

const PRODUCT_OPTIONS = [
  {
    group: 'Commercial CAR-T (label indication)',
    items: COMMERCIAL_PRODUCT_KEYS.map((k) => ({ value: k, label: manufacturingProductLabel(k) })),
  },
  { group: 'Other', items: [{ value: IN_HOUSE, label: 'In-house / trial product…' }] },
];

export function NewOrderForm({
  episodeId,
  cellTherapy,
  collections,
  onPlaced,
}: {
  episodeId: string;
  /** Other cell therapy: the episode fixes the cells, so only in-house products apply. */
  cellTherapy: { cellType: string | null; cellOrigin: string | null } | null;
  collections: CollectionRef[];
  onPlaced: (o: ManufacturingOrderView) => void;
}) {
  const [product, setProduct] = useState<string | null>(cellTherapy ? IN_HOUSE : null);
  const [inHouseName, setInHouseName] = useState('');
  const [cellType, setCellType] = useState(cellTherapy?.cellType ?? 'T');
  const [cellOrigin, setCellOrigin] = useState(cellTherapy?.cellOrigin ?? 'autologous');
  const [manufacturer, setManufacturer] = useState('');
  const [slotOn, setSlotOn] = useState('');
  const [collectionId, setCollectionId] = useState<string | null>(null);
  const [targetDose, setTargetDose] = useState('');
  const [coi, setCoi] = useState('');
  const [orderedAt, setOrderedAt] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const place = usePlaceOrder(episodeId, setErrors);
  // Invalid fields are shown at the field; a refusal (409) as one message above the form.
  const error = Object.keys(errors).length ? null : place.error;

  const choose = (v: string | null) => {
    setProduct(v);
    const m = MANUFACTURERS.find(([k]) => v?.startsWith(k));
    if (m) setManufacturer(m[1]);
  };

  const submit = async () => {
    setErrors({});
    const placed = await place.submit({
      productName: product === IN_HOUSE ? inHouseName : (product ?? ''),
      ...(product === IN_HOUSE ? { cellType, cellOrigin } : {}),
      ...(manufacturer.trim() ? { manufacturer } : {}),
      ...(slotOn ? { slotOn } : {}),
      ...(collectionId ? { collectionId } : {}),
      ...(targetDose.trim() ? { targetDose } : {}),
      ...(coi.trim() ? { coi } : {}),
      ...(orderedAt ? { orderedAt: localToIso(orderedAt) } : {}),
    });
    if (placed) onPlaced(placed);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-order-heading">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="new-order-heading">
          New manufacturing order
        </Title>
        {error && (
          <Alert color="red" title="The order was not placed">
            {error}
          </Alert>
        )}
        <Group align="flex-start" grow>
          <Select
            label="Product"
            placeholder="Choose the product"
            data={cellTherapy ? PRODUCT_OPTIONS.slice(1) : PRODUCT_OPTIONS}
            value={product}
            onChange={choose}
            error={errors.productName}
            required
            searchable
          />
          <TextInput
            label="Manufacturer"
            value={manufacturer}
            onChange={(e) => setManufacturer(e.currentTarget.value)}
            error={errors.manufacturer}
            required={product === IN_HOUSE}
          />
        </Group>
        {product === IN_HOUSE && (
          <Group align="flex-end">
            <TextInput
              label="In-house / trial product name"
              value={inHouseName}
              onChange={(e) => setInHouseName(e.currentTarget.value)}
              required
              w={320}
            />
            <Stack gap={4}>
              <Text fz="sm" fw={500}>
                Cells
              </Text>
              <SegmentedControl
                data={['T', 'B', 'NK']}
                value={cellType}
                onChange={setCellType}
                disabled={!!cellTherapy?.cellType}
                aria-label="Cell type"
              />
            </Stack>
            <Stack gap={4}>
              <Text fz="sm" fw={500}>
                Origin
              </Text>
              <SegmentedControl
                data={[
                  { value: 'autologous', label: 'Autologous' },
                  { value: 'allogeneic', label: 'Allogeneic' },
                ]}
                value={cellOrigin}
                onChange={setCellOrigin}
                disabled={!!cellTherapy?.cellOrigin}
                aria-label="Cell origin"
              />
            </Stack>
          </Group>
        )}
        <Group align="flex-start" grow>
          <DateField
            label="Collection slot"
            value={slotOn}
            onChange={(e) => setSlotOn(e.currentTarget.value)}
            error={errors.slotOn}
          />
          <Select
            label="Leukapheresis collection"
            placeholder={collections.length ? 'Link the collection' : 'none recorded yet'}
            data={collections.map((c) => ({
              value: c.id,
              label: `Leukapheresis ${c.firstDay ? formatDate(c.firstDay) : c.plannedOn ? `planned ${formatDate(c.plannedOn)}` : ''}${c.coi ? ` · CoI ${c.coi}` : ''}`,
            }))}
            value={collectionId}
            onChange={setCollectionId}
            disabled={collections.length === 0}
            error={errors.collectionId}
            clearable
          />
          <DateTimeField
            label="Ordered at"
            description="empty: now"
            value={orderedAt}
            onChange={setOrderedAt}
            error={errors.orderedAt}
          />
          <TextInput
            label="Target dose"
            placeholder="e.g. 2 ×10⁶ CAR+ T cells/kg"
            value={targetDose}
            onChange={(e) => setTargetDose(e.currentTarget.value)}
          />
        </Group>
        <TextInput
          label="Chain of Identity from the manufacturer or sponsor"
          description="Leave empty and Engraft assigns one (ISBT 128: CH + centre FIN + year + 6 characters)."
          placeholder="CHA999926AB12C4"
          value={coi}
          onChange={(e) => setCoi(e.currentTarget.value)}
          error={errors.coi}
          styles={{ input: { fontFamily: 'monospace' } }}
          maw={480}
        />
        <Group>
          <Button
            onClick={() => void submit()}
            loading={place.submitting}
            disabled={!product || (product === IN_HOUSE && !inHouseName.trim())}
          >
            Place order
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
