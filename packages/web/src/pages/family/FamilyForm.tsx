// The frame of the family work-up's inline forms (antibody results, crossmatch, thresholds and weights): the
// fields, the refusal in the server's words, then the form's buttons with its submit button last.
import { Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';

export function FamilyForm({
  label,
  onSubmit,
  error,
  errorTitle,
  submitLabel,
  submitting,
  disabled,
  buttons,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  onSubmit: () => void;
  error: string | null;
  errorTitle: string;
  submitLabel: string;
  submitting: boolean;
  disabled?: boolean;
  /** Buttons before the submit button. */
  buttons?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <ErrorAlert error={error} title={errorTitle} mt={0} />
      <Group>
        {buttons}
        <Button type="submit" size="xs" loading={submitting} disabled={disabled}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
