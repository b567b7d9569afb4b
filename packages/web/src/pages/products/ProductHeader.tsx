// A product's identity at the top of its page: description and status, the DIN with its boxed check character,
// product code, collection type, division, the recipient, and the label PDF (or why there is none yet).
import { LABEL_PRINTERS, PRODUCT_KINDS, type ProductDetail, type Role } from '@engraft/domain';
import { Alert, Anchor, Badge, Box, Button, Group, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { Link } from 'react-router';
import { dateTime, STATUS_COLORS, statusLabel } from '../../components/products/productApi';
import { displayName } from '../../format';
import { hasAnyRole } from '../../session';

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

export function ProductHeader({
  detail,
  roles,
  onPrinted,
}: {
  detail: ProductDetail;
  roles: readonly Role[];
  /** Called a moment after the label PDF is opened (the server records the printing). */
  onPrinted: () => void;
}) {
  const p = detail.product;
  return (
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
          Product code <strong>{p.productCode}</strong> · collection type <strong>{p.collectionType}</strong> · division{' '}
          <strong>{p.division}</strong> · {PRODUCT_KINDS[p.kind]}
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
            onClick={() => window.setTimeout(onPrinted, 1500)}
          >
            Print label (PDF)
          </Button>
        ) : (
          <Alert color="red" title="No label until the record is complete" maw={420} data-testid="label-blockers">
            {detail.label.blockers.join('; ')}
          </Alert>
        ))}
    </Group>
  );
}
