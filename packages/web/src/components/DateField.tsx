import { isCalendarDate } from '@engraft/clinical';
import { EARLIEST_RECORDED_DATE } from '@engraft/domain';
import { TextInput, type TextInputProps } from '@mantine/core';
import { formatDate } from '../format';

/**
 * A native date input (the browser's own picker, keyboard-friendly) that spells the chosen date out
 * underneath ("9 Mar 1984"), so 03/09 versus 09/03 in the browser's locale cannot be misread. The picker starts
 * at 1900 (EARLIEST_RECORDED_DATE) unless `min` says otherwise; the schemas refuse earlier and future dates.
 */
export function DateField({
  description,
  value,
  ...props
}: Omit<TextInputProps, 'type' | 'value' | 'description'> & { value?: unknown; description?: string }) {
  const v = typeof value === 'string' ? value : '';
  const spelled = v && isCalendarDate(v) ? formatDate(v) : null;
  return (
    <TextInput
      type="date"
      value={v}
      description={spelled ? (description ? `${spelled} · ${description}` : spelled) : description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      min={EARLIEST_RECORDED_DATE}
      {...props}
    />
  );
}
