// An action that cannot simply be undone (close an episode, discard a product, delete a correction) asks for a
// reason first (issue 13). The reason goes with the request and into the audit event.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../api';

export interface ReasonModalProps {
  opened: boolean;
  title: string;
  /** What will happen, in words ("The episode will be closed; only an administrator can reopen it."). */
  children?: ReactNode;
  confirmLabel: string;
  color?: string;
  onClose: () => void;
  /** Sends the request; a thrown error is shown in the dialog. */
  onConfirm: (reason: string) => Promise<void>;
}

export function ReasonModal({
  opened,
  title,
  children,
  confirmLabel,
  color = 'red',
  onClose,
  onConfirm,
}: ReasonModalProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (reason.trim().length < 3) {
      setError('Give a reason (at least 3 characters).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      setReason('');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack gap="sm">
        {typeof children === 'string' ? <Text fz="sm">{children}</Text> : children}
        <Textarea
          label="Reason"
          description="Required; kept in the audit trail."
          withAsterisk
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={color} loading={busy} onClick={() => void submit()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
