// Conditioning / lymphodepletion plan of an episode (issue 7; Gyurkocza & Sandmaier, Blood 2014;124:344): prescribe from a
// regimen template, see the computed doses per day, have a second physician verify, change with a reason
// (a new version, verified again), and print the calendar D-N … D+N.
import {
  CONDITIONING_PLAN_STATUSES,
  type ConditioningPlanStatus,
  PRESCRIBERS,
  type ConditioningPlanList,
  type ConditioningPlanView,
  ConditioningPlanListSchema,
  ConditioningPlanViewSchema,
  ConditioningRegimenListSchema,
} from '@engraft/domain';
import { blockingFindings, type ConditioningTemplate } from '@engraft/clinical';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiGet, apiSend, errorMessage } from '../../api';
import { preInfusionWord } from '../../components/EpisodeJourneyLinks';
import { displayName, episodeTypeLabel, formatDate, formatDateTime } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { AdministrationButton } from './AdministrationButton';
import { ConditioningCalendar } from './ConditioningCalendar';
import './conditioning.css';
import { PlanDetails } from './PlanDetails';
import { PlanForm } from './PlanForm';

const STATUS_COLORS: Record<ConditioningPlanStatus, string> = {
  draft: 'yellow',
  active: 'teal',
  superseded: 'gray',
  cancelled: 'red',
};
const todayUtc = () => new Date().toISOString().slice(0, 10);
const when = (iso: string) => formatDateTime(iso);

export function StatusBadge({ status }: { status: ConditioningPlanStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'active' ? 'filled' : 'light'} size="lg">
      {CONDITIONING_PLAN_STATUSES[status]}
    </Badge>
  );
}

