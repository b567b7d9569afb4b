// Discard is two-person, like release (ADR 0511): a first lab user requests it with a reason, a second,
// different lab user confirms it with their own reason, or cancels the request. Each step asks for its reason
// in a dialog, which shows the server's refusal (e.g. the same person confirming) and stays open.
import { DiscardCancelSchema, DiscardRequestSchema, DiscardSchema, type ProductDetail } from '@engraft/domain';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ZodType } from 'zod';
import { fieldErrors } from '../../components/products/productApi';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { notifyDone } from './actionForm';
import { type ProductAction, useProductAction } from './api';

type DiscardStep = 'request' | 'confirm' | 'cancel';
const DISCARD: Record<
  DiscardStep,
  { action: ProductAction; schema: ZodType; title: string; label: string; done: string }
> = {
  request: {
    action: 'discard-request',
    schema: DiscardRequestSchema,
    title: 'Request discard (first person)',
    label: 'Request discard',
    done: 'Discard requested: a second lab user must confirm it',
  },
  confirm: {
    action: 'discard',
    schema: DiscardSchema,
    title: 'Confirm discard (second person)',
    label: 'Confirm discard',
    done: 'Product discarded',
  },
  cancel: {
    action: 'discard-cancel',
    schema: DiscardCancelSchema,
    title: 'Cancel the discard request',
    label: 'Cancel discard request',
    done: 'Discard request cancelled',
  },
};

function useDiscardStep(productId: string, s: DiscardStep) {
  return useProductAction(productId, DISCARD[s].action, null, {
    onSaved: (d) => d && notifyDone(DISCARD[s].done, d, s === 'cancel' ? 'teal' : 'red'),
  });
}

export function DiscardCard({ detail }: { detail: ProductDetail }) {
  const [step, setStep] = useState<DiscardStep | null>(null);
  const id = detail.product.id;
  const steps = {
    request: useDiscardStep(id, 'request'),
    confirm: useDiscardStep(id, 'confirm'),
    cancel: useDiscardStep(id, 'cancel'),
  };
  const pending = detail.discardRequest;
  const irreplaceable = detail.autologous || detail.product.kind === 'car-t';
  const run = async (s: DiscardStep, reason: string) => {
    const body = { reason };
    const fe = fieldErrors(DISCARD[s].schema, body);
    if (fe) throw new Error(Object.values(fe).join('; '));
    await steps[s].run(body);
  };
  return (
    <Paper withBorder p="sm" component="section" aria-label="Discard">
      <Stack gap="xs">
        <Title order={4} fz="h5">
          Discard
        </Title>
        {pending ? (
          <Text fz="sm">{`Requested by ${pending.requestedBy ?? 'a lab user'}: a different lab user confirms the discard, or cancels the request.`}</Text>
        ) : (
          <Text fz="sm">
            A first lab user requests the discard with a reason; a second, different lab user confirms it. Until then
            the product is kept.
          </Text>
        )}
        <Group>
          {pending ? (
            <>
              <Button color="red" variant="light" onClick={() => setStep('confirm')}>
                Confirm discard (second person)
              </Button>
              <Button variant="default" onClick={() => setStep('cancel')}>
                Cancel discard request
              </Button>
            </>
          ) : (
            <Button color="red" variant="light" onClick={() => setStep('request')}>
              Request discard
            </Button>
          )}
        </Group>
      </Stack>
      <ReasonModal
        opened={step != null}
        title={step ? DISCARD[step].title : ''}
        confirmLabel={step ? DISCARD[step].label : ''}
        color={step === 'cancel' ? 'teal' : 'red'}
        onClose={() => setStep(null)}
        onConfirm={(reason) => run(step!, reason)}
      >
        <Stack gap="xs">
          {irreplaceable && step !== 'cancel' && (
            <Alert color="red" title="This product is irreplaceable">
              {detail.product.kind === 'car-t'
                ? 'A CAR-T product is manufactured from the patient’s own cells'
                : 'An autologous product holds the patient’s own cells'}
              : once discarded it cannot be collected again without a new mobilisation or manufacture, if at all.
            </Alert>
          )}
          <Text fz="sm">
            {step === 'request'
              ? 'The product is kept until a second, different lab user confirms the discard.'
              : step === 'confirm'
                ? 'The product will be discarded. This cannot be undone.'
                : 'The product is kept; the discard request is withdrawn.'}
          </Text>
        </Stack>
      </ReasonModal>
    </Paper>
  );
}
