// The forms the patient page opens in a drawer: the refusal (if any) on top, the fields, then Cancel and the
// form's submit button at the foot (FormActions, also used alone by forms that place their refusal elsewhere).
import { Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { SubmitButton } from './SubmitButton';

interface Actions {
  onCancel: () => void;
  submitting: boolean;
  submitLabel: string;
  disabled?: boolean;
}

/** Cancel, then the submit button; with `onSubmit` (a dialog outside a form) a plain button calling it. */
export function FormActions({
  onCancel,
  submitting,
  submitLabel,
  disabled,
  onSubmit,
}: Actions & { onSubmit?: () => void }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      {onSubmit ? (
        <Button onClick={onSubmit} loading={submitting} disabled={disabled}>
          {submitLabel}
        </Button>
      ) : (
        <SubmitButton loading={submitting} disabled={disabled}>
          {submitLabel}
        </SubmitButton>
      )}
    </Group>
  );
}

export function DrawerForm({
  label,
  onSubmit,
  error,
  children,
  ...actions
}: Actions & {
  /** The form's accessible name. */
  label: string;
  onSubmit: (e?: FormEvent<HTMLFormElement>) => void;
  /** The refusal, in the server's words. */
  error: string | null;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="sm">
        <ErrorAlert error={error} mt={0} />
        {children}
        <FormActions {...actions} />
      </Stack>
    </form>
  );
}
