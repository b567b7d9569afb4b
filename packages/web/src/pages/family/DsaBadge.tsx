import { formatNumber } from '../../format';
import type { DsaView } from '@engraft/domain';
import { Badge, Stack, Text, Tooltip } from '@mantine/core';

/**
 * The DSA of one candidate: red for a definite DSA over the positive threshold, amber for a possible DSA (an
 * ambiguous or untyped donor position) naming the alleles, green for none, grey when no antibody test exists.
 */
export function DsaBadge({ dsa }: { dsa: DsaView | null }) {
  if (!dsa) {
    return (
      <Badge color="gray" variant="light">
        DSA unknown: no antibody test
      </Badge>
    );
  }
  if (!dsa.hits.length) {
    return (
      <Badge color="green" variant="light">
        No DSA
      </Badge>
    );
  }
  const definite = dsa.hits.filter((h) => h.certainty === 'definite');
  const top = definite[0] ?? dsa.hits[0]!;
  const text = definite.length
    ? `DSA anti-${top.specificity} · MFI ${formatNumber(top.mfi)} (${top.strength})`
    : `Possible DSA: ${top.donorAlleles.join(', ')}`;
  return (
    <Stack gap={2}>
      <Tooltip label={dsa.hits.map((h) => h.reason).join('; ')} multiline w={320}>
        <Badge
          color={definite.length ? 'red' : 'orange'}
          variant="filled"
          style={{ whiteSpace: 'normal', height: 'auto' }}
        >
          {text}
        </Badge>
      </Tooltip>
      {dsa.hits.length > 1 && (
        <Text size="xs" c="dimmed">
          {dsa.hits.length} antibodies against this donor
        </Text>
      )}
    </Stack>
  );
}
