// A donor's work-up as a stepper (the date and who recorded each step) with the "next status" and cancel buttons.
import { DONOR_STATUSES, DONOR_WORKUP_ORDER, type Donor, nextDonorStatus } from '@engraft/domain';
import { Alert, Button, Group, Stack, Stepper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatDate } from '../../format';
import { useMoveDonor } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField } from '../../components/DateField';

export function WorkupStepper({ d, canWrite, today }: { d: Donor; canWrite: boolean; today: string }) {
  const [on, setOn] = useState(today);
  const save = useMoveDonor(d.id, d.episodeId);
  // Reached steps are checked; the next one is the current step.
  const active = d.status === 'cancelled' ? -1 : (DONOR_WORKUP_ORDER as readonly string[]).indexOf(d.status) + 1;
  const dateOf = (s: string) => [...d.history].reverse().find((h) => h.status === s);
  const next = nextDonorStatus(d.status);
  const move = async (status: string) => {
    const moved = await save.submit({ status, on });
    if (!moved) return;
    notifications.show({
      color: 'teal',
      title: 'Work-up updated',
      message: `${d.displayName}: ${DONOR_STATUSES[status as keyof typeof DONOR_STATUSES]}`,
    });
  };
  return (
    <Stack gap="xs">
      <Stepper active={active} size="xs" aria-label={`Work-up of ${d.displayName}: ${DONOR_STATUSES[d.status]}`}>
        {DONOR_WORKUP_ORDER.map((s) => {
          const h = dateOf(s);
          return (
            <Stepper.Step
              key={s}
              label={DONOR_STATUSES[s]}
              description={h ? `${formatDate(h.on)}${h.recordedBy ? ` · ${h.recordedBy}` : ''}` : ''}
            />
          );
        })}
      </Stepper>
      {d.status === 'cancelled' && (
        <Alert color="gray">
          Cancelled on {formatDate(d.statusOn)}
          {dateOf('cancelled')?.note ? `: ${dateOf('cancelled')?.note}` : ''}
        </Alert>
      )}
      {canWrite && next && (
        <Group align="flex-end" gap="sm">
          <DateField label="Date of the step" value={on} onChange={(e) => setOn(e.currentTarget.value)} w={170} />
          <Button loading={save.submitting} onClick={() => void move(next)}>
            Next: {DONOR_STATUSES[next]}
          </Button>
          <Button variant="subtle" color="red" disabled={save.submitting} onClick={() => void move('cancelled')}>
            Cancel donor
          </Button>
        </Group>
      )}
      <ErrorAlert error={save.error} mt={0} />
    </Stack>
  );
}
