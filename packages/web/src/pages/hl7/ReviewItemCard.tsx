// One item of the HL7 review queue: what the hospital's message proposed, and Apply / Discard (each with a reason).
import { ANALYTES, HL7_APPLICABLE_KINDS, HL7_REVIEW_KINDS, type Hl7ReviewItem } from '@engraft/domain';
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../format';

type Observation = { analyte: string; value: number; unit: string; observedOn: string; lineage?: string | null };
type Result = { obx?: number; status?: string; observation: Observation };

const kindLabel = (kind: string): string => (HL7_REVIEW_KINDS as Record<string, string>)[kind] ?? kind;

function ResultsTable({ results }: { results: Result[] }) {
  return (
    <Table withTableBorder fz="sm" aria-label="Results in the message">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Date</Table.Th>
          <Table.Th>Analyte</Table.Th>
          <Table.Th>Value as sent</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {results.map((r, i) => (
          <Table.Tr key={i}>
            <Table.Td>{r.observation.observedOn}</Table.Td>
            <Table.Td>
              {(ANALYTES as Record<string, { label: string }>)[r.observation.analyte]?.label ?? r.observation.analyte}
              {r.observation.lineage ? ` (${r.observation.lineage})` : ''}
            </Table.Td>
            <Table.Td>
              {r.observation.value} {r.observation.unit}
            </Table.Td>
            <Table.Td>{r.status === 'C' ? 'corrected' : 'final'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Demographics({ proposal }: { proposal: Record<string, unknown> }) {
  const current = proposal.current as Record<string, string> | undefined;
  const proposed = (proposal.proposed ?? proposal.demographics) as Record<string, string> | undefined;
  if (!proposed) return null;
  const fields = ['familyName', 'givenName', 'dateOfBirth', 'sex'] as const;
  const label = { familyName: 'Family name', givenName: 'Given name', dateOfBirth: 'Date of birth', sex: 'Sex' };
  return (
    <Table withTableBorder fz="sm" aria-label="Demographics">
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          {current && <Table.Th>On record</Table.Th>}
          <Table.Th>In the message</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((f) => (
          <Table.Tr key={f} fw={current && current[f] !== proposed[f] ? 700 : undefined}>
            <Table.Td>{label[f]}</Table.Td>
            {current && <Table.Td>{current[f]}</Table.Td>}
            <Table.Td>{proposed[f]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ReviewItemCard({
  item,
  onAction,
}: {
  item: Hl7ReviewItem;
  onAction: (item: Hl7ReviewItem, action: 'apply' | 'discard') => void;
}) {
  const p = item.proposal;
  const results = (p.results as Result[] | undefined) ?? (p.result ? [p.result as Result] : []);
  const applicable = HL7_APPLICABLE_KINDS.includes(item.kind);
  return (
    <Paper withBorder p="md" component="article" aria-label={`${kindLabel(item.kind)}: ${item.summary}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge color={applicable ? 'blue' : 'gray'}>{kindLabel(item.kind)}</Badge>
            {item.mrn && <Text fw={600}>MRN {item.mrn}</Text>}
          </Group>
          <Text fz="xs" c="dimmed">
            {item.message.type} {item.message.controlId} from {item.message.sendingFacility},{' '}
            {formatDateTime(item.createdAt, { utc: true })}
          </Text>
        </Group>
        <Text fz="sm">{item.summary}</Text>
        {results.length > 0 && <ResultsTable results={results} />}
        <Demographics proposal={p} />
        {typeof p.obx === 'string' && (
          <Text fz="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {p.obx}
          </Text>
        )}
        {item.status === 'open' ? (
          <Group justify="flex-end">
            {applicable && (
              <Button size="xs" color="teal" onClick={() => onAction(item, 'apply')}>
                Apply
              </Button>
            )}
            <Button size="xs" variant="default" onClick={() => onAction(item, 'discard')}>
              Discard
            </Button>
          </Group>
        ) : (
          <Text fz="sm" c="dimmed">
            {item.status === 'applied' ? 'Applied' : 'Discarded'} by {item.resolvedBy ?? '?'}: {item.resolutionReason}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
