// A native date-and-time input (the browser's own picker, keyboard-friendly) whose value is the local
// "YYYY-MM-DDTHH:mm" text, handed to `onChange` as it is (a Mantine form's getInputProps takes it too).
// Like DateField, the chosen date and time are spelled out underneath ("7 Dec 2026 06:59"), as typed (local
// wall-clock time), so the browser's locale order (12/07/2026, 06:59 AM) cannot be misread.
import { isCalendarDate } from '@engraft/clinical';
import { TextInput, type TextInputProps } from '@mantine/core';
import { formatDate } from '../format';

export function DateTimeField({
  value,
  onChange,
  description,
  ...props
}: Omit<TextInputProps, 'type' | 'value' | 'onChange' | 'description'> & {
  value?: unknown;
  onChange: (value: string) => void;
  description?: string;
}) {
  const v = typeof value === 'string' ? value : '';
  const date = v.slice(0, 10);
  const spelled =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && isCalendarDate(date) ? `${formatDate(date)} ${v.slice(11, 16)}` : null;
  return (
    <TextInput
      type="datetime-local"
      value={v}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={spelled ? (description ? `${spelled} · ${description}` : spelled) : description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      {...props}
    />
  );
}
