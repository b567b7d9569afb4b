// A physician's exceptional release of a product with a positive culture (ADR 0510).
import { type ProductDetail, ReleaseExceptionSchema } from '@engraft/domain';
import { Text } from '@mantine/core';
import { ActionCard, useActionForm } from './actionForm';
import { text } from './actionFields';

export function ExceptionalReleaseForm({ detail }: { detail: ProductDetail }) {
  const a = useActionForm(
    detail.product.id,
    'release-exception',
    ReleaseExceptionSchema,
    (v) => ({ reason: String(v.reason ?? '') }),
    'Exceptional release authorised'
  );
  return (
    <ActionCard
      title="Exceptional release (physician)"
      label="Authorise release despite positive culture"
      a={a}
      color="orange"
    >
      <Text fz="sm">
        The sterility culture is positive. Release is blocked unless a physician authorises it with the reason.
      </Text>
      {text(a, 'reason', 'Reason', 'e.g. no alternative graft; organism sensitive to the antibiotic cover')}
    </ActionCard>
  );
}
