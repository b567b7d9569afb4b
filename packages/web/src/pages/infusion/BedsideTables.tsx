// The episode's infusions and every bedside check, refused ones too.
import { type BedsideCheck, INFUSION_REACTIONS, type Infusion } from '@engraft/domain';
import { Badge, Table, Text, Title } from '@mantine/core';
import { formatUnitsInText } from '../../format';
import { time } from './bedsideTime';
import { DoseText } from './DoseText';

export function InfusionsTable({ infusions }: { infusions: Infusion[] }) {
  return (
    <section aria-labelledby="infusions-heading">
      <Title order={2} size="h3" id="infusions-heading" mb="xs">
        Infusions
      </Title>
      {infusions.length === 0 ? (
        <Text c="dimmed">No infusion recorded yet.</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Start – end (UTC)</Table.Th>
              <Table.Th>Volume</Table.Th>
              <Table.Th>Reactions</Table.Th>
              <Table.Th>Dose per kg</Table.Th>
              <Table.Th>Two people</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {infusions.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  {i.product.description}
                  <Text fz="xs" ff="monospace">
                    {i.product.din} {i.product.productCode} {i.product.division}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {time(i.startedAt)} – {i.endedAt ? time(i.endedAt).slice(-5) : 'running'}
                </Table.Td>
                <Table.Td>{i.volumeMl != null ? `${i.volumeMl} mL` : '—'}</Table.Td>
                <Table.Td>
                  {i.endedAt
                    ? i.reactions.map((r) => INFUSION_REACTIONS[r]).join(', ') +
                      (i.reactionNote ? ` (${i.reactionNote})` : '')
                    : '—'}
                </Table.Td>
                <Table.Td>
                  <DoseText infusion={i} />
                </Table.Td>
                <Table.Td>
                  {i.checkedBy} / {i.confirmedBy}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

export function ChecksTable({ checks }: { checks: BedsideCheck[] }) {
  return (
    <section aria-labelledby="checks-heading">
      <Title order={2} size="h3" id="checks-heading" mb="xs">
        Bedside checks ({checks.length})
      </Title>
      {checks.length === 0 ? (
        <Text c="dimmed">No check yet.</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When (UTC)</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Scanned</Table.Th>
              <Table.Th>Reasons and notes</Table.Th>
              <Table.Th>By / second check</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {checks.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{time(c.performedAt)}</Table.Td>
                <Table.Td miw={110}>
                  <Badge
                    size="lg"
                    color={c.result === 'stop' ? 'red' : 'green'}
                    variant="filled"
                    styles={{ label: { overflow: 'visible' } }}
                  >
                    {c.result === 'stop' ? 'STOP' : c.infusionId ? 'Infused' : 'Match'}
                  </Badge>
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {c.scanned.mrn} · {c.scanned.din}
                  {c.scanned.productCode ? ` · ${c.scanned.productCode}` : ''}
                  {c.scanned.coi ? ` · ${c.scanned.coi}` : ''}
                </Table.Td>
                <Table.Td fz="sm">
                  {formatUnitsInText([...c.stops, ...c.warnings].map((f) => f.message).join(' ')) || '—'}
                </Table.Td>
                <Table.Td fz="sm">
                  {c.performedBy}
                  {c.confirmedBy ? ` / ${c.confirmedBy}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
