import { Group, Select, Text } from '@mantine/core';
import { useSetRecipientCmv } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

const LABELS = { positive: 'CMV IgG positive', negative: 'CMV IgG negative', unknown: 'Not recorded' } as const;
type Cmv = keyof typeof LABELS;

/** The recipient's CMV serostatus from the patient record, which the ranking's CMV criterion reads. */
export function RecipientCmv({
  patientId,
  cmv,
  canWrite,
  onChanged,
}: {
  patientId: string;
  cmv: Cmv;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const save = useSetRecipientCmv(patientId, onChanged);
  return (
    <Group align="flex-end" gap="sm">
      {canWrite ? (
        <Select
          label="Recipient CMV serostatus (patient record)"
          description="The ranking's CMV criterion reads it"
          data={Object.entries(LABELS).map(([value, label]) => ({ value, label }))}
          value={cmv}
          allowDeselect={false}
          disabled={save.submitting}
          onChange={(v) => v && v !== cmv && void save.submit(v)}
          w={320}
        />
      ) : (
        <Text size="sm">Recipient CMV serostatus (patient record): {LABELS[cmv]}</Text>
      )}
      <ErrorAlert error={save.error} mt={0} />
    </Group>
  );
}
