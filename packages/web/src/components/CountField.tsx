// One number field of a Mantine form (counts and weights of the donor and collection forms, temperatures and doses of
// the manufacturing forms), bound to the form by its name: the typed text
// kept as typed (NumericField), the unit on the label and after the parsed value, and the error of the field or
// of the whole-cell field the server names (a count typed in ×10⁶ is sent as cells, so a refusal of
// "cd34Cells" belongs under "CD34+ (×10⁶)"). A value outside the usual range is confirmed by the form's
// useConfirmations dialog, which the server asks for naming the same field.
import type { UseFormReturnType } from '@mantine/form';
import { NumericField, type NumericFieldProps } from './NumericField';

type CountFieldProps<V> = Omit<NumericFieldProps, 'value' | 'onChange' | 'error' | 'form' | 'name'> & {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form of these values, whatever its rules
  form: UseFormReturnType<V, any, any>;
  /** The form value's name ("cd34E6"). */
  name: NoInfer<keyof V & string>;
  /** The body field the server names for this one ("cd34Cells"), when it differs. */
  sentAs?: string;
  unit?: string;
};

export function CountField<V>({ form, name, sentAs, ...field }: CountFieldProps<V>) {
  const input = form.getInputProps(name);
  const error = form.errors[name] ?? (sentAs ? form.errors[sentAs] : undefined);
  return <NumericField {...field} {...input} value={form.values[name] as number | string} error={error} />;
}
