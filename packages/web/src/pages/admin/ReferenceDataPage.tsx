// HLA reference data (/admin/reference-data, issue 16, ADR 0412): where the server's IPD-IMGT/HLA release stands
// and, when it could not be downloaded, an administrator loads one from a ZIP file. The server verifies every file
// against the release's published md5 checksums and refuses the upload naming what is missing or wrong; audited.
import { formatNumber } from '../../format';
import {
  type DonorRegistryStatus,
  RELEASE_UPLOAD_MAX_BYTES,
  type ReleaseUploadResult,
  SETTINGS_WRITERS,
} from '@engraft/domain';
import { Alert, Button, FileInput, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { hasAnyRole, useSignedIn } from '../../session';
import { useDonorRegistryStatus, useUploadRelease } from './api';

/** The file as base64 (without the data: URL prefix). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve((typeof reader.result === 'string' ? reader.result : '').replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`${file.name}: the file could not be read`));
    reader.readAsDataURL(file);
  });
}

function StatusLine({ status }: { status: DonorRegistryStatus | undefined }) {
  if (!status) return null;
  if (status.state === 'ready') {
    return (
      <>
        <Text>
          Installed: IPD-IMGT/HLA {status.release}; the donor registry is ready ({formatNumber(status.donors)} donors
          {status.synthetic ? ', synthetic demo registry' : ''}
          {status.rankThreads
            ? `; probability ranking on ${status.rankThreads} worker thread${status.rankThreads === 1 ? '' : 's'}`
            : ''}
          ).
        </Text>
        {status.rankThreads === 0 && (
          <Alert color="yellow" title="Probability ranking workers stopped">
            Searches are still ranked, on the server&apos;s own thread, which is slower on a large registry and holds up
            other requests meanwhile. Restart the server to start the workers again.
          </Alert>
        )}
      </>
    );
  }
  if (status.state === 'loading') {
    return (
      <Text>
        The donor registry is loading ({status.percent}%: {status.step}).
      </Text>
    );
  }
  return <Text>{status.message}</Text>;
}

export function ReferenceDataPage() {
  useDocumentTitle('Reference data · Engraft');
  const info = useSignedIn();
  const admin = hasAnyRole(info.user.roles, SETTINGS_WRITERS);
  const status = useDonorRegistryStatus();
  const release = useUploadRelease();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<ReleaseUploadResult | null>(null);

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      if (file.size > RELEASE_UPLOAD_MAX_BYTES) throw new Error(`${file.name} is larger than 32 MB`);
      const contentBase64 = await base64Of(file);
      setLoaded(await release.run({ fileName: file.name, contentBase64 }));
      setFile(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md" maw={760}>
      <Title order={1} fz="h2">
        HLA reference data
      </Title>
      <Text c="dimmed" fz="sm">
        Donor search reads HLA names against an IPD-IMGT/HLA release. The server downloads one by itself when it starts;
        when it cannot (no internet), an administrator loads one here.
      </Text>
      <StatusLine status={status.data} />
      {status.isError && (
        <Alert color="red" title="Could not load the reference data status" role="alert">
          {errorMessage(status.error)}
        </Alert>
      )}
      {!admin && <Alert color="gray">Only an administrator can load the reference data.</Alert>}
      {admin && (
        <Paper withBorder p="md" component="section" aria-label="Load a release from a file">
          <Stack gap="sm">
            <Title order={2} fz="h4">
              Load a release from a file
            </Title>
            <Text fz="sm">
              A ZIP archive of the release&apos;s files: release_version.txt, md5checksum.txt, Allelelist.txt and the
              wmda folder (hla_nom.txt, hla_nom_g.txt, hla_nom_p.txt, rel_dna_ser.txt, rel_ser_ser.txt,
              md5checksum.txt), at most 32 MB. Every file is checked against the checksums the release publishes.
            </Text>
            <FileInput
              label="Release archive (.zip)"
              accept=".zip,application/zip"
              value={file}
              onChange={setFile}
              clearable
            />
            <Button onClick={() => void upload()} loading={busy} disabled={!file} w="fit-content">
              Load the release
            </Button>
          </Stack>
        </Paper>
      )}
      {error && (
        <Alert color="red" title="The release was not loaded" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {loaded && (
        <Alert color="green" title={`IPD-IMGT/HLA ${loaded.release} loaded and verified`} role="status">
          <List size="sm">
            {loaded.files.map((f) => (
              <List.Item key={f}>{f}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
