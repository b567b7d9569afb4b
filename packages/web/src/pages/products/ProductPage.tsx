// One cell product (issue 7): identity (DIN with its boxed check character, product code, division), status,
// counts and doses per kg of the recipient, storage, QC, the release signatures and the whole history with
// who/when; the lab's action forms for PRODUCT_PROCESSORS and the label PDF for LABEL_PRINTERS.
import {
  EXCEPTIONAL_RELEASERS,
  LABEL_PRINTERS,
  PROCESSING_STEPS,
  PRODUCT_EVENT_LABELS,
  PRODUCT_KINDS,
  PRODUCT_PROCESSORS,
  QC_TESTS,
  type ProductDetail,
  ProductDetailSchema,
} from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Grid,
  Group,
  List,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiGet, errorMessage } from '../../api';
import { ExceptionalReleaseForm, ProductActions } from '../../components/products/ProductActions';
import {
  cells,
  countsText,
  dateTime,
  doseUnit,
  STATUS_COLORS,
  statusLabel,
  storageLabel,
} from '../../components/products/productApi';
import { displayName } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';

/** A detail value as text (details are JSON: strings, numbers, or nothing). */
const txt = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');

export function CheckCharacter({ c }: { c: string }) {
  return (
    <Box
      component="span"
      aria-label={`check character ${c}`}
      style={{
        border: '1.5px solid currentColor',
        padding: '0 5px',
        marginLeft: 6,
        fontFamily: 'monospace',
        fontWeight: 700,
      }}
    >
      {c}
    </Box>
  );
}

/** "confirmed: TNC — recounted twice" for counts written with a confirmation. */
function confirmedText(d: Record<string, unknown>): string {
  const c = d.confirmed;
  if (!c || typeof c !== 'object') return '';
  return Object.entries(c as Record<string, unknown>)
    .map(([k, reason]) => `confirmed ${k}: ${txt(reason)}`)
    .join(' · ');
}

function describe(e: ProductDetail['events'][number]): string {
  const text = describeEvent(e);
  const confirmed = confirmedText(e.details);
  return [text, confirmed].filter(Boolean).join(' · ');
}

