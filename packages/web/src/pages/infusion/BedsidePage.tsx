// The bedside infusion check (issue 7; 21 CFR 1271.290 and the CAR-T labels; ADR 0540), laid out for a tablet at the
// bedside: scan the wristband, the bag's DIN, product code and division (and COI for cell therapy) — a bar-code
// scanner types and presses Enter, so Enter moves to the next field — then a big green MATCH or red STOP, the
// second person's confirmation on the same device, the infusion record with the cell dose per kg, and every
// past check, refused ones too.
import {
  type BedsideCheck,
  type BedsideOverview,
  EPISODE_PHASES,
  EPISODE_TYPES,
  formatDoseUnit,
  INFUSERS,
  INFUSION_REACTIONS,
  type Infusion,
  type InfusionReaction,
} from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Paper,
  PasswordInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../api';
import { NumericField } from '../../components/NumericField';
import { formatDate, formatDateTime } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { RuleDetails } from '../../components/RuleDetails';

const time = (iso: string): string => formatDateTime(iso);
/** A datetime-local value (the device's local time) for now. */
const localNow = (): string => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const toIso = (local: string): string => new Date(local).toISOString();

export function BedsidePage() {
  const { episodeId = '' } = useParams();
  const info = useSignedIn();
  const canInfuse = hasAnyRole(info.user.roles, INFUSERS);
  const [data, setData] = useState<BedsideOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle('Bedside infusion · Engraft');

  const load = useCallback(() => {
    api<BedsideOverview>('GET', `/episodes/${episodeId}/bedside`).then(
      (o) => {
        setData(o);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e))
    );
  }, [episodeId]);
  useEffect(load, [load]);

  if (error) {
    return (
      <Alert color="red" title="The bedside page could not be loaded">
        {error}
      </Alert>
    );
  }
  if (!data) return <Skeleton h={400} />;

  const latest = data.checks[0] ?? null;
  const cellTherapy = data.episode.type === 'car-t' || data.episode.type === 'other-cell-therapy';
  const open = data.infusions.filter((i) => !i.endedAt);

  return (
    <Stack gap="lg" maw={1000}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Bedside infusion</Title>
          <Text fz="lg">
            <Anchor component={Link} to={`/patients/${data.patient.id}`} fw={700}>
              {data.patient.name}
            </Anchor>{' '}
            · MRN <strong>{data.patient.mrn}</strong> · born {formatDate(data.patient.dateOfBirth)} · ABO{' '}
            {data.patient.aboRh} ·{' '}
            {data.patient.weightKg != null ? `${data.patient.weightKg} kg` : 'no weight recorded'}
          </Text>
          <Text c="dimmed">
            {EPISODE_TYPES[data.episode.type as keyof typeof EPISODE_TYPES]} · phase{' '}
            {EPISODE_PHASES[data.episode.phase as keyof typeof EPISODE_PHASES]} · day 0{' '}
            {data.episode.actualDayZero ? (
              <strong>{formatDate(data.episode.actualDayZero)} (actual)</strong>
            ) : (
              `${formatDate(data.episode.plannedDayZero)} (planned)`
            )}
          </Text>
        </div>
      </Group>

      {canInfuse ? (
        <ScanForm episodeId={episodeId} cellTherapy={cellTherapy} onChecked={load} />
      ) : (
        <Alert color="gray">Only nurses, physicians and administrators perform bedside checks.</Alert>
      )}

      {latest && !latest.infusionId && (
        <CheckResult check={latest} canInfuse={canInfuse} weightKg={data.patient.weightKg} onChanged={load} />
      )}

      {open.map((i) => (
        <CompleteForm key={i.id} infusion={i} canInfuse={canInfuse} onChanged={load} />
      ))}

      <InfusionsTable infusions={data.infusions} />
      <ChecksTable checks={data.checks} />
    </Stack>
  );
}

const FIELDS = ['mrn', 'din', 'productCode', 'division', 'coi'] as const;
type Field = (typeof FIELDS)[number];

