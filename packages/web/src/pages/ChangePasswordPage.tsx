// Shown instead of the app while the signed-in user must choose a new password (after an administrator's reset):
// the server refuses every other route until it is done (403 `password-change-required`).
import { PasswordChangeSchema } from '@engraft/domain';
import { Button, PasswordInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api';
import { useSession } from '../session';
import { zodResolver } from '../zodResolver';
import { ErrorAlert } from '../components/ErrorAlert';
import { AuthCard } from '../components/shell/AuthCard';

export function ChangePasswordPage() {
  useDocumentTitle('Choose a new password · Engraft');
  const { changePassword, signOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: (v) => ({
      ...zodResolver(PasswordChangeSchema)(v),
      ...(v.repeat !== v.newPassword ? { repeat: 'the two new passwords differ' } : {}),
    }),
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
    } catch (e) {
      if (e instanceof ApiError) form.setErrors(e.fieldErrors());
      setError(errorMessage(e));
    }
  });
  return (
    <AuthCard
      titleId="change-title"
      title="Choose a new password"
      intro="An administrator reset your password. Choose your own before you continue: at least 12 characters, not a common password, not your username."
      maxWidth={440}
      onSubmit={submit}
    >
      <ErrorAlert error={error} mt={0} />
      <PasswordInput
        label="Temporary password"
        autoComplete="current-password"
        required
        {...form.getInputProps('currentPassword')}
      />
      <PasswordInput label="New password" autoComplete="new-password" required {...form.getInputProps('newPassword')} />
      <PasswordInput
        label="Repeat the new password"
        autoComplete="new-password"
        required
        {...form.getInputProps('repeat')}
      />
      <Button type="submit" fullWidth>
        Set new password
      </Button>
      <Button variant="subtle" onClick={() => void signOut()}>
        Sign out
      </Button>
    </AuthCard>
  );
}
