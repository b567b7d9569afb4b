// The recipient's CMV IgG serostatus on the patient record (migration 0025, ADR 0422): set after the
// pre-transplant serology, read by the related-donor ranking; each change is audited with before and after.
import type { CmvStatus } from '@engraft/domain';
import { NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useSetPatientCmv } from './api';
import { ErrorAlert } from '../ErrorAlert';
import { FormActions } from '../FormActions';

export const CMV_LABELS: Record<CmvStatus, string> = {
  positive: 'IgG positive',
  negative: 'IgG negative',
  unknown: 'not recorded',
};
export const CMV_OPTIONS = [
  { value: 'unknown', label: 'Not recorded' },
  { value: 'negative', label: 'CMV IgG negative' },
  { value: 'positive', label: 'CMV IgG positive' },
];

export function PatientCmvForm({
  patientId,
  cmv,
  onCancel,
  onSaved,
}: {
  patientId: string;
  cmv: CmvStatus;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const [value, setValue] = useState<string>(cmv);
  const save = useSetPatientCmv(patientId, onSaved);
  return (
    <Stack
      gap="sm"
      component="form"
      aria-label="CMV serostatus"
      onSubmit={(e) => {
        e.preventDefault();
        void save.submit({ cmv: value });
      }}
    >
      <NativeSelect
        label="CMV IgG serostatus"
        description="The change is kept in the audit trail; the related-donor ranking reads it."
        data={CMV_OPTIONS}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
      />
      <ErrorAlert error={save.error} mt={0} />
      <FormActions onCancel={onCancel} submitting={save.submitting} submitLabel="Save" disabled={value === cmv} />
    </Stack>
  );
}
