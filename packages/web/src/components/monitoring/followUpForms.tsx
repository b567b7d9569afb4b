// Follow-up entry: events that outcomes are derived from (relapse, progression, death, last contact, chronic
// GVHD needing systemic therapy, infection) and chronic GVHD evaluations (NIH 2014 organ scores 0–3, from
// which the server computes global severity). Validated with the same schemas as the server.
import {
  CgvhdAssessmentSchema,
  CLINICAL_EVENT_KINDS,
  ClinicalEventCreateSchema,
  type ClinicalEventKind,
} from '@engraft/domain';
import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useRecordCgvhd, useRecordClinicalEvent } from './api';
import { CGVHD_ORGANS } from './cgvhdOrgans';
import { zodResolver } from '../../zodResolver';
import { ErrorAlert } from '../ErrorAlert';
import { DayField, type EntryFormProps } from './formParts';

const CAUSES = [
  { value: '', label: 'Choose…' },
  { value: 'relapse-or-progression', label: 'Relapse or progression' },
  { value: 'gvhd', label: 'GVHD' },
  { value: 'infection', label: 'Infection' },
  { value: 'organ-toxicity', label: 'Organ toxicity' },
  { value: 'other', label: 'Other' },
];

interface EventValues {
  kind: ClinicalEventKind;
  occurredOn: string;
  causeOfDeath: string;
  organism: string;
  site: string;
}

const eventBody = (v: EventValues) => ({
  kind: v.kind,
  occurredOn: v.occurredOn,
  ...(v.kind === 'death' && v.causeOfDeath ? { causeOfDeath: v.causeOfDeath } : {}),
  ...(v.kind === 'infection' ? { organism: v.organism || undefined, site: v.site || undefined } : {}),
});

export function ClinicalEventForm({ episodeId, today, dayZero, onSaved }: { episodeId: string } & EntryFormProps) {
  const form = useForm<EventValues>({
    mode: 'controlled',
    initialValues: { kind: 'last-contact', occurredOn: today, causeOfDeath: '', organism: '', site: '' },
    validate: zodResolver<EventValues>(ClinicalEventCreateSchema, eventBody),
  });
  const s = useRecordClinicalEvent(episodeId, { onFieldErrors: form.setErrors });
  const kind = form.values.kind;
  const submit = form.onSubmit(async (v) => {
    if (!(await s.submit(ClinicalEventCreateSchema.parse(eventBody(v))))) return;
    notifications.show({ color: 'teal', message: `${CLINICAL_EVENT_KINDS[v.kind]} recorded on ${v.occurredOn}` });
    onSaved();
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Record a follow-up event">
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label="Event"
          description=" "
          {...form.getInputProps('kind')}
          data={Object.entries(CLINICAL_EVENT_KINDS).map(([value, label]) => ({ value, label }))}
          w={260}
        />
        <DayField label="Date" dayZero={dayZero} {...form.getInputProps('occurredOn')} />
        {kind === 'death' && (
          <NativeSelect
            label="Main cause of death"
            description=" "
            {...form.getInputProps('causeOfDeath')}
            data={CAUSES}
            w={220}
          />
        )}
        {kind === 'infection' && (
          <>
            <TextInput label="Organism" description="or “unknown”" {...form.getInputProps('organism')} w={200} />
            <TextInput label="Site" description=" " {...form.getInputProps('site')} w={160} />
          </>
        )}
        <Button type="submit" mt={45} loading={s.submitting} variant="light">
          Record event
        </Button>
      </Group>
      <ErrorAlert error={s.error} />
    </form>
  );
}

const SCORES = ['0', '1', '2', '3'].map((v) => ({ value: v, label: v }));

interface CgvhdValues {
  assessedOn: string;
  /** Organ → score as chosen ('' = not examined). */
  organs: Record<string, string>;
}

const cgvhdBody = (v: CgvhdValues) => ({
  assessedOn: v.assessedOn,
  organs: Object.fromEntries(CGVHD_ORGANS.map(([k]) => [k, v.organs[k] === '' ? null : Number(v.organs[k])])),
});

export function CgvhdForm({ episodeId, today, dayZero, onSaved }: { episodeId: string } & EntryFormProps) {
  const form = useForm<CgvhdValues>({
    mode: 'controlled',
    initialValues: {
      assessedOn: today,
      organs: { skin: '0', mouth: '0', eyes: '0', gi: '0', liver: '0', lungs: '0', joints: '0', genital: '' },
    },
    validate: zodResolver<CgvhdValues>(CgvhdAssessmentSchema, cgvhdBody),
  });
  const [severity, setSeverity] = useState<string | null>(null);
  const s = useRecordCgvhd(episodeId, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (v) => {
    setSeverity(null);
    const res = await s.submit(CgvhdAssessmentSchema.parse(cgvhdBody(v)));
    if (!res) return;
    setSeverity(`${res.severity} — ${res.explanation}`);
    onSaved();
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Chronic GVHD evaluation">
      <Stack gap="sm">
        <DayField label="Evaluated on" dayZero={dayZero} {...form.getInputProps('assessedOn')} />
        <Group gap="sm">
          {CGVHD_ORGANS.map(([key, label]) => (
            <NativeSelect
              key={key}
              label={`${label} score`}
              {...form.getInputProps(`organs.${key}`)}
              data={key === 'genital' ? [{ value: '', label: 'Not examined' }, ...SCORES] : SCORES}
              w={140}
            />
          ))}
        </Group>
        <Group>
          <Button type="submit" variant="light" loading={s.submitting}>
            Score chronic GVHD
          </Button>
          {severity && (
            <Text fw={600} role="status">
              Global severity: {severity}
            </Text>
          )}
        </Group>
        <ErrorAlert error={s.error} />
      </Stack>
    </form>
  );
}
