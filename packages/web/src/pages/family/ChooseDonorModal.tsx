import type { RankedRelative } from '@engraft/domain';
import { Stack, Text } from '@mantine/core';
import { KEEP_OPEN, ReasonModal } from '../../components/safety/ReasonModal';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { useChooseFamilyDonor } from './api';
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
  const { withConfirmations, dialog } = useConfirmations();
  const decision = useChooseFamilyDonor(patientId, episodeId, withConfirmations);
  const choose = async (reason: string) => {
    const done = await decision.run({ relativeId: candidate.relativeId, reason });
    if (!done) return KEEP_OPEN; // the DSA confirmation was cancelled: nothing chosen
    onChosen();
    return done;
  };
  return (
    <ReasonModal
      opened
      title={`Choose ${candidate.name} as the donor`}
      size="lg"
      label="Reason for this choice"
      description="Kept with the decision and in the audit trail"
      confirmLabel="Choose this donor"
      color="teal"
      confirmation={dialog}
      onClose={onClose}
      onConfirm={choose}
    >
      <Stack gap="sm">
        <Text size="sm">
          Rank {candidate.rank}: {candidate.summary}
        </Text>
        <DsaBadge dsa={candidate.dsa} />
      </Stack>
    </ReasonModal>
  );
}
