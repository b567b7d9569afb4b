// The episode's open plan (draft or active): who prescribed and verified it, verification, the calendar, the doses
// given and the computed doses; a prescriber may change it (a new version, verified again) or cancel it.
import { blockingFindings, type ConditioningTemplate } from '@engraft/clinical';
import type { ConditioningPlanList, ConditioningPlanView } from '@engraft/domain';
import { Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { formatDate, formatDateTime } from '../../format';
import { AdministrationButton } from './AdministrationButton';
import { useCancelPlan } from './api';
import { ConditioningCalendar } from './ConditioningCalendar';
import { PlanDetails } from './PlanDetails';
import { PlanForm } from './PlanForm';
import { StatusBadge } from './StatusBadge';
import { VerificationAlert } from './VerificationAlert';

const todayUtc = () => new Date().toISOString().slice(0, 10);

export function CurrentPlan({
  ctx,
  plan,
  regimens,
  userId,
  canPrescribe,
}: {
  ctx: ConditioningPlanList;
  plan: ConditioningPlanView;
  regimens: readonly ConditioningTemplate[];
  userId: string;
  canPrescribe: boolean;
}) {
  const [changing, setChanging] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const cancel = useCancelPlan(plan);
  const infusionLabel = ctx.episode.type === 'car-t' ? 'CAR-T infusion' : 'Cell infusion (day 0)';
  const kindWord = plan.computed.kind === 'lymphodepletion' ? 'Lymphodepletion' : 'Conditioning';
  // Blocking findings (or, for a plan stored before findings existed, a dose that is not positive) block verifying.
  const blocked = blockingFindings(plan.computed).length > 0;

  return (
    <Paper withBorder p="lg" component="section" aria-label="Current plan" className="cond-print-area">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" className="no-print">
          <div>
            <Group gap="sm">
              <Title order={2} fz="h3">
                {plan.computed.templateName}
              </Title>
              <StatusBadge status={plan.status} />
              <Text c="dimmed" fz="sm">
                version {plan.version}
              </Text>
            </Group>
            <Text fz="sm" mt={4}>
              Prescribed by <strong>{plan.prescribedBy}</strong> on {formatDateTime(plan.prescribedAt)}
              {plan.verifiedBy && plan.verifiedAt ? (
                <>
                  {' '}
                  · verified by <strong>{plan.verifiedBy}</strong> on {formatDateTime(plan.verifiedAt)}
                </>
              ) : null}
              {plan.reason ? ` · change: ${plan.reason}` : ''}
            </Text>
            <Text fz="sm">
              {kindWord} {plan.dates[0] ? `starts ${formatDate(plan.startDate)} (D${plan.computed.firstDay})` : ''} ·
              day 0 {formatDate(plan.dayZero)}
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

        {plan.status === 'draft' && (
          <VerificationAlert
            plan={plan}
            canPrescribe={canPrescribe}
            isPrescriber={plan.prescribedById === userId}
            blocked={blocked}
          />
        )}

        <section aria-labelledby="cond-calendar-title">
          <Title order={3} fz="h4" id="cond-calendar-title" mb="xs" className="no-print">
            Calendar
          </Title>
          <ConditioningCalendar
            c={plan.computed}
            dayZero={plan.dayZero}
            today={todayUtc()}
            infusionLabel={infusionLabel}
          />
        </section>
        <AdministrationButton key={plan.id} plan={plan} />

        <section aria-labelledby="cond-doses-title" className="cond-dose-print">
          <Title order={3} fz="h4" id="cond-doses-title" mb="xs">
            Doses
          </Title>
          <PlanDetails c={plan.computed} dates={plan.dates} />
        </section>
      </Stack>

      <Modal
        opened={changing}
        onClose={() => setChanging(false)}
        title={`Change ${plan.computed.templateName} (a new version)`}
        size="90%"
      >
        <PlanForm
          ctx={ctx}
          regimens={regimens}
          existing={plan}
          onCancel={() => setChanging(false)}
          onSaved={(p) => {
            setChanging(false);
            notifications.show({
              color: 'teal',
              title: 'Plan changed',
              message: `Version ${p.version} awaits verification`,
            });
          }}
        />
      </Modal>
      <ReasonModal
        opened={cancelling}
        title="Cancel the plan"
        confirmLabel="Cancel plan"
        onClose={() => setCancelling(false)}
        onConfirm={async (reason) => {
          await cancel.run(reason);
        }}
      >
        The plan ends here and nothing more is given from it; a new plan must be prescribed and verified.
      </ReasonModal>
    </Paper>
  );
}
