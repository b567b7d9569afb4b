// A form's or dialog's refusal in the server's words (or the form's own), announced to screen readers.
import { Alert, type AlertProps } from '@mantine/core';

export function ErrorAlert({ error, ...props }: { error: string | null } & Omit<AlertProps, 'children'>) {
  return error ? (
    <Alert color="red" role="alert" mt="xs" {...props}>
      {error}
    </Alert>
  ) : null;
}
