// Episodes per phase (the programme at a glance), skeletons while the worklist loads.
import { EPISODE_PHASES, type Worklist } from '@engraft/domain';
import { Paper, SimpleGrid, Skeleton, Text, Title } from '@mantine/core';

export function PhaseCounts({ data }: { data: Worklist | undefined }) {
  const shown = data
    ? data.phases.filter((p) => p.phase !== 'closed')
    : Object.keys(EPISODE_PHASES)
        .slice(0, 6)
        .map((phase) => ({ phase, n: 0 }));
  return (
    <section aria-labelledby="phases-heading">
      <Title order={2} id="phases-heading" size="h3" mb="xs">
        Episodes by phase
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
        {shown.map((p) => (
          <Paper key={p.phase} withBorder p="sm" radius="md">
            <Text fz="xs" tt="uppercase" c="dimmed" fw={700}>
              {EPISODE_PHASES[p.phase as keyof typeof EPISODE_PHASES]}
            </Text>
            {data ? (
              <Text fz={28} fw={700}>
                {p.n}
              </Text>
            ) : (
              <Skeleton h={34} mt={4} />
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </section>
  );
}
