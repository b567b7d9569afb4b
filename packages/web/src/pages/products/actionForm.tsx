// One lab action form on a product page: its values, the shared schema's check before sending, the request
// through the data layer (with confirmations of implausible counts) and the card it is drawn in. The server's
// refusal (409 with what and why) is shown under the button; per-field errors at the field.
import type { ProductDetail } from '@engraft/domain';
import { Group, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { ZodType } from 'zod';
import { fieldErrors } from '../../components/products/productApi';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { SubmitButton } from '../../components/SubmitButton';
import { type ProductAction, useProductAction } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

export type Values = Record<string, string | number>;

/** The notification after a lab action: what was recorded, on which product. */
export function notifyDone(title: string, d: ProductDetail, color = 'teal'): void {
  notifications.show({ color, title, message: `${d.product.description} ${d.eyeReadable.din}` });
}

export function useActionForm(
  productId: string,
  action: ProductAction,
  schema: ZodType,
  toBody: (v: Values) => object,
  success: string
) {
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { withConfirmations, dialog } = useConfirmations();
  const save = useProductAction(productId, action, withConfirmations, {
    onFieldErrors: setErrors,
    onSaved: (d) => {
      if (!d) return; // the confirmation of an unusual value was cancelled: nothing was recorded
      notifyDone(success, d);
      setValues({});
    },
  });
  const set = (k: string) => (v: string | number) => setValues((old) => ({ ...old, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = toBody(values);
    const fe = fieldErrors(schema, body);
    setErrors(fe ?? {});
    save.reset();
    if (fe) return;
    await save.submit(body);
  };
  return { values, errors, error: save.error, busy: save.submitting, set, submit, dialog };
}

export type ActionForm = ReturnType<typeof useActionForm>;

export function ActionCard({
  title,
  label,
  children,
  a,
  color,
}: {
  title: string;
  label: string;
  children?: ReactNode;
  a: ActionForm;
  color?: string;
}) {
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      onSubmit={(e: FormEvent) => void a.submit(e)}
      noValidate
      aria-label={title}
    >
      <Stack gap="xs">
        <Title order={4} fz="h5">
          {title}
        </Title>
        {children}
        <Group>
          <SubmitButton loading={a.busy} variant="light" color={color ?? 'teal'}>
            {label}
          </SubmitButton>
        </Group>
        <ErrorAlert error={a.error} mt={0} />
      </Stack>
      {a.dialog}
    </Paper>
  );
}
