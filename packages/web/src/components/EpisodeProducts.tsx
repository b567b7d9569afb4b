// The cell products of an episode (issue 7), each linked to its product page, and the lab's form to register a
// product directly on the episode (a cord unit received from a bank, a marrow harvest, a DLI).
import { PRODUCT_PROCESSORS, type Role } from '@engraft/domain';
import { Alert, Anchor, Badge, Button, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { hasAnyRole } from '../session';
import { type Column, DataTable } from './DataTable';
import { useEpisodeProducts } from './products/api';
import { cells, eyeReadableDin, STATUS_COLORS, statusLabel, storageLabel } from './products/productApi';
import { RegisterProductForm } from './products/RegisterProductForm';

type EpisodeProduct = NonNullable<ReturnType<typeof useEpisodeProducts>['data']>[number];

const PRODUCT_COLUMNS: Column<EpisodeProduct>[] = [
  {
    header: 'DIN',
    td: { ff: 'monospace' },
    cell: (p) => (
      <>
        <Anchor component={Link} to={`/products/${p.id}`}>
          {eyeReadableDin(p.din)} {p.dinCheckCharacter}
        </Anchor>
        {p.division !== '00' ? ` ${p.division}` : ''}
      </>
    ),
  },
  { header: 'Product', cell: (p) => p.description },
  {
    header: 'Status',
    cell: (p) => (
      <Badge color={STATUS_COLORS[p.status]} variant="light">
        {statusLabel(p.status)}
      </Badge>
    ),
  },
  { header: 'CD34+', cell: (p) => cells(p.cd34Cells) },
  { header: 'Location', cell: (p) => storageLabel(p.storage) },
];

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
        <DataTable fz="sm" minWidth={560} columns={PRODUCT_COLUMNS} rows={products} rowKey={(p) => p.id} />
      )}
      {open && <RegisterProductForm episodeId={episodeId} />}
    </section>
  );
}