function ScanForm({
  episodeId,
  cellTherapy,
  onChecked,
}: {
  episodeId: string;
  cellTherapy: boolean;
  onChecked: () => void;
}) {
  const empty: Record<Field, string> = { mrn: '', din: '', productCode: '', division: '', coi: '' };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const refs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const fields = FIELDS.filter((f) => f !== 'coi' || cellTherapy);

  async function submit() {
    setSubmitting(true);
    setErrors({});
    try {
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      await api<BedsideCheck>('POST', `/episodes/${episodeId}/bedside-checks`, body);
      setValues(empty);
      onChecked();
      refs.current.mrn?.focus();
    } catch (e) {
      setErrors(e instanceof ApiError ? { ...e.fieldErrors(), form: e.message } : { form: errorMessage(e) });
    } finally {
      setSubmitting(false);
    }
  }
  /** Scanners type the code and press Enter: go to the next field, and check after the last one. */
  const onKey = (f: Field) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const next = fields[fields.indexOf(f) + 1];
    if (next) refs.current[next]?.focus();
    else void submit();
  };
  const LABELS: Record<Field, [string, string]> = {
    mrn: ['Scan patient wristband (MRN)', 'the MRN printed on the wristband'],
    din: ['Scan product DIN', 'bar code, or eye-readable with its check character'],
    productCode: ['Product code', 'e.g. S1398 or the whole code S13981A0'],
    division: ['Division', '00 when the product is not divided'],
    coi: ['Chain of Identity (COI)', 'cell therapy: the COI on the bag and the release certificate'],
  };
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="scan-heading">
      <Title order={2} size="h3" id="scan-heading" mb="sm">
        1. Scan
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields.map((f, i) => (
            <TextInput
              key={f}
              ref={(el) => {
                refs.current[f] = el;
              }}
              size="xl"
              label={LABELS[f][0]}
              description={LABELS[f][1]}
              value={values[f]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((old) => ({ ...old, [f]: v }));
              }}
              onKeyDown={onKey(f)}
              error={errors[f]}
              autoFocus={i === 0}
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'monospace', letterSpacing: 1 } }}
            />
          ))}
        </SimpleGrid>
        {errors.form && (
          <Alert color="red" mt="sm" role="alert">
            {errors.form}
          </Alert>
        )}
        <Button type="submit" size="xl" mt="md" loading={submitting}>
          Check
        </Button>
      </form>
    </Paper>
  );
}

