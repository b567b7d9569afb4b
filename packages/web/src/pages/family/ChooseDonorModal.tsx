import { FamilyDecisionResultSchema, type RankedRelative } from '@engraft/domain';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { apiSend, errorMessage } from '../../api';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { DsaBadge } from './DsaBadge';

interface Props {
  patientId: string;
  episodeId: string;
  candidate: RankedRelative;
  onClose: () => void;
  onChosen: () => void;
}

/** Choose a relative as the episode's donor with a reason (audited); a DSA needs its own confirmation. */
export function ChooseDonorModal({ patientId, episodeId, candidate, onClose, onChosen }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { withConfirmations, dialog } = useConfirmations();

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await withConfirmations((confirmations) =>
        apiSend(
          'POST',
          `/patients/${patientId}/family/decisions`,
          { episodeId, relativeId: candidate.relativeId, reason, confirmations },
          FamilyDecisionResultSchema
        )
      );
      if (done) onChosen();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Choose ${candidate.name} as the donor`} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Rank {candidate.rank}: {candidate.summary}
        </Text>
        <DsaBadge dsa={candidate.dsa} />
        <Textarea
          label="Reason for this choice"
          description="Kept with the decision and in the audit trail"
          withAsterisk
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={busy}>
            Choose this donor
          </Button>
        </Group>
      </Stack>
      {dialog}
    </Modal>
  );
}
