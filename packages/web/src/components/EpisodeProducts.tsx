// The cell products of an episode (issue 7), each linked to its product page, and the lab's form to register a
// product directly on the episode (a cord unit received from a bank, a marrow harvest, a DLI).
import { PRODUCT_PROCESSORS, type Role } from '@engraft/domain';
import { Alert, Anchor, Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { hasAnyRole } from '../session';
import { useEpisodeProducts } from './products/api';
import { cells, eyeReadableDin, STATUS_COLORS, statusLabel, storageLabel } from './products/productApi';
import { RegisterProductForm } from './products/RegisterProductForm';

export function EpisodeProducts({ episodeId, roles }: { episodeId: string; roles: readonly Role[] }) {
  const query = useEpisodeProducts(episodeId);
  const products = query.data;
  const [open, setOpen] = useState(false);
  const headingId = `episode-${episodeId}-products`;

  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="h4" id={headingId}>
          Cell products
        </Title>
        {hasAnyRole(roles, PRODUCT_PROCESSORS) && (
          <Button size="xs" variant="light" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? 'Close' : 'Register a product'}
          </Button>
        )}
      </Group>
      {query.isError && <Alert color="red">{errorMessage(query.error)}</Alert>}
      {products && products.length === 0 && (
        <Text c="dimmed" fz="sm">
          No product recorded for this episode.
        </Text>
      )}
      {products && products.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">DIN</Table.Th>
                <Table.Th scope="col">Product</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">CD34+</Table.Th>
                <Table.Th scope="col">Location</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td ff="monospace">
                    <Anchor component={Link} to={`/products/${p.id}`}>
                      {eyeReadableDin(p.din)} {p.dinCheckCharacter}
                    </Anchor>
                    {p.division !== '00' ? ` ${p.division}` : ''}
                  </Table.Td>
                  <Table.Td>{p.description}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[p.status]} variant="light">
                      {statusLabel(p.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{cells(p.cd34Cells)}</Table.Td>
                  <Table.Td>{storageLabel(p.storage)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && <RegisterProductForm episodeId={episodeId} />}
    </section>
  );
}
