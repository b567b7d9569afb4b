// The fields the lab's action forms share: counts (NumericField, sent exactly as typed), a storage location,
// a select and a text input bound to an action form, and how their values become a request body.
import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { NumericField } from '../../components/NumericField';
import type { ActionForm, Values } from './actionForm';

/** A number field's value as the body sends it: the number, or the text typed when it is not one (the schema refuses it, naming the field); undefined when empty. */
export const num = (v: string | number | undefined): number | string | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? v : undefined;
export const str = (v: string | number | undefined): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;

export function Counts({ a, prefix }: { a: ActionForm; prefix: string }) {
  const field = (k: string, label: string, placeholder: string, unit: string) => (
    <NumericField
      key={k}
      label={label}
      placeholder={placeholder}
      unit={unit}
      showParsed={unit === 'cells'}
      value={a.values[k] ?? ''}
      onChange={a.set(k)}
      error={a.errors[`${prefix}.${k}`]}
    />
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
      {field('volumeMl', 'Volume (mL)', 'e.g. 100', 'mL')}
      {field('tncCells', 'TNC (cells)', 'e.g. 4e10', 'cells')}
      {field('cd34Cells', 'CD34+ (cells)', 'e.g. 3.5e8', 'cells')}
      {field('cd3Cells', 'CD3+ (cells)', 'e.g. 2e9', 'cells')}
      {field('viabilityPct', 'Viability (%)', 'e.g. 95', '%')}
    </SimpleGrid>
  );
}

export const countsOf = (v: Values) => {
  const c: Record<string, number | string> = {};
  for (const k of ['volumeMl', 'tncCells', 'cd34Cells', 'cd3Cells', 'viabilityPct']) {
    const n = num(v[k]);
    if (n !== undefined) c[k] = n;
  }
  return c;
};

export function Location({ a, prefix }: { a: ActionForm; prefix: string }) {
  const field = (k: string, label: string, placeholder: string) => (
    <TextInput
      key={k}
      label={label}
      placeholder={placeholder}
      value={String(a.values[k] ?? '')}
      onChange={(e) => a.set(k)(e.currentTarget.value)}
      error={a.errors[`${prefix}.${k}`]}
    />
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      {field('freezer', 'Freezer / tank', 'e.g. LN2 tank 1')}
      {field('rack', 'Rack', 'e.g. 3')}
      {field('box', 'Box', 'e.g. B')}
      {field('position', 'Position', 'e.g. 12')}
    </SimpleGrid>
  );
}

export const locationOf = (v: Values) => {
  const freezer = str(v.freezer);
  if (!freezer && !str(v.rack) && !str(v.box) && !str(v.position)) return undefined;
  return {
    freezer: freezer ?? '',
    ...(str(v.rack) ? { rack: str(v.rack) } : {}),
    ...(str(v.box) ? { box: str(v.box) } : {}),
    ...(str(v.position) ? { position: str(v.position) } : {}),
  };
};

export const select = (a: ActionForm, k: string, label: string, data: { value: string; label: string }[]) => (
  <NativeSelect
    label={label}
    data={[{ value: '', label: 'Choose…' }, ...data]}
    value={String(a.values[k] ?? '')}
    onChange={(e) => a.set(k)(e.currentTarget.value)}
    error={a.errors[k]}
  />
);

export const text = (a: ActionForm, k: string, label: string, placeholder?: string) => (
  <TextInput
    label={label}
    placeholder={placeholder}
    value={String(a.values[k] ?? '')}
    onChange={(e) => a.set(k)(e.currentTarget.value)}
    error={a.errors[k]}
  />
);
