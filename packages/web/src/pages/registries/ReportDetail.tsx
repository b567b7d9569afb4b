import {
  type RegistryReportPreview,
  RegistryReportPreviewSchema,
  type RegistryReportSummary,
  RegistrySubmissionSchema,
} from '@engraft/domain';
import { Alert, Anchor, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { apiGet, apiSend, errorMessage } from '../../api';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { ReportPreview } from './ReportPreview';
import { SubmissionHistory, submissionUrl } from './SubmissionHistory';

/** Starts the browser's download of a recorded submission (the exact bytes that were recorded). */
function download(id: string): void {
  const a = document.createElement('a');
  a.href = submissionUrl(id);
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** One report: who it is about, what is missing (with links), the preview, export and the submission history. */
export function ReportDetail({
  report,
  canSubmit,
  onSubmitted,
}: {
  report: RegistryReportSummary;
  canSubmit: boolean;
  onSubmitted: () => void;
}) {
  const [preview, setPreview] = useState<RegistryReportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [askReason, setAskReason] = useState(false);
  const [busy, setBusy] = useState(false);
  const path = `/episodes/${report.episodeId}/registry-reports/${report.key}`;

  useEffect(() => {
    apiGet(path, RegistryReportPreviewSchema).then(setPreview, (e: unknown) => setError(errorMessage(e)));
  }, [path]);

  const submit = async (overrideReason?: string) => {
    const s = await apiSend(
      'POST',
      `${path}/submissions`,
      overrideReason ? { overrideReason } : {},
      RegistrySubmissionSchema
    );
    notifications.show({
      message: `Submission recorded (SHA-256 ${s.sha256.slice(0, 12)}…); downloading.`,
      color: 'teal',
    });
    download(s.id);
    onSubmitted();
  };
  const submitComplete = async () => {
    setBusy(true);
    try {
      await submit();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" aria-labelledby="report-heading">
      <Stack>
        <div>
          <Title order={3} fz="h4" id="report-heading">
            {report.label}
          </Title>
          <Text fz="sm">
            {report.patient} · MRN {report.mrn} · due {report.dueDate} ·{' '}
            <Anchor component={Link} to={`/patients/${report.patientId}`}>
              patient record
            </Anchor>
          </Text>
        </div>
        {error && (
          <Alert color="red" title="Could not complete">
            {error}
          </Alert>
        )}
        {!preview && !error && <Loader aria-label="Loading the report" />}
        {preview && (
          <>
            {preview.missingItems.length ? (
              <Alert color="orange" title={`${preview.missingItems.length} required item(s) missing`}>
                <List size="sm">
                  {preview.missingItems.map((m) => (
                    <List.Item key={m.item}>
                      <Anchor component={Link} to={m.link}>
                        {m.label}
                      </Anchor>{' '}
                      — {m.detail}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              <Text fz="sm" c="teal.8">
                Every required item is recorded.
              </Text>
            )}
            <ReportPreview preview={preview} />
            <Group>
              {canSubmit && (
                <Button
                  loading={busy}
                  color={preview.missingItems.length ? 'orange' : 'teal'}
                  onClick={() => (preview.missingItems.length ? setAskReason(true) : void submitComplete())}
                >
                  {preview.content.format === 'csv'
                    ? 'Export CSV and record as submitted'
                    : 'Export FHIR Bundle and record as submitted'}
                </Button>
              )}
              <Text fz="xs" c="dimmed">
                {preview.content.bytes} bytes · SHA-256 {preview.content.sha256.slice(0, 16)}…
              </Text>
            </Group>
            <SubmissionHistory submissions={preview.submissions} />
          </>
        )}
      </Stack>
      <ReasonModal
        opened={askReason}
        title="Submit with required items missing"
        confirmLabel="Record as submitted"
        color="orange"
        onClose={() => setAskReason(false)}
        onConfirm={async (reason) => {
          await submit(reason);
          setAskReason(false);
        }}
      >
        <Text fz="sm">
          The registry will receive the report without the missing items. Give the reason; it is kept with the
          submission and in the audit trail.
        </Text>
      </ReasonModal>
    </Card>
  );
}
