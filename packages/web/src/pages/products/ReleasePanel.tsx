// The release section of a product page: both signatures, sterility, and what blocks or warns about release
// (the server's releaseCheck, shown in its words).
import type { ProductDetail } from '@engraft/domain';
import { Alert, Badge, List, Paper, Table, Title } from '@mantine/core';
import { dateTime } from '../../components/products/productApi';

export function ReleasePanel({ detail }: { detail: ProductDetail }) {
  const p = detail.product;
  const { release } = detail;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="release-h">
      <Title order={2} fz="h4" id="release-h" mb="xs">
        Release
      </Title>
      <Table fz="sm" withRowBorders={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row" w="45%">
              First signature (requested)
            </Table.Th>
            <Table.Td>{release.requestedBy ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Second signature (released)</Table.Th>
            <Table.Td>
              {release.releasedBy
                ? `${release.releasedBy}${release.releasedAt ? `, ${dateTime(release.releasedAt)}` : ''}`
                : '—'}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Sterility</Table.Th>
            <Table.Td>
              <Badge
                color={p.sterility === 'negative' ? 'green' : p.sterility === 'positive' ? 'red' : 'gray'}
                variant="light"
              >
                {p.sterility}
              </Badge>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {p.status !== 'released' && release.blockers.length > 0 && (
        <Alert color="red" mt="xs" title="Release is blocked">
          <List size="sm">
            {release.blockers.map((b) => (
              <List.Item key={b}>{b}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {release.warnings.length > 0 && (
        <Alert color="yellow" mt="xs">
          <List size="sm">
            {release.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Paper>
  );
}
