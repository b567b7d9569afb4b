// Implausible values need a recorded reason (issue 13): the server answers 422 with code
// `confirmation-required` and one error per field; this hook asks the user for a reason per field and sends the
// same request again with `confirmations`. Cancelling sends nothing.
import { CONFIRMATION_REQUIRED, type Confirmation } from '@engraft/domain';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api';
import { formatUnitsInText } from '../../format';
import { ErrorAlert } from '../ErrorAlert';

interface Pending {
  findings: { path: string; message: string }[];
  resolve: (c: Confirmation[] | null) => void;
}

export function useConfirmations() {
  const [pending, setPending] = useState<Pending | null>(null);
  /** Runs `submit([])`; on confirmation-required asks for reasons and runs `submit(confirmations)`. Null when cancelled. */
  async function withConfirmations<T>(submit: (confirmations: Confirmation[]) => Promise<T>): Promise<T | null> {
    try {
      return await submit([]);
    } catch (e) {
      if (!(e instanceof ApiError) || e.problem.code !== CONFIRMATION_REQUIRED) throw e;
      const confirmations = await new Promise<Confirmation[] | null>((resolve) =>
        setPending({ findings: e.problem.errors ?? [], resolve })
      );
      setPending(null);
      return confirmations ? submit(confirmations) : null;
    }
  }
  const dialog = pending ? (
    <ConfirmationModal key={pending.findings.map((f) => f.path).join()} pending={pending} />
  ) : null;
  return { withConfirmations, dialog };
}

function ConfirmationModal({ pending }: { pending: Pending }) {
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    const missing = pending.findings.filter((f) => (reasons[f.path] ?? '').trim().length < 3);
    if (missing.length) {
      setError('Give a reason (at least 3 characters) for each value, or cancel and correct it.');
      return;
    }
    pending.resolve(pending.findings.map((f) => ({ field: f.path, reason: reasons[f.path]!.trim() })));
  };
  return (
    <Modal opened onClose={() => pending.resolve(null)} title="Confirm unusual values" size="lg">
      <Stack gap="sm">
        <Text fz="sm">
          These values are possible but outside the usual range. Correct them, or confirm each with a reason; the reason
          is kept in the audit trail.
        </Text>
        {pending.findings.map((f) => (
          <Textarea
            key={f.path}
            label={formatUnitsInText(f.message)}
            description={`Field: ${f.path}`}
            withAsterisk
            autosize
            minRows={1}
            value={reasons[f.path] ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setReasons((r) => ({ ...r, [f.path]: v }));
            }}
          />
        ))}
        <ErrorAlert error={error} mt={0} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => pending.resolve(null)}>
            Cancel and correct
          </Button>
          <Button color="orange" onClick={confirm}>
            Confirm with reason
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
