// The cell dose per kg of an infusion, with the CAR-T label check when there is one.
import { formatDoseUnit, type Infusion } from '@engraft/domain';
import { Stack, Text } from '@mantine/core';
import { RuleDetails } from '../../components/RuleDetails';
import { formatUnitsInText } from '../../format';

export function DoseText({ infusion }: { infusion: Infusion }) {
  if (!infusion.dose) return <Text c="dimmed">No dose: no weight recorded</Text>;
  return (
    <Stack gap={2}>
      {infusion.dose.measures.map((m) => (
        <Text key={m.measure} fw={700} fz="lg" c={m.adequate ? undefined : 'orange.8'}>
          {m.value.toFixed(2)} {formatDoseUnit(m.unit)}{' '}
          {m.measure === 'car-positive-viable-t' ? 'CAR+ viable T cells' : m.measure === 'cd34' ? 'CD34+' : 'TNC'}
          {!m.adequate && ' (outside the standard range)'}
        </Text>
      ))}
      {infusion.dose.cartLabel && (
        <Text fz="sm" c={infusion.dose.cartLabel.withinLabel ? 'dimmed' : 'orange.8'}>
          {formatUnitsInText(infusion.dose.cartLabel.explanation)}
        </Text>
      )}
      <Text fz="xs" c="dimmed">
        for {infusion.dose.weightKg} kg
      </Text>
      <RuleDetails rules={infusion.dose.ruleIds} />
    </Stack>
  );
}
