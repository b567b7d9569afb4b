// A native date-and-time input (the browser's own picker, keyboard-friendly) whose value is the local
// "YYYY-MM-DDTHH:mm" text, handed to `onChange` as it is (a Mantine form's getInputProps takes it too).
import { TextInput, type TextInputProps } from '@mantine/core';

export function DateTimeField({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'type' | 'value' | 'onChange'> & { value?: unknown; onChange: (value: string) => void }) {
  return (
    <TextInput
      type="datetime-local"
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.currentTarget.value)}
      {...props}
    />
  );
}
