// The lab's form to register a product directly on an episode (a cord unit received from a bank, a marrow
// harvest, a DLI): the DIN and its check character are verified by the server (ISBT 128), counts are sent as
// typed and an implausible one is confirmed with a reason; the registered product's page opens.
import { PRODUCT_KINDS, ProductLabRegisterSchema } from '@engraft/domain';
import { Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { NumericField } from '../NumericField';
import { useConfirmations } from '../safety/useConfirmations';
import { SubmitButton } from '../SubmitButton';
import { useRegisterProduct } from './api';
import { fieldErrors } from './productApi';
import { ErrorAlert } from '../ErrorAlert';

type V = Record<string, string | number | boolean>;

export function RegisterProductForm({ episodeId }: { episodeId: string }) {
  const navigate = useNavigate();
  const [v, setV] = useState<V>({ kind: 'hpc-cord', productCode: '', division: '00', din: '', cryopreserved: true });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { withConfirmations, dialog } = useConfirmations();
  const register = useRegisterProduct(episodeId, withConfirmations, {
    onFieldErrors: setErrors,
    onSaved: (d) => {
      if (!d) return; // the confirmation of an unusual value was cancelled: nothing was registered
      notifications.show({
        color: 'teal',
        title: 'Product registered',
        message: `${d.product.description} ${d.eyeReadable.din} ${d.eyeReadable.checkCharacter}`,
      });
      void navigate(`/products/${d.product.id}`);
    },
  });
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
    register.reset();
    if (fe) return;
    await register.submit(b);
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
          <SubmitButton loading={register.submitting}>Register product</SubmitButton>
        </Group>
        <ErrorAlert error={register.error} mt={0} />
      </Stack>
      {dialog}
    </form>
  );
}
