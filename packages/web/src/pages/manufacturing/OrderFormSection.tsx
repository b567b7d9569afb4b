// The frame of a form that writes an order (a hand-over, the receipt): its heading, the server's refusal above
// the fields, the fields, and the one action. Invalid fields are shown at the field (the form's errors); a
// refusal (409: a CoI mismatch, a hand-over earlier than the last one) only while no field is marked.
import { Button, Stack, type StackProps, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface OrderFormAction {
  label: string;
  onClick: () => void;
  submitting: boolean;
  disabled: boolean;
  variant?: string;
}

export function OrderFormSection({
  id,
  title,
  intro,
  refusal,
  refusalTitle,
  fieldErrors,
  action,
  children,
  ...stack
}: {
  id: string;
  title: string;
  intro?: string;
  /** The write's error, in the server's words. */
  refusal: string | null;
  refusalTitle?: string;
  /** The form's field errors: while any is shown, the refusal is not repeated above the form. */
  fieldErrors: Record<string, ReactNode>;
  action: OrderFormAction;
  children: ReactNode;
} & Omit<StackProps, 'children' | 'id' | 'title'>) {
  const error = Object.keys(fieldErrors).length ? null : refusal;
  return (
    <Stack gap="xs" component="section" aria-labelledby={id} {...stack}>
      <Title order={4} fz="sm" id={id}>
        {title}
      </Title>
      {intro && <Text fz="sm">{intro}</Text>}
      <ErrorAlert error={error} title={refusalTitle} p="xs" mt={0} />
      {children}
      <Button
        variant={action.variant}
        onClick={action.onClick}
        loading={action.submitting}
        disabled={action.disabled}
        w="fit-content"
      >
        {action.label}
      </Button>
    </Stack>
  );
}
