// One cell product (issue 7): identity (DIN with its boxed check character, product code, division), status,
// counts and doses per kg of the recipient, storage, QC, the release signatures and the whole history with
// who/when; the lab's action forms for PRODUCT_PROCESSORS and the label PDF for LABEL_PRINTERS.
import { EXCEPTIONAL_RELEASERS, PRODUCT_PROCESSORS } from '@engraft/domain';
import { Alert, Center, Grid, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { errorMessage } from '../../api';
import { dateTime, storageLabel } from '../../components/products/productApi';
import { hasAnyRole, useSignedIn } from '../../session';
import { productKeys, useProduct } from './api';
import { CountsPanel } from './CountsPanel';
import { ExceptionalReleaseForm } from './ExceptionalReleaseForm';
import { ProductActions } from './ProductActions';
import { ProductHeader } from './ProductHeader';
import { ProductHistory } from './ProductHistory';
import { QcResults } from './QcResults';
import { ReleasePanel } from './ReleasePanel';

export function ProductPage() {
  const { productId = '' } = useParams();
  const roles = useSignedIn().user.roles;
  const query = useProduct(productId);
  const client = useQueryClient();
  const detail = query.data;
  useDocumentTitle(detail ? `${detail.product.description} ${detail.eyeReadable.din} · Engraft` : 'Product · Engraft');

  if (query.isError) return <Alert color="red">{errorMessage(query.error)}</Alert>;
  if (!detail) {
    return (
      <Center h={200}>
        <Loader aria-label="Loading the product" />
      </Center>
    );
  }
  const p = detail.product;

  return (
    <Stack gap="lg" maw={1200}>
      <ProductHeader
        detail={detail}
        roles={roles}
        onPrinted={() => void client.invalidateQueries({ queryKey: productKeys.detail(productId) })}
      />
      {detail.discardRequest && (
        <Alert color="red" title="Discard requested: waiting for a second person" data-testid="discard-pending">
          {`${detail.discardRequest.requestedBy ?? 'A lab user'} asked to discard this product (${dateTime(detail.discardRequest.requestedAt)}): “${detail.discardRequest.reason}”. It is kept until a different lab user confirms the discard.`}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <ReleasePanel detail={detail} />
            <CountsPanel detail={detail} />
            <Paper withBorder p="md" component="section" aria-labelledby="storage-h">
              <Title order={2} fz="h4" id="storage-h" mb="xs">
                Storage location
              </Title>
              <Text data-testid="storage">{storageLabel(p.storage)}</Text>
            </Paper>
            <QcResults detail={detail} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            {hasAnyRole(roles, PRODUCT_PROCESSORS) && (
              <section aria-labelledby="actions-h">
                <Title order={2} fz="h4" id="actions-h" mb="xs">
                  Lab actions
                </Title>
                <ProductActions detail={detail} />
              </section>
            )}
            {hasAnyRole(roles, EXCEPTIONAL_RELEASERS) &&
              p.sterility === 'positive' &&
              ['collected', 'processing', 'stored'].includes(p.status) && <ExceptionalReleaseForm detail={detail} />}
          </Stack>
        </Grid.Col>
      </Grid>
      <ProductHistory detail={detail} />
    </Stack>
  );
}
