// The cell processing lab's worklist (issue 7): products to process, releases awaiting a second signature,
// released products, and the stored inventory by freezer with locations.
import type { LabWorklistRow } from '@engraft/domain';
import { Alert, Anchor, Badge, Center, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { errorMessage } from '../../api';
import { eyeReadableDin, STATUS_COLORS, statusLabel, storageLabel } from '../../components/products/productApi';
import { displayName, formatDate } from '../../format';
import { useLabWorklist } from './api';
import { CheckCharacter } from './ProductHeader';

function ProductTable({
  rows,
  empty,
  show,
}: {
  rows: LabWorklistRow[];
  empty: string;
  show: 'status' | 'location' | 'signature';
}) {
  if (rows.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table fz="sm" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">DIN</Table.Th>
            <Table.Th scope="col">Product</Table.Th>
            <Table.Th scope="col">Recipient</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">{show === 'signature' ? 'First signature' : 'Location'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/products/${p.id}`}>
                  {eyeReadableDin(p.din)}
                </Anchor>
                <CheckCharacter c={p.dinCheckCharacter} />
                {p.division !== '00' ? ` ${p.division}` : ''}
              </Table.Td>
              <Table.Td>
                {p.description}
                {p.cryopreserved ? ' · frozen' : ''}
              </Table.Td>
              <Table.Td>
                {displayName(p.patient)}{' '}
                <Text span c="dimmed" fz="xs">
                  {p.patient.mrn}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Badge color={STATUS_COLORS[p.status]} variant="light">
                    {statusLabel(p.status)}
                  </Badge>
                  {p.sterility === 'positive' && (
                    <Badge
                      color="red"
                      variant="filled"
                      title="Sterility culture positive: release blocked unless a physician authorises it"
                    >
                      culture positive
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {show === 'signature'
                  ? `${p.releaseRequestedBy ?? ''}${p.releaseRequestedAt ? `, ${formatDate(p.releaseRequestedAt)}` : ''}`
                  : storageLabel(p.storage)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Section({
  title,
  count,
  children,
  id,
}: {
  title: string;
  count: number;
  children: React.ReactNode;
  id: string;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Group gap="xs" mb="xs">
        <Title order={2} fz="h4" id={id}>
          {title}
        </Title>
        <Badge variant="light" color="gray">
          {count}
        </Badge>
      </Group>
      {children}
    </Paper>
  );
}

export function LabPage() {
  useDocumentTitle('Cell processing lab · Engraft');
  const worklist = useLabWorklist();
  if (worklist.isError) return <Alert color="red">{errorMessage(worklist.error)}</Alert>;
  if (worklist.isPending) {
    return (
      <Center h={200}>
        <Loader aria-label="Loading the lab worklist" />
      </Center>
    );
  }
  const rows = worklist.data.products;
  const awaiting = rows.filter((p) => p.awaitingSecondSignature);
  const toProcess = rows.filter(
    (p) => (p.status === 'collected' || p.status === 'processing') && !p.awaitingSecondSignature
  );
  const released = rows.filter((p) => p.status === 'released' || p.status === 'thawed');
  const inventory = rows.filter((p) => p.storage && (p.status === 'stored' || p.status === 'released'));
  const freezers = [...new Set(inventory.map((p) => p.storage!.freezer))].sort();
  const shipped = rows.filter((p) => p.status === 'shipped');

  return (
    <Stack gap="lg" maw={1300}>
      <div>
        <Title order={1} fz="h2">
          Cell processing lab
        </Title>
        <Text c="dimmed" fz="sm">
          Products of the centre that are not yet infused or discarded. Open a product to process, store, record QC,
          sign a release or print its label.
        </Text>
      </div>
      <Section title="Awaiting second release signature" count={awaiting.length} id="lab-awaiting">
        <ProductTable rows={awaiting} empty="No release is waiting for a second signature." show="signature" />
      </Section>
      <Section title="To process" count={toProcess.length} id="lab-process">
        <ProductTable rows={toProcess} empty="Nothing to process." show="location" />
      </Section>
      <Section title="Released" count={released.length} id="lab-released">
        <ProductTable rows={released} empty="No released product." show="location" />
      </Section>
      <Section title="Inventory by freezer" count={inventory.length} id="lab-inventory">
        {freezers.length === 0 && (
          <Text c="dimmed" fz="sm">
            No product is in storage.
          </Text>
        )}
        <Stack gap="md">
          {freezers.map((f) => (
            <div key={f}>
              <Title order={3} fz="h5" mb={4}>
                {f}
              </Title>
              <ProductTable rows={inventory.filter((p) => p.storage!.freezer === f)} empty="" show="location" />
            </div>
          ))}
        </Stack>
      </Section>
      {shipped.length > 0 && (
        <Section title="Shipped" count={shipped.length} id="lab-shipped">
          <ProductTable rows={shipped} empty="" show="status" />
        </Section>
      )}
    </Stack>
  );
}
