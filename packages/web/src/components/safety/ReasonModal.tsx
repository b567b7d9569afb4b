// The one "type a reason, then confirm" dialog of the app (issue 13; issue 18 folded the alert acknowledgement
// into it). An action that cannot simply be undone (close an episode, discard a product, undo "done") asks for a
// reason, which goes with the request and into the audit event; with `minLength={0}` the text is an optional note.
// The dialog stays open with the server's words when the request fails. A request that asks for its own
// confirmation (an implausible value, a donor with DSA: useConfirmations) renders that dialog in `confirmation`;
// when the user cancels it, `onConfirm` resolves to KEEP_OPEN and nothing more is sent.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../api';
import { ErrorAlert } from '../ErrorAlert';

/** What `onConfirm` resolves to when the user cancelled a confirmation it asked for: the dialog stays open. */
export const KEEP_OPEN = Symbol('keep the reason dialog open');

export interface ReasonModalProps {
  opened: boolean;
  title: string;
  /** What will happen, in words ("The episode will be closed; only an administrator can reopen it."). */
  children?: ReactNode;
  /** The text field's label; default "Reason". */
  label?: string;
  /** Under the label; default "Required; kept in the audit trail." (or "Kept in the audit trail." when optional). */
  description?: string;
  /** The fewest characters accepted (after trimming); 0 makes the text optional. Default 3. */
  minLength?: number;
  maxLength?: number;
  confirmLabel: string;
  color?: string;
  size?: string;
  /** The confirmation dialog the request may open (useConfirmations' `dialog`). */
  confirmation?: ReactNode;
  onClose: () => void;
  /** Sends the request with the trimmed text ('' when optional and left empty); a thrown error is shown. */
  onConfirm: (reason: string) => Promise<unknown>;
}

export function ReasonModal({
  opened,
  title,
  children,
  label = 'Reason',
  description,
  minLength = 3,
  maxLength,
  confirmLabel,
  color = 'red',
  size,
  confirmation,
  onClose,
  onConfirm,
}: ReasonModalProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const required = minLength > 0;
  const close = () => {
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (reason.trim().length < minLength) {
      setError(
        `Give ${label.toLowerCase() === 'reason' ? 'a reason' : `the ${label.toLowerCase()}`} (at least ${minLength} characters).`
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if ((await onConfirm(reason.trim())) === KEEP_OPEN) return;
      setReason('');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size={size}>
      <Stack gap="sm">
        {typeof children === 'string' ? <Text fz="sm">{children}</Text> : children}
        <Textarea
          label={label}
          description={description ?? (required ? 'Required; kept in the audit trail.' : 'Kept in the audit trail.')}
          withAsterisk={required}
          autosize
          minRows={2}
          maxLength={maxLength}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={error} mt={0} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color={color} loading={busy} onClick={() => void submit()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
      {confirmation}
    </Modal>
  );
}