function describeEvent(e: ProductDetail['events'][number]): string {
  const d = e.details;
  const loc = (x: unknown) => (x && typeof x === 'object' ? storageLabel(x as never) : '—');
  switch (e.kind) {
    case 'processed':
    case 'cryopreserved':
      return [
        PROCESSING_STEPS[d.step as keyof typeof PROCESSING_STEPS] ?? txt(d.step),
        countsText(d.counts),
        d.storage ? `→ ${loc(d.storage)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'stored':
    case 'storage-move':
      return `${d.from ? `${loc(d.from)} → ` : ''}${loc(d.to)}`;
    case 'qc':
      return `${QC_TESTS[d.test as keyof typeof QC_TESTS] ?? txt(d.test)}: ${[d.outcome, d.value != null ? `${txt(d.value)}${d.unit ? ` ${txt(d.unit)}` : ''}` : null, d.organism].filter(Boolean).join(' · ')}`;
    case 'release-exception':
    case 'discard-requested':
    case 'discard-cancelled':
    case 'discarded':
      return txt(d.reason ?? '');
    case 'released':
      return `first signature: ${txt(d.requestedBy ?? '—')}${d.exception ? ' · exceptional release (positive culture)' : ''}`;
    case 'thawed':
      return [`at ${dateTime(txt(d.thawedAt) || e.performedAt)}`, countsText(d.counts)].filter(Boolean).join(' · ');
    case 'shipped':
      return `to ${txt(d.destination ?? '')}`;
    case 'received':
      return `${txt(d.condition ?? '')}${d.from ? ` from ${txt(d.from)}` : ''}`;
    case 'registered':
      return `${txt(d.productCode ?? '')} ${txt(d.collectionType ?? '')} ${txt(d.division ?? '')}`;
    default:
      return typeof d.note === 'string' ? d.note : '';
  }
}

export function ProductPage() {
  const { productId = '' } = useParams();
  const info = useSignedIn();
  const [detail, setDetail] = useState<ProductDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    apiGet(`/products/${productId}`, ProductDetailSchema)
      .then(setDetail)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [productId]);
  useEffect(load, [load]);
  useDocumentTitle(detail ? `${detail.product.description} ${detail.eyeReadable.din} · Engraft` : 'Product · Engraft');

  if (error) return <Alert color="red">{error}</Alert>;
  if (!detail) {
    return (
      <Center h={200}>
        <Loader aria-label="Loading the product" />
      </Center>
    );
  }
  const p = detail.product;
  const roles = info.user.roles;
  const processor = hasAnyRole(roles, PRODUCT_PROCESSORS);
  const qc = detail.events.filter((e) => e.kind === 'qc');
  const history = [...detail.events].reverse();

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text fz="sm" c="dimmed">
            <Anchor component={Link} to="/lab">
              Cell processing lab
            </Anchor>{' '}
            · product
          </Text>
          <Title order={1} fz="h2">
            {p.description}{' '}
            <Badge size="lg" color={STATUS_COLORS[p.status]} variant="filled" style={{ verticalAlign: 'middle' }}>
              {statusLabel(p.status)}
            </Badge>
          </Title>
          <Text fz="xl" fw={700} ff="monospace" mt={4} data-testid="din">
            {detail.eyeReadable.din}
            <CheckCharacter c={detail.eyeReadable.checkCharacter} />
          </Text>
          <Text fz="sm">
            Product code <strong>{p.productCode}</strong> · collection type <strong>{p.collectionType}</strong> ·
            division <strong>{p.division}</strong> · {PRODUCT_KINDS[p.kind]}
            {p.cryopreserved ? ' · cryopreserved' : ' · fresh'}
            {p.aboRh ? ` · ABO/Rh ${p.aboRh}` : ''}
            {p.coi ? ` · CoI ${p.coi}` : ''}
          </Text>
          <Text fz="sm">
            {detail.autologous ? 'Autologous, for ' : 'Intended recipient: '}
            <Anchor component={Link} to={`/patients/${detail.patient.id}`}>
              {displayName(detail.patient)}
            </Anchor>{' '}
            ({detail.patient.mrn}
            {detail.patient.weightKg ? `, ${detail.patient.weightKg} kg` : ''})
            {p.expiresAt ? ` · expires ${dateTime(p.expiresAt)}` : ''}
          </Text>
        </div>
        {hasAnyRole(roles, LABEL_PRINTERS) &&
          (detail.label.printable ? (
            <Button
              component="a"
              href={`/api/v1/products/${p.id}/label.pdf`}
              target="_blank"
              rel="noopener"
              leftSection={<IconPrinter size={16} aria-hidden />}
              variant="default"
              onClick={() => window.setTimeout(load, 1500)}
            >
              Print label (PDF)
            </Button>
          ) : (
            <Alert color="red" title="No label until the record is complete" maw={420} data-testid="label-blockers">
              {detail.label.blockers.join('; ')}
            </Alert>
          ))}
      </Group>

      {detail.discardRequest && (
        <Alert color="red" title="Discard requested: waiting for a second person" data-testid="discard-pending">
          {`${detail.discardRequest.requestedBy ?? 'A lab user'} asked to discard this product (${dateTime(detail.discardRequest.requestedAt)}): “${detail.discardRequest.reason}”. It is kept until a different lab user confirms the discard.`}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="release-h">
              <Title order={2} fz="h4" id="release-h" mb="xs">
                Release
              </Title>
              <Table fz="sm" withRowBorders={false}>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row" w={220}>
                      First signature (requested)
                    </Table.Th>
                    <Table.Td>{detail.release.requestedBy ?? '—'}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">Second signature (released)</Table.Th>
                    <Table.Td>
                      {detail.release.releasedBy
                        ? `${detail.release.releasedBy}${detail.release.releasedAt ? `, ${dateTime(detail.release.releasedAt)}` : ''}`
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
              {p.status !== 'released' && detail.release.blockers.length > 0 && (
                <Alert color="red" mt="xs" title="Release is blocked">
                  <List size="sm">
                    {detail.release.blockers.map((b) => (
                      <List.Item key={b}>{b}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {detail.release.warnings.length > 0 && (
                <Alert color="yellow" mt="xs">
                  <List size="sm">
                    {detail.release.warnings.map((w) => (
                      <List.Item key={w}>{w}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </Paper>

            <Paper withBorder p="md" component="section" aria-labelledby="counts-h">
              <Title order={2} fz="h4" id="counts-h" mb="xs">
                Counts and doses
              </Title>
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
                  {(
                    [
                      ['cd34', 'CD34+', p.cd34Cells],
                      ['tnc', 'TNC', p.tncCells],
                      ['cd3', 'CD3+', p.cd3Cells],
                      ['car-t', 'CAR+ T cells', p.carTCells],
                    ] as const
                  )
                    .filter(([m, , v]) => v != null || m === 'cd34' || m === 'tnc')
                    .map(([m, label, v]) => {
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
              {detail.dosesNote && (
                <Text fz="sm" c="orange.8" mt="xs">
                  {detail.dosesNote}
                </Text>
              )}
              {detail.postThaw && (
                <Text fz="sm" mt="xs">
                  Post-thaw ({dateTime(detail.postThaw.thawedAt)}):{' '}
                  {countsText(detail.postThaw.counts) || 'no counts recorded'}
                  {detail.postThaw.doses
                    ?.map((d) => ` · ${d.label} ${d.value.toFixed(2)} ${doseUnit(d.unit)}`)
                    .join('')}
                </Text>
              )}
            </Paper>

            <Paper withBorder p="md" component="section" aria-labelledby="storage-h">
              <Title order={2} fz="h4" id="storage-h" mb="xs">
                Storage location
              </Title>
              <Text data-testid="storage">{storageLabel(p.storage)}</Text>
            </Paper>

            <Paper withBorder p="md" component="section" aria-labelledby="qc-h">
              <Title order={2} fz="h4" id="qc-h" mb="xs">
                QC results
              </Title>
              <Table fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Test</Table.Th>
                    <Table.Th scope="col">Result</Table.Th>
                    <Table.Th scope="col">Recorded</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {qc.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={3}>
                        <Text c="dimmed" fz="sm">
                          No QC results yet.
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {qc.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{QC_TESTS[e.details.test as keyof typeof QC_TESTS] ?? txt(e.details.test)}</Table.Td>
                      <Table.Td>
                        {typeof e.details.outcome === 'string' ? (
                          <Text
                            span
                            fw={700}
                            fz="sm"
                            c={
                              e.details.outcome === 'negative'
                                ? 'green.8'
                                : e.details.outcome === 'positive'
                                  ? 'red.8'
                                  : 'gray.7'
                            }
                          >
                            {e.details.outcome}{' '}
                          </Text>
                        ) : null}
                        {e.details.value != null ? `${txt(e.details.value)} ${txt(e.details.unit)}` : ''}
                        {e.details.organism ? <Text fz="xs">{txt(e.details.organism)}</Text> : null}
                      </Table.Td>
                      <Table.Td>
                        {dateTime(e.performedAt)} · {e.performedBy ?? 'system'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            {processor && (
              <section aria-labelledby="actions-h">
                <Title order={2} fz="h4" id="actions-h" mb="xs">
                  Lab actions
                </Title>
                <ProductActions detail={detail} onChanged={setDetail} />
              </section>
            )}
            {hasAnyRole(roles, EXCEPTIONAL_RELEASERS) &&
              p.sterility === 'positive' &&
              ['collected', 'processing', 'stored'].includes(p.status) && (
                <ExceptionalReleaseForm detail={detail} onChanged={setDetail} />
              )}
          </Stack>
        </Grid.Col>
      </Grid>

      <Paper withBorder p="md" component="section" aria-labelledby="history-h">
        <Title order={2} fz="h4" id="history-h" mb="xs">
          History
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">Details</Table.Th>
                <Table.Th scope="col">Status after</Table.Th>
                <Table.Th scope="col">By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td ff="monospace">{dateTime(e.performedAt)}</Table.Td>
                  <Table.Td fw={600}>{PRODUCT_EVENT_LABELS[e.kind] ?? e.kind}</Table.Td>
                  <Table.Td>{describe(e)}</Table.Td>
                  <Table.Td>{e.statusAfter ? statusLabel(e.statusAfter as never) : ''}</Table.Td>
                  <Table.Td>{e.performedBy ?? 'system'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
