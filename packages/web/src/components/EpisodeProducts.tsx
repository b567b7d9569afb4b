// The cell products of an episode (issue 7), each linked to its product page, and the lab's form to register a
// product directly on the episode (a cord unit received from a bank, a marrow harvest, a DLI).
import { z } from 'zod';
import {
  PRODUCT_KINDS,
  PRODUCT_PROCESSORS,
  type Product,
  ProductLabRegisterSchema,
  type Role,
  ProductDetailSchema,
  ProductSchema,
} from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, apiGet, apiSend, errorMessage } from '../api';
import { hasAnyRole } from '../session';
import { NumericField } from './NumericField';
import { useConfirmations } from './safety/useConfirmations';
import { cells, eyeReadableDin, fieldErrors, STATUS_COLORS, statusLabel, storageLabel } from './products/productApi';
import { SubmitButton } from './SubmitButton';

export function EpisodeProducts({ episodeId, roles }: { episodeId: string; roles: readonly Role[] }) {
  const [products, setProducts] = useState<Product[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const load = useCallback(() => {
    apiGet(`/episodes/${episodeId}/products`, z.array(ProductSchema))
      .then(setProducts)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [episodeId]);
  useEffect(load, [load]);
  const headingId = `episode-${episodeId}-products`;

  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="h4" id={headingId}>
          Cell products
        </Title>
        {hasAnyRole(roles, PRODUCT_PROCESSORS) && (
          <Button size="xs" variant="light" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? 'Close' : 'Register a product'}
          </Button>
        )}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {products && products.length === 0 && (
        <Text c="dimmed" fz="sm">
          No product recorded for this episode.
        </Text>
      )}
      {products && products.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">DIN</Table.Th>
                <Table.Th scope="col">Product</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">CD34+</Table.Th>
                <Table.Th scope="col">Location</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td ff="monospace">
                    <Anchor component={Link} to={`/products/${p.id}`}>
                      {eyeReadableDin(p.din)} {p.dinCheckCharacter}
                    </Anchor>
                    {p.division !== '00' ? ` ${p.division}` : ''}
                  </Table.Td>
                  <Table.Td>{p.description}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[p.status]} variant="light">
                      {statusLabel(p.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{cells(p.cd34Cells)}</Table.Td>
                  <Table.Td>{storageLabel(p.storage)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && <RegisterProductForm episodeId={episodeId} />}
    </section>
  );
}

type V = Record<string, string | number | boolean>;

function RegisterProductForm({ episodeId }: { episodeId: string }) {
  const navigate = useNavigate();
  const [v, setV] = useState<V>({ kind: 'hpc-cord', productCode: '', division: '00', din: '', cryopreserved: true });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { withConfirmations, dialog } = useConfirmations();
  const set = (k: string) => (x: string | number | boolean) => setV((o) => ({ ...o, [k]: x }));
  // A number, or the text typed when it is not one: sent as it is so the schema refuses it naming the field.
  const n = (k: string) => {
    const x = v[k];
    return typeof x === 'number' ? x : typeof x === 'string' && x.trim() ? x : undefined;
  };
  const s = (k: string) => {
    const x = v[k];
    return typeof x === 'string' && x.trim() ? x.trim() : undefined;
  };
  const body = () => {
    const freezer = s('freezer');
    return Object.fromEntries(
      Object.entries({
        din: String(v.din ?? ''),
        productCode: String(v.productCode ?? '').toUpperCase(),
        division: s('division') ?? '00',
        kind: v.kind,
        collectionType: s('collectionType'),
        collectedOn: s('collectedOn'),
        volumeMl: n('volumeMl'),
        tncCells: n('tncCells'),
        cd34Cells: n('cd34Cells'),
        cd3Cells: n('cd3Cells'),
        viabilityPct: n('viabilityPct'),
        aboRh: s('aboRh'),
        cryopreserved: v.cryopreserved === true,
        coi: s('coi'),
        storage: freezer
          ? {
              freezer,
              ...(s('rack') ? { rack: s('rack') } : {}),
              ...(s('box') ? { box: s('box') } : {}),
              ...(s('position') ? { position: s('position') } : {}),
            }
          : undefined,
      }).filter(([, x]) => x !== undefined)
    );
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const b = body();
    const fe = fieldErrors(ProductLabRegisterSchema, b);
    setErrors(fe ?? {});
    setError(null);
    if (fe) return;
    setBusy(true);
    try {
      const d = await withConfirmations((confirmations) =>
        apiSend(
          'POST',
          `/episodes/${episodeId}/products`,
          confirmations.length ? { ...b, confirmations } : b,
          ProductDetailSchema
        )
      );
      if (!d) return;
      notifications.show({
        color: 'teal',
        title: 'Product registered',
        message: `${d.product.description} ${d.eyeReadable.din} ${d.eyeReadable.checkCharacter}`,
      });
      void navigate(`/products/${d.product.id}`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const t = (k: string, label: string, props: { placeholder?: string; description?: string; w?: number } = {}) => (
    <TextInput
      label={label}
      value={String(v[k] ?? '')}
      onChange={(e) => set(k)(e.currentTarget.value)}
      error={errors[k]}
      {...props}
    />
  );
  const nm = (k: string, label: string, placeholder: string, unit: string) => (
    <NumericField
      label={label}
      placeholder={placeholder}
      unit={unit}
      showParsed={unit === 'cells'}
      value={n(k) ?? ''}
      onChange={set(k)}
      error={errors[k]}
      w={150}
    />
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Register a product">
      <Stack gap="xs" mt="sm">
        <Text fz="sm" c="dimmed">
          For a product that did not come from a collection recorded here: a cord unit from a bank, a marrow harvest, a
          DLI. The DIN and its check character are verified (ISBT 128).
        </Text>
        <Group align="flex-start" gap="sm">
          {t('din', 'DIN', {
            placeholder: 'W9999 26 000123 K, or scan',
            description: '13 characters; check character or bar-code flags optional',
            w: 260,
          })}
          {t('productCode', 'Product code', { placeholder: 'S1295', w: 120 })}
          {t('collectionType', 'Collection type', { placeholder: '1 or V', w: 120 })}
          {t('division', 'Division', { placeholder: '00', w: 90 })}
          <NativeSelect
            label="Kind"
            data={Object.entries(PRODUCT_KINDS).map(([value, label]) => ({ value, label }))}
            value={String(v.kind)}
            onChange={(e) => set('kind')(e.currentTarget.value)}
            error={errors.kind}
            w={220}
          />
        </Group>
        <Group align="flex-start" gap="sm">
          {nm('volumeMl', 'Volume (mL)', '25', 'mL')}
          {nm('tncCells', 'TNC (cells)', '1.5e9', 'cells')}
          {nm('cd34Cells', 'CD34+ (cells)', '6e6', 'cells')}
          {nm('cd3Cells', 'CD3+ (cells)', '', 'cells')}
          {nm('viabilityPct', 'Viability (%)', '95', '%')}
          {t('aboRh', 'ABO/Rh', { placeholder: 'A+', w: 90 })}
          {t('coi', 'CoI (optional)', { w: 180 })}
        </Group>
        <Group align="flex-end" gap="sm">
          <Checkbox
            label="Received cryopreserved"
            checked={v.cryopreserved === true}
            onChange={(e) => set('cryopreserved')(e.currentTarget.checked)}
            mb={8}
          />
          {t('freezer', 'Freezer / tank', { w: 160 })}
          {t('rack', 'Rack', { w: 80 })}
          {t('box', 'Box', { w: 80 })}
          {t('position', 'Position', { w: 90 })}
          <SubmitButton loading={busy}>Register product</SubmitButton>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
      {dialog}
    </form>
  );
}
