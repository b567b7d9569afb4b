// The outcomes page's choices: the cohort (disease, episode type, donor type, day 0 range), the endpoint and the
// grouping. Each change is written to the address, which the page reads.
import { Button, Group, NativeSelect, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { ENDPOINT_INFO, ENDPOINT_NAMES, GROUP_BY_LABELS } from '../../components/outcomes/curves';
import { DISEASE_OPTIONS, EPISODE_TYPE_OPTIONS } from '../../forms';
import { DONOR_TYPE_OPTIONS, type Query } from './outcomesQuery';

export function CohortForm({
  query,
  rangeError,
  set,
}: {
  query: Query;
  rangeError: string | null;
  set: (changes: Record<string, string | null>) => void;
}) {
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label="Cohort, endpoint and grouping"
      onSubmit={(e) => e.preventDefault()}
    >
      <Stack gap="sm">
        <Title order={2} fz="h4">
          Cohort
        </Title>
        <NativeSelect
          label="Disease"
          data={[{ value: '', label: 'All diseases' }, ...DISEASE_OPTIONS]}
          value={query.disease}
          onChange={(e) => set({ disease: e.currentTarget.value })}
        />
        <NativeSelect
          label="Episode type"
          data={[{ value: '', label: 'All episode types' }, ...EPISODE_TYPE_OPTIONS]}
          value={query.episodeType}
          onChange={(e) => set({ episodeType: e.currentTarget.value })}
        />
        <NativeSelect
          label="Donor type"
          data={[{ value: '', label: 'All donor types' }, ...DONOR_TYPE_OPTIONS]}
          value={query.donorType}
          onChange={(e) => set({ donorType: e.currentTarget.value })}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Day 0 from"
            value={query.from}
            onChange={(e) => set({ from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label="Day 0 to"
            value={query.to}
            error={rangeError}
            onChange={(e) => set({ to: e.currentTarget.value })}
          />
        </Group>
        <Text fz="xs" c="dimmed" mt={-4}>
          Dates of infusion (day 0) to include; leave empty for all.
        </Text>

        <Radio.Group
          label={
            <Title order={2} fz="h4">
              Endpoint
            </Title>
          }
          value={query.endpoint}
          onChange={(v) => set({ endpoint: v })}
          mt="xs"
        >
          <Stack gap="xs" mt="xs">
            {ENDPOINT_NAMES.map((name) => {
              const e = ENDPOINT_INFO[name];
              return (
                <Radio
                  key={name}
                  value={name}
                  label={`${e.short} — ${e.label}`}
                  description={`${e.definition} ${e.estimator === 'survival' ? 'Kaplan–Meier; groups compared by the log-rank test.' : 'Cumulative incidence (Aalen–Johansen); groups compared by Gray’s test.'}`}
                />
              );
            })}
          </Stack>
        </Radio.Group>

        <NativeSelect
          label="Compare groups"
          data={Object.entries(GROUP_BY_LABELS).map(([value, label]) => ({ value, label }))}
          value={query.groupBy}
          onChange={(e) => set({ groupBy: e.currentTarget.value === 'none' ? null : e.currentTarget.value })}
          mt="xs"
        />
        {(query.disease || query.episodeType || query.donorType || query.from || query.to) && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => set({ disease: null, episodeType: null, donorType: null, from: null, to: null })}
            style={{ alignSelf: 'flex-start' }}
          >
            Clear cohort filters
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
