// A select of the donor search criteria over a fixed list of options, typed by its values: the form receives one
// of the listed values, never a string it has to cast (the loci counted, the patient's CMV, and per locus the
// mismatch limit and the level compared).
import { NativeSelect } from '@mantine/core';

export interface Option<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
}

/** Options whose label is the value itself ("any", "0", "allele"). */
export const plain = <T extends string>(...values: T[]): Option<T>[] =>
  values.map((value) => ({ value, label: value }));

export function OptionSelect<T extends string>({
  label,
  ariaLabel,
  options,
  value,
  onChange,
  error,
  w,
}: {
  label?: string;
  /** The accessible name where the select has no visible label (a table cell). */
  ariaLabel?: string;
  options: Option<T>[];
  value: T;
  onChange: (value: T) => void;
  error?: string;
  w: number;
}) {
  return (
    <NativeSelect
      label={label}
      aria-label={ariaLabel}
      data={options}
      value={value}
      onChange={(e) => {
        const chosen = options.find((o) => o.value === e.currentTarget.value);
        if (chosen) onChange(chosen.value);
      }}
      error={error}
      w={w}
    />
  );
}