function Findings({ check }: { check: BedsideCheck }) {
  return (
    <>
      {check.stops.length > 0 && (
        <List size="xl" spacing="xs" mt="sm" c="white" fw={600}>
          {check.stops.map((s) => (
            <List.Item key={s.code}>{s.message}</List.Item>
          ))}
        </List>
      )}
      {check.warnings.length > 0 && (
        <Alert color="yellow" mt="sm" title="Notes for the team">
          <List>
            {check.warnings.map((w) => (
              <List.Item key={w.code}>{w.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}

function CheckResult({
  check,
  canInfuse,
  weightKg,
  onChanged,
}: {
  check: BedsideCheck;
  canInfuse: boolean;
  weightKg: number | null;
  onChanged: () => void;
}) {
  const stop = check.result === 'stop';
  const [confirming, setConfirming] = useState(false);
  return (
    <Stack gap="md">
      <Paper
        p="xl"
        radius="md"
        bg={stop ? 'red.8' : 'green.8'}
        role={stop ? 'alert' : 'status'}
        data-testid="bedside-result"
        aria-label={stop ? 'STOP — do not infuse' : 'Match — ready for second check'}
      >
        <Text c="white" fz={40} fw={900} lh={1.1}>
          {stop
            ? 'STOP — do not infuse'
            : check.confirmedBy
              ? 'Match — confirmed by two people'
              : 'Match — ready for second check'}
        </Text>
        <Text c="white" fz="lg" mt={6}>
          Scanned {time(check.performedAt)} UTC by {check.performedBy}
          {check.product &&
            ` · ${check.product.description} · DIN ${check.product.din} · ${check.product.productCode} ${check.product.division}`}
          {check.confirmedBy && ` · second check by ${check.confirmedBy}`}
        </Text>
        <Findings check={check} />
        {!stop && !check.confirmedBy && canInfuse && (
          <Button size="xl" mt="lg" color="white" variant="white" c="green.9" onClick={() => setConfirming(true)}>
            Second person: confirm
          </Button>
        )}
      </Paper>
      {stop && (
        <Text c="dimmed">
          The refusal is recorded, on the patient’s timeline and on the team’s worklist. Scan again once the problem is
          solved.
        </Text>
      )}
      <ConfirmModal check={check} opened={confirming} onClose={() => setConfirming(false)} onConfirmed={onChanged} />
      {!stop && check.confirmedBy && canInfuse && <StartForm check={check} weightKg={weightKg} onStarted={onChanged} />}
    </Stack>
  );
}

/** The second person signs on this device: username + password, re-authenticated by the server (ADR 0540). */
function ConfirmModal({
  check,
  opened,
  onClose,
  onConfirmed,
}: {
  check: BedsideCheck;
  opened: boolean;
  onClose: () => void;
  onConfirmed: () => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  async function submit() {
    setSubmitting(true);
    setError(null);
    try {
      await api('POST', `/bedside-checks/${check.id}/confirm`, { username, password });
      notifications.show({ color: 'teal', message: 'Second check recorded.' });
      setPassword('');
      onClose();
      onConfirmed();
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError && e.status === 409) onConfirmed();
    } finally {
      setSubmitting(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Second person: sign to confirm" size="lg" centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text>
            Check the wristband, the bag and the order yourself, then sign with <strong>your own</strong> account.{' '}
            {check.performedBy} scanned; the second person must be someone else.
          </Text>
          <TextInput
            size="lg"
            label="Your username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
          />
          <PasswordInput
            size="lg"
            label="Your password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="off"
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" size="lg" color="green" loading={submitting} disabled={!username || !password}>
            Confirm the match
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function StartForm({
  check,
  weightKg,
  onStarted,
}: {
  check: BedsideCheck;
  weightKg: number | null;
  onStarted: () => void;
}) {
  const [startedAt, setStartedAt] = useState(localNow());
  const [weight, setWeight] = useState<number | string>(weightKg ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  async function submit() {
    setSubmitting(true);
    setErrors({});
    try {
      await api<Infusion>('POST', `/bedside-checks/${check.id}/infusion`, {
        startedAt: toIso(startedAt),
        ...(weight === '' ? {} : { weightKg: weight }),
      });
      notifications.show({ color: 'teal', message: 'Infusion started; the product is recorded as infused.' });
      onStarted();
    } catch (e) {
      setErrors(e instanceof ApiError ? { ...e.fieldErrors(), form: e.message } : { form: errorMessage(e) });
    } finally {
      setSubmitting(false);
    }
  }
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="start-heading">
      <Title order={2} size="h3" id="start-heading" mb="sm">
        2. Start the infusion
      </Title>
      <Group align="flex-end">
        <TextInput
          size="lg"
          type="datetime-local"
          label="Start"
          value={startedAt}
          onChange={(e) => setStartedAt(e.currentTarget.value)}
        />
        <NumericField
          size="lg"
          label="Weight today (kg)"
          description="for the dose per kg"
          unit="kg"
          value={weight}
          onChange={setWeight}
          w={200}
          error={errors.weightKg}
        />
        <Button size="lg" color="green" onClick={() => void submit()} loading={submitting}>
          Start infusion
        </Button>
      </Group>
      {errors.form && (
        <Alert color="red" mt="sm" role="alert">
          {errors.form}
        </Alert>
      )}
    </Paper>
  );
}

function DoseText({ infusion }: { infusion: Infusion }) {
  if (!infusion.dose) return <Text c="dimmed">No dose: no weight recorded</Text>;
  return (
    <Stack gap={2}>
      {infusion.dose.measures.map((m) => (
        <Text key={m.measure} fw={700} fz="lg" c={m.adequate ? undefined : 'orange.8'}>
          {m.value.toFixed(2)} {formatDoseUnit(m.unit)}{' '}
          {m.measure === 'car-positive-viable-t' ? 'CAR+ viable T cells' : m.measure === 'cd34' ? 'CD34+' : 'TNC'}
          {!m.adequate && ' (outside the standard range)'}
        </Text>
      ))}
      {infusion.dose.cartLabel && (
        <Text fz="sm" c={infusion.dose.cartLabel.withinLabel ? 'dimmed' : 'orange.8'}>
          {infusion.dose.cartLabel.explanation}
        </Text>
      )}
      <Text fz="xs" c="dimmed">
        for {infusion.dose.weightKg} kg
      </Text>
      <RuleDetails rules={infusion.dose.ruleIds} />
    </Stack>
  );
}

function CompleteForm({
  infusion,
  canInfuse,
  onChanged,
}: {
  infusion: Infusion;
  canInfuse: boolean;
  onChanged: () => void;
}) {
  const [endedAt, setEndedAt] = useState(localNow());
  const [volume, setVolume] = useState<number | string>('');
  const [reactions, setReactions] = useState<string[]>(['none']);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  async function submit() {
    setSubmitting(true);
    setErrors({});
    try {
      await api('POST', `/infusions/${infusion.id}/complete`, {
        endedAt: toIso(endedAt),
        volumeMl: volume === '' ? undefined : volume,
        reactions,
        ...(note.trim() ? { reactionNote: note.trim() } : {}),
      });
      notifications.show({ color: 'teal', message: 'End of infusion recorded.' });
      onChanged();
    } catch (e) {
      setErrors(e instanceof ApiError ? { ...e.fieldErrors(), form: e.message } : { form: errorMessage(e) });
    } finally {
      setSubmitting(false);
    }
  }
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={`complete-${infusion.id}`} bg="green.0">
      <Title order={2} size="h3" id={`complete-${infusion.id}`} mb="xs">
        Infusing: {infusion.product.description} · DIN {infusion.product.din}
      </Title>
      <Text mb="sm">
        Started {time(infusion.startedAt)} UTC · checked by {infusion.checkedBy}, confirmed by {infusion.confirmedBy}
      </Text>
      <Text fw={600}>Cell dose per kg</Text>
      <DoseText infusion={infusion} />
      {canInfuse && (
        <Stack mt="md">
          <Group align="flex-start">
            <TextInput
              size="lg"
              type="datetime-local"
              label="End"
              value={endedAt}
              onChange={(e) => setEndedAt(e.currentTarget.value)}
              error={errors.endedAt}
            />
            <NumericField
              size="lg"
              label="Volume infused (mL)"
              unit="mL"
              value={volume}
              onChange={setVolume}
              w={220}
              error={errors.volumeMl}
            />
          </Group>
          <Checkbox.Group
            label="Reactions"
            value={reactions}
            onChange={(v) =>
              setReactions(
                v.includes('none') && !reactions.includes('none')
                  ? ['none']
                  : v.filter((r) => r !== 'none' || v.length === 1)
              )
            }
            error={errors.reactions}
          >
            <Group mt="xs">
              {(Object.keys(INFUSION_REACTIONS) as InfusionReaction[]).map((r) => (
                <Checkbox key={r} size="lg" value={r} label={INFUSION_REACTIONS[r]} />
              ))}
            </Group>
          </Checkbox.Group>
          {reactions.some((r) => r !== 'none') && (
            <Textarea
              label="What was seen and done"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.reactionNote}
              autosize
              minRows={2}
            />
          )}
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <Button size="lg" onClick={() => void submit()} loading={submitting} w="fit-content">
            Record end of infusion
          </Button>
        </Stack>
      )}
    </Paper>
  );
}

function InfusionsTable({ infusions }: { infusions: Infusion[] }) {
  return (
    <section aria-labelledby="infusions-heading">
      <Title order={2} size="h3" id="infusions-heading" mb="xs">
        Infusions
      </Title>
      {infusions.length === 0 ? (
        <Text c="dimmed">No infusion recorded yet.</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Start – end (UTC)</Table.Th>
              <Table.Th>Volume</Table.Th>
              <Table.Th>Reactions</Table.Th>
              <Table.Th>Dose per kg</Table.Th>
              <Table.Th>Two people</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {infusions.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  {i.product.description}
                  <Text fz="xs" ff="monospace">
                    {i.product.din} {i.product.productCode} {i.product.division}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {time(i.startedAt)} – {i.endedAt ? time(i.endedAt).slice(-5) : 'running'}
                </Table.Td>
                <Table.Td>{i.volumeMl != null ? `${i.volumeMl} mL` : '—'}</Table.Td>
                <Table.Td>
                  {i.endedAt
                    ? i.reactions.map((r) => INFUSION_REACTIONS[r]).join(', ') +
                      (i.reactionNote ? ` (${i.reactionNote})` : '')
                    : '—'}
                </Table.Td>
                <Table.Td>
                  <DoseText infusion={i} />
                </Table.Td>
                <Table.Td>
                  {i.checkedBy} / {i.confirmedBy}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

function ChecksTable({ checks }: { checks: BedsideCheck[] }) {
  return (
    <section aria-labelledby="checks-heading">
      <Title order={2} size="h3" id="checks-heading" mb="xs">
        Bedside checks ({checks.length})
      </Title>
      {checks.length === 0 ? (
        <Text c="dimmed">No check yet.</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When (UTC)</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Scanned</Table.Th>
              <Table.Th>Reasons and notes</Table.Th>
              <Table.Th>By / second check</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {checks.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{time(c.performedAt)}</Table.Td>
                <Table.Td miw={110}>
                  <Badge
                    size="lg"
                    color={c.result === 'stop' ? 'red' : 'green'}
                    variant="filled"
                    styles={{ label: { overflow: 'visible' } }}
                  >
                    {c.result === 'stop' ? 'STOP' : c.infusionId ? 'Infused' : 'Match'}
                  </Badge>
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {c.scanned.mrn} · {c.scanned.din}
                  {c.scanned.productCode ? ` · ${c.scanned.productCode}` : ''}
                  {c.scanned.coi ? ` · ${c.scanned.coi}` : ''}
                </Table.Td>
                <Table.Td fz="sm">{[...c.stops, ...c.warnings].map((f) => f.message).join(' ') || '—'}</Table.Td>
                <Table.Td fz="sm">
                  {c.performedBy}
                  {c.confirmedBy ? ` / ${c.confirmedBy}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
