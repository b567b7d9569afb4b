// What the donor registry is doing (issue 16, ADR 0412): downloading the HLA reference data (bytes and files),
// generating the synthetic demo registry, loading; or why it is not available and who can fix it. A physician is
// told who can load the reference data; an administrator gets the link to do it. Never a command to run.
import { formatNumber } from '../../format';
import { type DonorRegistryStatus, SETTINGS_WRITERS } from '@engraft/domain';
import { Alert, Anchor, Progress, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { hasAnyRole, useSignedIn } from '../../session';

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function LoadingDetail({ status }: { status: Extract<DonorRegistryStatus, { state: 'loading' }> }) {
  if (status.phase === 'release' && status.download) {
    const d = status.download;
    return (
      <Text fz="sm">
        Downloading the HLA reference data (IPD-IMGT/HLA release): {megabytes(d.bytes)} received, {d.files} of{' '}
        {d.totalFiles} files. Each file is checked against the checksums the release publishes.
      </Text>
    );
  }
  if (status.phase === 'donors' && status.generated) {
    const g = status.generated;
    return (
      <Text fz="sm">
        Generating the synthetic demo registry (done once, then kept): {formatNumber(g.donors)} of{' '}
        {formatNumber(g.total)} donors and cord units.
      </Text>
    );
  }
  return <Text fz="sm">The donor registry is being loaded ({status.step}).</Text>;
}

/** The registry's state above the donor search form. */
export function RegistryStatusBanner({ registry }: { registry: DonorRegistryStatus | null }) {
  const info = useSignedIn();
  const admin = hasAnyRole(info.user.roles, SETTINGS_WRITERS);
  if (!registry) return null;
  if (registry.state === 'loading') {
    return (
      <Alert color="blue" title="Donor search is getting ready…" role="status" aria-label="Donor registry progress">
        <Stack gap={6}>
          <LoadingDetail status={registry} />
          <Progress value={registry.percent} aria-label={`${registry.percent}%`} />
          <Text fz="xs" c="dimmed">
            Everything else works meanwhile; saved searches can be read. Searches can start when it is ready.
          </Text>
        </Stack>
      </Alert>
    );
  }
  if (registry.state === 'unavailable') {
    const fixable = registry.reason === 'offline' || registry.reason === 'no-release';
    return (
      <Alert
        color="yellow"
        title={
          registry.reason === 'offline'
            ? 'The HLA reference data could not be downloaded'
            : 'Donor search is not available'
        }
        role="status"
      >
        <Stack gap={6}>
          <Text fz="sm">{registry.message}</Text>
          {fixable && admin && (
            <Anchor component={Link} to="/admin/reference-data" fz="sm">
              Load a release from a file
            </Anchor>
          )}
          {fixable && !admin && (
            <Text fz="sm">Ask an administrator of your centre: only an administrator can load the reference data.</Text>
          )}
        </Stack>
      </Alert>
    );
  }
  return (
    <Text fz="sm" c="dimmed">
      Registry: {formatNumber(registry.donors)} donors, IPD-IMGT/HLA {registry.release}
      {registry.synthetic ? ' — synthetic demo registry (not real donors)' : ''}
    </Text>
  );
}
