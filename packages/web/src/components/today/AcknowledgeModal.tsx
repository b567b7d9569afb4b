// Acknowledging an alert on Today, with an optional note (who and when are recorded by the server).
import type { WorkItem } from '@engraft/domain';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, errorMessage } from '../../api';

/** Acknowledge an alert with an optional note (who and when are recorded by the server). */
export function AcknowledgeModal({
  item,
  onClose,
  onDone,
}: {
  item: WorkItem | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!item?.alertKey) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/worklist/acknowledgements', {
        alertKey: item.alertKey,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setNote('');
      onClose();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={item !== null} onClose={onClose} title="Acknowledge alert">
      <Stack gap="sm">
        <Text fz="sm">
          {item ? `${item.patient}: ${item.label}` : ''}. It stays on the list, collapsed, with your name and the time;
          a new result raises a new alert.
        </Text>
        <Textarea
          label="Note (optional)"
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
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
          <Button loading={busy} onClick={() => void submit()}>
            Acknowledge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
