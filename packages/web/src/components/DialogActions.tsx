// The foot of a data-entry dialog: the refusal (if any), then Cancel and the dialog's one action.
import { ErrorAlert } from './ErrorAlert';
import { FormActions } from './FormActions';

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
      <FormActions onCancel={onCancel} onSubmit={onSubmit} submitting={submitting} submitLabel={submitLabel} />
    </>
  );
}
