// The second person signs on this device: username + password, re-authenticated by the server (ADR 0540).
import type { BedsideCheck } from '@engraft/domain';
import { Button, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api';
import { useConfirmCheck, useReloadBedside } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

export function ConfirmModal({
  check,
  opened,
  onClose,
}: {
  check: BedsideCheck;
  opened: boolean;
  onClose: () => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const confirm = useConfirmCheck(check);
  const reload = useReloadBedside(check.episodeId);
  async function submit() {
    try {
      await confirm.run({ username, password });
      setPassword('');
      onClose();
    } catch (e) {
      // the check changed meanwhile (confirmed by someone else, or infused): show it as it is now
      if (e instanceof ApiError && e.status === 409) void reload();
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Second person: sign to confirm" size="lg" centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text>
            Check the wristband, the bag and the order yourself, then sign with <strong>your own</strong> account.{' '}
            {check.performedBy} scanned; the second person must be someone else.
          </Text>
          <TextInput
            size="lg"
            label="Your username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
          />
          <PasswordInput
            size="lg"
            label="Your password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="off"
          />
          <ErrorAlert error={confirm.error} mt={0} />
          <Button type="submit" size="lg" color="green" loading={confirm.submitting} disabled={!username || !password}>
            Confirm the match
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
