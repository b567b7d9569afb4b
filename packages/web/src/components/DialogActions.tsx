// The foot of a data-entry dialog: the refusal (if any), then Cancel and the dialog's one action.
import { Button, Group } from '@mantine/core';
import { ErrorAlert } from './ErrorAlert';

export function DialogActions({
  error,
  onCancel,
  onSubmit,
  submitting,
  submitLabel,
}: {
  error: string | null;
  onCancel: () => void;
  onSubmit: () => void;
  submitting: boolean;
  submitLabel: string;
}) {
  return (
    <>
      <ErrorAlert error={error} mt={0} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button onClick={onSubmit} loading={submitting}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
