// Counts and doses of a product: what is in the bag and the dose per kg of the recipient with the minimum it is
// checked against (the server's dose rules), and the post-thaw counts once thawed.
import type { ProductDetail } from '@engraft/domain';
import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { cells, countsText, dateTime, doseUnit } from '../../components/products/productApi';

export function CountsPanel({ detail }: { detail: ProductDetail }) {
  const p = detail.product;
  const measures = (
    [
      ['cd34', 'CD34+', p.cd34Cells],
      ['tnc', 'TNC', p.tncCells],
      ['cd3', 'CD3+', p.cd3Cells],
      ['car-t', 'CAR+ T cells', p.carTCells],
    ] as const
  ).filter(([m, , v]) => v != null || m === 'cd34' || m === 'tnc');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="counts-h">
      <Title order={2} fz="h4" id="counts-h" mb="xs">
        Counts and doses
      </Title>
      <Table.ScrollContainer minWidth={320}>
        <Table fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Measure</Table.Th>
              <Table.Th scope="col">In the product</Table.Th>
              <Table.Th scope="col">Per kg of recipient</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>Volume</Table.Td>
              <Table.Td>{p.volumeMl != null ? `${p.volumeMl} mL` : '—'}</Table.Td>
              <Table.Td />
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Viability</Table.Td>
              <Table.Td>{p.viabilityPct != null ? `${p.viabilityPct} %` : '—'}</Table.Td>
              <Table.Td />
            </Table.Tr>
            {measures.map(([m, label, v]) => {
              const dose = detail.doses?.find((d) => d.measure === m);
              return (
                <Table.Tr key={m}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td>{cells(v)}</Table.Td>
                  <Table.Td title={dose?.explanation}>
                    {dose ? (
                      <Group gap={6}>
                        <strong>
                          {dose.value.toFixed(2)} {doseUnit(dose.unit)}
                        </strong>
                        {dose.adequate === false && (
                          <Badge color="red" size="sm">
                            below minimum
                          </Badge>
                        )}
                        {dose.adequate === true && (
                          <Badge color="green" size="sm" variant="light">
                            meets minimum
                          </Badge>
                        )}
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {detail.dosesNote && (
        <Text fz="sm" c="orange.8" mt="xs">
          {detail.dosesNote}
        </Text>
      )}
      {detail.postThaw && (
        <Text fz="sm" mt="xs">
          Post-thaw ({dateTime(detail.postThaw.thawedAt)}): {countsText(detail.postThaw.counts) || 'no counts recorded'}
          {detail.postThaw.doses?.map((d) => ` · ${d.label} ${d.value.toFixed(2)} ${doseUnit(d.unit)}`).join('')}
        </Text>
      )}
    </Paper>
  );
}