export function ConditioningPage() {
  const { episodeId = '' } = useParams();
  const { user } = useSignedIn();
  const canPrescribe = hasAnyRole(user.roles, PRESCRIBERS);
  const [ctx, setCtx] = useState<ConditioningPlanList | null>(null);
  const [regimens, setRegimens] = useState<readonly ConditioningTemplate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [busy, setBusy] = useState(false);
  const pageWord = ctx ? preInfusionWord(ctx.episode.type) : 'Conditioning';
  useDocumentTitle(ctx ? `${pageWord} · ${displayName(ctx.patient)} · Engraft` : 'Conditioning · Engraft');

  const load = useCallback(() => {
    Promise.all([
      apiGet(`/episodes/${episodeId}/conditioning-plans`, ConditioningPlanListSchema),
      apiGet('/conditioning/regimens', ConditioningRegimenListSchema),
    ]).then(
      ([c, r]) => {
        setCtx(c);
        setRegimens(r);
      },
      (e: unknown) => setError(errorMessage(e))
    );
  }, [episodeId]);
  useEffect(load, [load]);

  if (!ctx) {
    return error ? (
      <Alert color="red" title="Conditioning">
        {error}
      </Alert>
    ) : (
      <Loader aria-label="Loading the conditioning plan" />
    );
  }

  const open = ctx.plans.find((p) => p.status === 'draft' || p.status === 'active');
  const isPrescriber = open?.prescribedById === user.id;
  const infusionLabel = ctx.episode.type === 'car-t' ? 'CAR-T infusion' : 'Cell infusion (day 0)';
  const kindWord = open?.computed.kind === 'lymphodepletion' ? 'Lymphodepletion' : 'Conditioning';
  // Blocking findings (or, for a plan stored before findings existed, a dose that is not positive) block verifying.
  const blocked = open ? blockingFindings(open.computed).length > 0 : false;

  const act = async (fn: () => Promise<ConditioningPlanView>, title: string) => {
    setBusy(true);
    setError(null);
    try {
      const p = await fn();
      notifications.show({ color: 'teal', title, message: `${p.computed.templateName}, version ${p.version}` });
      load();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg">
      <div className="print-only">
        <Title order={1} fz="h3">
          {kindWord} calendar: {open?.computed.templateName}
        </Title>
        <Text>
          {displayName(ctx.patient)} · MRN {ctx.patient.mrn} · born {formatDate(ctx.patient.dateOfBirth)} ·{' '}
          {episodeTypeLabel(ctx.episode.type)} · day 0 {formatDate(ctx.episode.dayZero)}
        </Text>
        {open && (
          <Text fz="sm">
            Version {open.version} · {CONDITIONING_PLAN_STATUSES[open.status]} · prescribed by {open.prescribedBy}{' '}
            {when(open.prescribedAt)}
            {open.verifiedBy
              ? ` · verified by ${open.verifiedBy} ${when(open.verifiedAt!)}`
              : ' · NOT VERIFIED: not for administration'}{' '}
            · printed {when(new Date().toISOString())}
          </Text>
        )}
      </div>

      <Group justify="space-between" className="no-print">
        <div>
          <Title order={1} fz="h2">
            {pageWord}
          </Title>
          <Text c="dimmed">
            <Anchor component={Link} to={`/patients/${ctx.patient.id}`}>
              {displayName(ctx.patient)}
            </Anchor>{' '}
            · MRN {ctx.patient.mrn} · {episodeTypeLabel(ctx.episode.type)} · planned day 0{' '}
            {formatDate(ctx.episode.dayZero)}
            {ctx.episode.actualDayZero && ctx.episode.actualDayZero !== ctx.episode.plannedDayZero
              ? ` (actual day 0 ${formatDate(ctx.episode.actualDayZero)})`
              : ''}
          </Text>
        </div>
      </Group>

      {error && (
        <Alert
          color="red"
          title={pageWord}
          withCloseButton
          onClose={() => setError(null)}
          className="no-print"
          role="alert"
        >
          {error}
        </Alert>
      )}

      {open && (
        <Paper withBorder p="lg" component="section" aria-label="Current plan" className="cond-print-area">
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" className="no-print">
              <div>
                <Group gap="sm">
                  <Title order={2} fz="h3">
                    {open.computed.templateName}
                  </Title>
                  <StatusBadge status={open.status} />
                  <Text c="dimmed" fz="sm">
                    version {open.version}
                  </Text>
                </Group>
                <Text fz="sm" mt={4}>
                  Prescribed by <strong>{open.prescribedBy}</strong> on {when(open.prescribedAt)}
                  {open.verifiedBy ? (
                    <>
                      {' '}
                      · verified by <strong>{open.verifiedBy}</strong> on {when(open.verifiedAt!)}
                    </>
                  ) : null}
                  {open.reason ? ` · change: ${open.reason}` : ''}
                </Text>
                <Text fz="sm">
                  {kindWord} {open.dates[0] ? `starts ${formatDate(open.startDate)} (D${open.computed.firstDay})` : ''}{' '}
                  · day 0 {formatDate(open.dayZero)}
                </Text>
              </div>
              <Group gap="xs">
                <Button
                  leftSection={<IconPrinter size={16} aria-hidden />}
                  variant="default"
                  onClick={() => window.print()}
                >
                  Print
                </Button>
                {canPrescribe && (
                  <>
                    <Button variant="light" onClick={() => setChanging(true)}>
                      Change…
                    </Button>
                    <Button variant="subtle" color="red" onClick={() => setCancelling(true)}>
                      Cancel plan…
                    </Button>
                  </>
                )}
              </Group>
            </Group>

            {open.status === 'draft' && (
              <Alert
                color="yellow"
                variant="light"
                title="Awaiting verification"
                className="no-print"
                data-testid="awaiting-verification"
              >
                <Stack gap="xs">
                  <Text fz="sm">
                    This plan is not active until a second physician checks the doses and verifies it.
                  </Text>
                  {canPrescribe && isPrescriber && (
                    <Text fz="sm" fw={600}>
                      You prescribed this version, so another physician must verify it.
                    </Text>
                  )}
                  {canPrescribe && !isPrescriber && blocked && (
                    <Text fz="sm" fw={600} c="red.8">
                      This plan has blocking findings (below): it cannot be verified. Change it into a new version or
                      cancel it.
                    </Text>
                  )}
                  {canPrescribe && !isPrescriber && !blocked && (
                    <Group>
                      <Button
                        color="teal"
                        loading={busy}
                        onClick={() =>
                          void act(
                            () =>
                              apiSend(
                                'POST',
                                `/conditioning-plans/${open.id}/verify`,
                                undefined,
                                ConditioningPlanViewSchema
                              ),
                            'Plan verified'
                          )
                        }
                      >
                        Verify plan
                      </Button>
                      <Text fz="sm">I have checked the template, parameters and computed doses.</Text>
                    </Group>
                  )}
                </Stack>
              </Alert>
            )}

            <section aria-labelledby="cond-calendar-title">
              <Title order={3} fz="h4" id="cond-calendar-title" mb="xs" className="no-print">
                Calendar
              </Title>
              <ConditioningCalendar
                c={open.computed}
                dayZero={open.dayZero}
                today={todayUtc()}
                infusionLabel={infusionLabel}
              />
            </section>
            <AdministrationButton key={open.id} plan={open} />

            <section aria-labelledby="cond-doses-title" className="cond-dose-print">
              <Title order={3} fz="h4" id="cond-doses-title" mb="xs">
                Doses
              </Title>
              <PlanDetails c={open.computed} dates={open.dates} />
            </section>
          </Stack>
        </Paper>
      )}

      {!open && canPrescribe && (
        <Paper withBorder p="lg" component="section" aria-label="Prescribe a plan" className="no-print">
          <Title order={2} fz="h3" mb="sm">
            Prescribe a plan
          </Title>
          <PlanForm
            ctx={ctx}
            regimens={regimens}
            onSaved={(p) => {
              notifications.show({
                color: 'teal',
                title: 'Plan prescribed',
                message: `${p.computed.templateName}: awaiting verification by a second physician`,
              });
              load();
            }}
          />
        </Paper>
      )}
      {!open && !canPrescribe && <Text c="dimmed">No conditioning plan is prescribed for this episode.</Text>}

      {ctx.plans.length > 0 && (
        <section aria-labelledby="cond-history" className="no-print">
          <Title order={2} fz="h4" id="cond-history" mb="xs">
            Versions
          </Title>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Version</Table.Th>
                <Table.Th scope="col">Regimen</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Prescribed</Table.Th>
                <Table.Th scope="col">Verified</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ctx.plans.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.version}</Table.Td>
                  <Table.Td>{p.computed.templateName}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={p.status} />
                  </Table.Td>
                  <Table.Td fz="sm">
                    {p.prescribedBy} · {when(p.prescribedAt)}
                  </Table.Td>
                  <Table.Td fz="sm">{p.verifiedBy ? `${p.verifiedBy} · ${when(p.verifiedAt!)}` : '—'}</Table.Td>
                  <Table.Td fz="sm">
                    {p.reason ?? (p.version === 1 ? 'first version' : '')}
                    {p.endReason ? ` (${p.status}: ${p.endReason})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}

      {open && (
        <Modal
          opened={changing}
          onClose={() => setChanging(false)}
          title={`Change ${open.computed.templateName} (a new version)`}
          size="90%"
        >
          <PlanForm
            ctx={ctx}
            regimens={regimens}
            existing={open}
            onCancel={() => setChanging(false)}
            onSaved={(p) => {
              setChanging(false);
              notifications.show({
                color: 'teal',
                title: 'Plan changed',
                message: `Version ${p.version} awaits verification`,
              });
              load();
            }}
          />
        </Modal>
      )}
      {open && (
        <Modal opened={cancelling} onClose={() => setCancelling(false)} title="Cancel the plan">
          <Stack>
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              value={cancelReason}
              onChange={(e) => setCancelReason(e.currentTarget.value)}
            />
            <Group>
              <Button
                color="red"
                loading={busy}
                disabled={cancelReason.trim().length < 3}
                onClick={() =>
                  void act(
                    () =>
                      apiSend(
                        'POST',
                        `/conditioning-plans/${open.id}/cancel`,
                        { reason: cancelReason },
                        ConditioningPlanViewSchema
                      ),
                    'Plan cancelled'
                  ).then((ok) => {
                    if (ok) {
                      setCancelling(false);
                      setCancelReason('');
                    }
                  })
                }
              >
                Cancel plan
              </Button>
              <Button variant="default" onClick={() => setCancelling(false)}>
                Keep it
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
