// A running infusion: its dose per kg, and the end of infusion with the volume and any reaction.
import { INFUSION_REACTIONS, type Infusion, type InfusionReaction } from '@engraft/domain';
import { Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { NumericField } from '../../components/NumericField';
import { useCompleteInfusion } from './api';
import { localNow, time, toIso } from './bedsideTime';
import { DoseText } from './DoseText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTimeField } from '../../components/DateTimeField';

export function CompleteForm({ infusion, canInfuse }: { infusion: Infusion; canInfuse: boolean }) {
  const [endedAt, setEndedAt] = useState(localNow());
  const [volume, setVolume] = useState<number | string>('');
  const [reactions, setReactions] = useState<InfusionReaction[]>(['none']);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const complete = useCompleteInfusion(infusion, setErrors);
  async function submit() {
    setErrors({});
    await complete.submit({
      endedAt: toIso(endedAt),
      // the volume as typed: text that is not a number is refused by the server naming the field, never sent as null
      ...(volume === '' ? {} : { volumeMl: volume }),
      reactions,
      ...(note.trim() ? { reactionNote: note.trim() } : {}),
    });
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
            <DateTimeField size="lg" label="End" value={endedAt} onChange={setEndedAt} error={errors.endedAt} />
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
            onChange={(picked) => {
              const v = picked;
              setReactions(
                v.includes('none') && !reactions.includes('none')
                  ? ['none']
                  : v.filter((r) => r !== 'none' || v.length === 1)
              );
            }}
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
          <ErrorAlert error={complete.error} mt={0} />
          <Button size="lg" onClick={() => void submit()} loading={complete.submitting} w="fit-content">
            Record end of infusion
          </Button>
        </Stack>
      )}
    </Paper>
  );
}
