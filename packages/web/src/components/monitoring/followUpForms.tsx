// Follow-up entry: events that outcomes are derived from (relapse, progression, death, last contact, chronic
// GVHD needing systemic therapy, infection) and chronic GVHD evaluations (NIH 2014 organ scores 0–3, from
// which the server computes global severity). Validated with the same schemas as the server.
import { dayRelative, formatDay } from '@engraft/clinical';
import {
  CgvhdAssessmentSchema,
  CLINICAL_EVENT_KINDS,
  ClinicalEventCreateSchema,
  type ClinicalEventKind,
} from '@engraft/domain';
import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api';

const CAUSES = [
  { value: '', label: 'Choose…' },
  { value: 'relapse-or-progression', label: 'Relapse or progression' },
  { value: 'gvhd', label: 'GVHD' },
  { value: 'infection', label: 'Infection' },
  { value: 'organ-toxicity', label: 'Organ toxicity' },
  { value: 'other', label: 'Other' },
];

function dayOf(date: string, dayZero: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `= ${formatDay(dayRelative(date, dayZero))}` : ' ';
}

function useSubmit(onSaved: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  async function run(path: string, body: unknown, done: string): Promise<void> {
    setSubmitting(true);
    setError(null);
    setFieldErrors({});
    try {
      await api('POST', path, body);
      notifications.show({ color: 'teal', message: done });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  }
  return { error, fieldErrors, setFieldErrors, submitting, run };
}

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
  const s = useSubmit(onSaved);
  const body = {
    kind,
    occurredOn,
    ...(kind === 'death' && causeOfDeath ? { causeOfDeath } : {}),
    ...(kind === 'infection' ? { organism: organism || undefined, site: site || undefined } : {}),
  };
  function submit(e: React.FormEvent): void {
    e.preventDefault();
    const parsed = ClinicalEventCreateSchema.safeParse(body);
    if (!parsed.success) {
      s.setFieldErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    void s.run(
      `/episodes/${episodeId}/clinical-events`,
      parsed.data,
      `${CLINICAL_EVENT_KINDS[kind]} recorded on ${occurredOn}`
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Record a follow-up event">
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
          description={dayOf(occurredOn, dayZero)}
          value={occurredOn}
          onChange={(e) => setOccurredOn(e.currentTarget.value)}
          error={s.fieldErrors.occurredOn}
          w={160}
        />
        {kind === 'death' && (
          <NativeSelect
            label="Main cause of death"
            description=" "
            value={causeOfDeath}
            onChange={(e) => setCause(e.currentTarget.value)}
            data={CAUSES}
            error={s.fieldErrors.causeOfDeath}
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
              error={s.fieldErrors.organism}
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
      {s.error && (
        <Alert color="red" role="alert" mt="xs">
          {s.error}
        </Alert>
      )}
    </form>
  );
}

const ORGANS = [
  ['skin', 'Skin'],
  ['mouth', 'Mouth'],
  ['eyes', 'Eyes'],
  ['gi', 'GI tract'],
  ['liver', 'Liver'],
  ['lungs', 'Lungs'],
  ['joints', 'Joints and fascia'],
  ['genital', 'Genital tract'],
] as const;
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
  const s = useSubmit(() => undefined);
  const organs = Object.fromEntries(ORGANS.map(([k]) => [k, scores[k] === '' ? null : Number(scores[k])]));
  async function submit(e: React.FormEvent): Promise<void> {
    e.preventDefault();
    const parsed = CgvhdAssessmentSchema.safeParse({ assessedOn, organs });
    if (!parsed.success) {
      s.setFieldErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path.at(-1)), i.message])));
      return;
    }
    try {
      const res = await api<{ severity: string; explanation: string }>(
        'POST',
        `/episodes/${episodeId}/assessments/cgvhd`,
        parsed.data
      );
      setSeverity(`${res.severity} — ${res.explanation}`);
      onSaved();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Chronic GVHD evaluation">
      <Stack gap="sm">
        <TextInput
          type="date"
          label="Evaluated on"
          description={dayOf(assessedOn, dayZero)}
          value={assessedOn}
          onChange={(e) => setAssessedOn(e.currentTarget.value)}
          error={s.fieldErrors.assessedOn}
          w={160}
        />
        <Group gap="sm">
          {ORGANS.map(([key, label]) => (
            <NativeSelect
              key={key}
              label={`${label} score`}
              value={scores[key]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setScores((old) => ({ ...old, [key]: v }));
              }}
              data={key === 'genital' ? [{ value: '', label: 'Not examined' }, ...SCORES] : SCORES}
              w={140}
            />
          ))}
        </Group>
        <Group>
          <Button type="submit" variant="light">
            Score chronic GVHD
          </Button>
          {severity && (
            <Text fw={600} role="status">
              Global severity: {severity}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
