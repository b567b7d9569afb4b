// The latest check's verdict: a big green MATCH or red STOP with its reasons, then the second person's
// confirmation and, once two people have checked, the start of the infusion.
import type { BedsideCheck } from '@engraft/domain';
import { Alert, Button, List, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatUnitsInText } from '../../format';
import { time } from './bedsideTime';
import { ConfirmModal } from './ConfirmModal';
import { StartForm } from './StartForm';

function Findings({ check }: { check: BedsideCheck }) {
  return (
    <>
      {check.stops.length > 0 && (
        <List size="xl" spacing="xs" mt="sm" c="white" fw={600}>
          {check.stops.map((s) => (
            <List.Item key={s.code}>{formatUnitsInText(s.message)}</List.Item>
          ))}
        </List>
      )}
      {check.warnings.length > 0 && (
        <Alert color="yellow" mt="sm" title="Notes for the team">
          <List>
            {check.warnings.map((w) => (
              <List.Item key={w.code}>{formatUnitsInText(w.message)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}

export function CheckResult({
  check,
  canInfuse,
  weightKg,
}: {
  check: BedsideCheck;
  canInfuse: boolean;
  weightKg: number | null;
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
      <ConfirmModal check={check} opened={confirming} onClose={() => setConfirming(false)} />
      {!stop && check.confirmedBy && canInfuse && <StartForm check={check} weightKg={weightKg} />}
    </Stack>
  );
}
