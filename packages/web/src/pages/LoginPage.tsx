import { LoginSchema } from '@engraft/domain';
import { Alert, Button, PasswordInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { AuthCard } from '../components/shell/AuthCard';
import { useSession } from '../session';
import { zodResolver } from '../zodResolver';

function wantedPage(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/patients';
}

export function LoginPage() {
  const { state, signIn } = useSession();
  const location = useLocation();
  const [error, setError] = useState<{ title: string; text: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', password: '' },
    validate: zodResolver(LoginSchema),
  });
  const target = wantedPage(location.state);
  useDocumentTitle('Sign in · Engraft');

  if (state.status === 'signed-in') return <Navigate to={target} replace />;
  const notice = state.status === 'signed-out' ? state.notice : null;

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
      // the signed-in state re-renders this page into a redirect to the wanted page
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        // The server gives one answer for a wrong password, an unknown username and a locked account (issue 14).
        setError({
          title: 'Sign-in failed',
          text: 'Wrong username or password, or the account is locked after repeated failures: try again later or ask an administrator.',
        });
      } else if (e instanceof ApiError && e.status === 423) setError({ title: 'Account locked', text: e.message });
      else if (e instanceof ApiError && e.status === 429) {
        setError({ title: 'Too many attempts', text: 'Too many sign-in attempts. Wait a minute and try again.' });
      } else setError({ title: 'Sign-in failed', text: errorMessage(e) });
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <AuthCard
      titleId="login-title"
      title="Sign in to Engraft"
      intro="Transplant and cellular therapy program"
      maxWidth={420}
      onSubmit={submit}
    >
      {notice && (
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />} role="status">
          {notice}
        </Alert>
      )}
      {error && (
        <Alert color="red" icon={<IconLock aria-hidden />} title={error.title} role="alert">
          {error.text}
        </Alert>
      )}
      <TextInput label="Username" autoComplete="username" autoFocus required {...form.getInputProps('username')} />
      <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
      <Button type="submit" loading={submitting} fullWidth>
        Sign in
      </Button>
    </AuthCard>
  );
}
