// A draft plan waits for a second physician (ADR 0530): the prescriber is told they cannot verify it; a plan with
// blocking findings cannot be verified at all (ADR 0531); anyone else who prescribes may verify it.
import type { ConditioningPlanView } from '@engraft/domain';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useVerifyPlan } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

export function VerificationAlert({
  plan,
  canPrescribe,
  isPrescriber,
  blocked,
}: {
  plan: ConditioningPlanView;
  canPrescribe: boolean;
  isPrescriber: boolean;
  blocked: boolean;
}) {
  const verify = useVerifyPlan(plan);
  return (
    <Alert
      color="yellow"
      variant="light"
      title="Awaiting verification"
      className="no-print"
      data-testid="awaiting-verification"
    >
      <Stack gap="xs">
        <Text fz="sm">This plan is not active until a second physician checks the doses and verifies it.</Text>
        {canPrescribe && isPrescriber && (
          <Text fz="sm" fw={600}>
            You prescribed this version, so another physician must verify it.
          </Text>
        )}
        {canPrescribe && !isPrescriber && blocked && (
          <Text fz="sm" fw={600} c="red.8">
            This plan has blocking findings (below): it cannot be verified. Change it into a new version or cancel it.
          </Text>
        )}
        {canPrescribe && !isPrescriber && !blocked && (
          <Group>
            <Button color="teal" loading={verify.submitting} onClick={() => void verify.submit(undefined)}>
              Verify plan
            </Button>
            <Text fz="sm">I have checked the template, parameters and computed doses.</Text>
          </Group>
        )}
        <ErrorAlert error={verify.error} mt={0} />
      </Stack>
    </Alert>
  );
}
