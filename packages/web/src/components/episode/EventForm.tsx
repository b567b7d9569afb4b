// Recording a timeline event (note, admission, discharge, milestone) with its day relative to day 0, opened from
// the Timeline tab's "Record event" button.
import { dayRelative, formatDay } from '@engraft/clinical';
import { EpisodeEventCreateSchema } from '@engraft/domain';
import { Button, Group, NativeSelect, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { emptyToUndefined } from '../../forms';
import { zodResolver } from '../../zodResolver';
import { DateField } from '../DateField';
import { useRecordEvent } from '../patient/api';
import { EVENT_KIND_LABELS } from '../Timeline';
import { ErrorAlert } from '../ErrorAlert';

interface EventValues {
  date: string;
  kind: string;
  label: string;
}

const toBody = (v: EventValues) => ({
  date: emptyToUndefined(v.date),
  kind: emptyToUndefined(v.kind),
  label: v.label,
});

export function EventForm({
  episodeId,
  today,
  dayZero,
  onChanged,
}: {
  episodeId: string;
  today: string;
  dayZero: string;
  onChanged: () => void;
}) {
  const form = useForm<EventValues>({
    mode: 'controlled',
    initialValues: { date: today, kind: 'note', label: '' },
    validate: zodResolver<EventValues>(EpisodeEventCreateSchema, toBody),
  });
  const save = useRecordEvent(episodeId, { onFieldErrors: form.setErrors });
  let dayHint = '';
  try {
    dayHint = form.values.date ? formatDay(dayRelative(form.values.date, dayZero)) : '';
  } catch {
    dayHint = '';
  }
  const submit = form.onSubmit(async (values) => {
    if (!(await save.submit(toBody(values)))) return;
    notifications.show({ color: 'teal', title: 'Event recorded', message: values.label });
    form.setValues({ date: today, kind: values.kind, label: '' });
    form.resetTouched();
    onChanged();
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Record an event">
      <Title order={4} fz="h5" mt="md" mb={4}>
        Record an event
      </Title>
      <Group align="flex-start" gap="sm">
        <DateField label="Event date" description={dayHint || undefined} {...form.getInputProps('date')} w={190} />
        <NativeSelect
          label="Kind"
          data={['note', 'admission', 'discharge', 'milestone'].map((k) => ({
            value: k,
            label: EVENT_KIND_LABELS[k] ?? k,
          }))}
          {...form.getInputProps('kind')}
          w={150}
        />
        <TextInput
          label="What happened"
          placeholder="e.g. Admitted for conditioning"
          {...form.getInputProps('label')}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Button type="submit" mt={25} loading={save.submitting} variant="light">
          Add event
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
    </form>
  );
}
