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
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useRecordCgvhd, useRecordClinicalEvent } from './api';
import { CGVHD_ORGANS } from './cgvhdOrgans';
import { ErrorAlert } from '../ErrorAlert';
import { dayHint } from './formParts';

const CAUSES = [
  { value: '', label: 'Choose…' },
  { value: 'relapse-or-progression', label: 'Relapse or progression' },
  { value: 'gvhd', label: 'GVHD' },
  { value: 'infection', label: 'Infection' },
  { value: 'organ-toxicity', label: 'Organ toxicity' },
  { value: 'other', label: 'Other' },
];

export function ClinicalEventForm({
  episodeId,
  today,
  dayZero,
  onSaved,
}: {
  episodeId: string;
  today: string;
  dayZero: string;
  onSaved: () => void;
}) {
  const [kind, setKind] = useState<ClinicalEventKind>('last-contact');
  const [occurredOn, setOccurredOn] = useState(today);
  const [causeOfDeath, setCause] = useState('');
  const [organism, setOrganism] = useState('');
  const [site, setSite] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const s = useRecordClinicalEvent(episodeId, { onFieldErrors: setFieldErrors });
  const body = {
    kind,
    occurredOn,
    ...(kind === 'death' && causeOfDeath ? { causeOfDeath } : {}),
    ...(kind === 'infection' ? { organism: organism || undefined, site: site || undefined } : {}),
  };
  async function submit(e: React.FormEvent): Promise<void> {
    e.preventDefault();
    const parsed = ClinicalEventCreateSchema.safeParse(body);
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setFieldErrors({});
    if (!(await s.submit(parsed.data))) return;
    notifications.show({ color: 'teal', message: `${CLINICAL_EVENT_KINDS[kind]} recorded on ${occurredOn}` });
    onSaved();
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Record a follow-up event">
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label="Event"
          description=" "
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as ClinicalEventKind)}
          data={Object.entries(CLINICAL_EVENT_KINDS).map(([value, label]) => ({ value, label }))}
          w={260}
        />
        <TextInput
          type="date"
          label="Date"
          description={dayHint(occurredOn, dayZero)}
          value={occurredOn}
          onChange={(e) => setOccurredOn(e.currentTarget.value)}
          error={fieldErrors.occurredOn}
          w={160}
        />
        {kind === 'death' && (
          <NativeSelect
            label="Main cause of death"
            description=" "
            value={causeOfDeath}
            onChange={(e) => setCause(e.currentTarget.value)}
            data={CAUSES}
            error={fieldErrors.causeOfDeath}
            w={220}
          />
        )}
        {kind === 'infection' && (
          <>
            <TextInput
              label="Organism"
              description="or “unknown”"
              value={organism}
              onChange={(e) => setOrganism(e.currentTarget.value)}
              error={fieldErrors.organism}
              w={200}
            />
            <TextInput
              label="Site"
              description=" "
              value={site}
              onChange={(e) => setSite(e.currentTarget.value)}
              w={160}
            />
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

export function CgvhdForm({
  episodeId,
  today,
  dayZero,
  onSaved,
}: {
  episodeId: string;
  today: string;
  dayZero: string;
  onSaved: () => void;
}) {
  const [assessedOn, setAssessedOn] = useState(today);
  const [scores, setScores] = useState<Record<string, string>>({
    skin: '0',
    mouth: '0',
    eyes: '0',
    gi: '0',
    liver: '0',
    lungs: '0',
    joints: '0',
    genital: '',
  });
  const [severity, setSeverity] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const s = useRecordCgvhd(episodeId, {
    onFieldErrors: (fe) =>
      setFieldErrors(Object.fromEntries(Object.entries(fe).map(([k, m]) => [k.replace(/^organs\./, ''), m]))),
  });
  const organs = Object.fromEntries(CGVHD_ORGANS.map(([k]) => [k, scores[k] === '' ? null : Number(scores[k])]));
  async function submit(e: React.FormEvent): Promise<void> {
    e.preventDefault();
    const parsed = CgvhdAssessmentSchema.safeParse({ assessedOn, organs });
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path.at(-1)), i.message])));
      return;
    }
    setFieldErrors({});
    setSeverity(null);
    const res = await s.submit(parsed.data);
    if (!res) return;
    setSeverity(`${res.severity} — ${res.explanation}`);
    onSaved();
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Chronic GVHD evaluation">
      <Stack gap="sm">
        <TextInput
          type="date"
          label="Evaluated on"
          description={dayHint(assessedOn, dayZero)}
          value={assessedOn}
          onChange={(e) => setAssessedOn(e.currentTarget.value)}
          error={fieldErrors.assessedOn}
          w={160}
        />
        <Group gap="sm">
          {CGVHD_ORGANS.map(([key, label]) => (
            <NativeSelect
              key={key}
              label={`${label} score`}
              value={scores[key]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setScores((old) => ({ ...old, [key]: v }));
              }}
              data={key === 'genital' ? [{ value: '', label: 'Not examined' }, ...SCORES] : SCORES}
              error={fieldErrors[key]}
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
