// A number field that sends exactly what was typed or shows why it cannot (issue 13, hazard H-INPUT-1).
// Mantine's NumberInput strips characters it does not expect ("4e10" became 410) and clamps to min/max ("-5"
// became 0); this field keeps the text, parses it with @engraft/domain parseTypedNumber (4e10, 4.0×10^10,
// 4.0 x 10^10, plain digits) and shows the parsed value with its unit as the user types.
import { formatScientific, parseTypedNumber } from '@engraft/domain';
import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';

export interface NumericFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> {
  /** A number, or '' / undefined for empty. A string other than '' is text that is not a number (kept as typed). */
  value: number | string | undefined | null;
  /**
   * Receives the number typed, '' when the field is emptied, or the raw text when it is not a number. Send the
   * raw text on as it is so the schema refuses it naming the field: never turn it into "not given".
   */
  onChange: (value: number | string) => void;
  /** Shown after the parsed value ("cells", "kg"). */
  unit?: string;
  /** Show the parsed value ("= 4 × 10¹⁰ cells") under the field while typing (default: for values ≥ 10,000). */
  showParsed?: boolean;
}

const textOf = (v: number | string | undefined | null): string => (v === undefined || v === null ? '' : String(v));

export function NumericField({ value, onChange, unit, showParsed, error, description, ...rest }: NumericFieldProps) {
  const [text, setText] = useState(textOf(value));
  const [seen, setSeen] = useState(value);
  // Follow the value when the form resets or loads it, unless it already denotes what is typed (React's
  // "adjusting state when a prop changes" pattern: during render, not in an effect).
  if (value !== seen) {
    setSeen(value);
    const typed = parseTypedNumber(text);
    const same =
      typeof value === 'number'
        ? typed.kind === 'number' && typed.value === value
        : textOf(value) === text || (!value && typed.kind === 'empty');
    if (!same) setText(textOf(value));
  }
  const parsed = parseTypedNumber(text);
  const parsedNote =
    parsed.kind === 'number' && (showParsed ?? Math.abs(parsed.value) >= 1e4)
      ? `= ${formatScientific(parsed.value)}${unit ? ` ${unit}` : ''}`
      : null;
  const ownError = parsed.kind === 'error' ? parsed.message : null;
  return (
    <TextInput
      {...rest}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        const p = parseTypedNumber(t);
        onChange(p.kind === 'number' ? p.value : p.kind === 'empty' ? '' : t);
      }}
      description={parsedNote ?? description}
      error={error || ownError || undefined}
    />
  );
}
