// Conditioning / lymphodepletion plan of an episode (issue 7; Gyurkocza & Sandmaier, Blood 2014;124:344): prescribe
// from a regimen template, see the computed doses per day, have a second physician verify, change with a reason
// (a new version, verified again), and print the calendar D-N … D+N.
import { CONDITIONING_PLAN_STATUSES, PRESCRIBERS, type ConditioningPlanList } from '@engraft/domain';
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router';
import { preInfusionWord } from '../../components/EpisodeJourneyLinks';
import { QueryState } from '../../data/QueryState';
import { displayName, episodeTypeLabel, formatDate, formatDateTime } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { usePlans, useRegimens } from './api';
import './conditioning.css';
import { CurrentPlan } from './CurrentPlan';
import { PlanForm } from './PlanForm';
import { PlanVersions } from './PlanVersions';

export function ConditioningPage() {
  const { episodeId = '' } = useParams();
  const { user } = useSignedIn();
  const canPrescribe = hasAnyRole(user.roles, PRESCRIBERS);
  const plans = usePlans(episodeId);
  const regimens = useRegimens();
  const ctx = plans.data;
  const pageWord = ctx ? preInfusionWord(ctx.episode.type) : 'Conditioning';
  useDocumentTitle(ctx ? `${pageWord} · ${displayName(ctx.patient)} · Engraft` : 'Conditioning · Engraft');

  return (
    <QueryState query={plans} what="the conditioning plan">
      {(ctx) => {
        const open = ctx.plans.find((p) => p.status === 'draft' || p.status === 'active');
        return (
          <Stack gap="lg">
            <PrintHeader ctx={ctx} />
            <Group justify="space-between" className="no-print">
              <div>
                <Title order={1} fz="h2">
                  {preInfusionWord(ctx.episode.type)}
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

            {open && (
              <CurrentPlan
                ctx={ctx}
                plan={open}
                regimens={regimens.data ?? []}
                userId={user.id}
                canPrescribe={canPrescribe}
              />
            )}
            {!open && canPrescribe && (
              <Paper withBorder p="lg" component="section" aria-label="Prescribe a plan" className="no-print">
                <Title order={2} fz="h3" mb="sm">
                  Prescribe a plan
                </Title>
                <PlanForm
                  ctx={ctx}
                  regimens={regimens.data ?? []}
                  onSaved={(p) =>
                    notifications.show({
                      color: 'teal',
                      title: 'Plan prescribed',
                      message: `${p.computed.templateName}: awaiting verification by a second physician`,
                    })
                  }
                />
              </Paper>
            )}
            {!open && !canPrescribe && <Text c="dimmed">No conditioning plan is prescribed for this episode.</Text>}
            {ctx.plans.length > 0 && <PlanVersions plans={ctx.plans} />}
          </Stack>
        );
      }}
    </QueryState>
  );
}

/** What a printed calendar is headed with: the patient, the episode, the version and its verification. */
function PrintHeader({ ctx }: { ctx: ConditioningPlanList }) {
  const open = ctx.plans.find((p) => p.status === 'draft' || p.status === 'active');
  const kindWord = open?.computed.kind === 'lymphodepletion' ? 'Lymphodepletion' : 'Conditioning';
  return (
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
          {formatDateTime(open.prescribedAt)}
          {open.verifiedBy && open.verifiedAt
            ? ` · verified by ${open.verifiedBy} ${formatDateTime(open.verifiedAt)}`
            : ' · NOT VERIFIED: not for administration'}{' '}
          · printed {formatDateTime(new Date().toISOString())}
        </Text>
      )}
    </div>
  );
}
