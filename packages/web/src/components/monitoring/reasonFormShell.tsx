// The frame of every "change what was recorded, and say why" form of monitoring (correct a result, correct a
// transfusion, delete an entry): the fields, the reason (required, kept in the audit trail), the server's
// refusal and the submit button. Each form passes only what differs.
import { Button, Group, Stack, Textarea } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { ErrorAlert } from '../ErrorAlert';

export function ReasonFormShell({
  label,
  onSubmit,
  reasonLabel,
  reasonDescription,
  reasonProps,
  error,
  submitting,
  submitLabel,
  submitColor,
  children,
  dialog,
}: {
  /** The form's accessible name. */
  label: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  reasonLabel: string;
  reasonDescription: string;
  /** The reason field's value/onChange/error, from the form library. */
  reasonProps: object;
  error: string | null;
  submitting: boolean;
  submitLabel: string;
  submitColor?: string;
  children: ReactNode;
  /** A dialog the form opens (the confirmation of an unusual value), rendered inside the form. */
  dialog?: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="sm">
        {children}
        <Textarea
          label={reasonLabel}
          description={reasonDescription}
          withAsterisk
          autosize
          minRows={2}
          {...reasonProps}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button type="submit" color={submitColor} loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </form>
  );
}
