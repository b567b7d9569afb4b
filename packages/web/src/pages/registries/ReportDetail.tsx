import type { RegistryReportSummary } from '@engraft/domain';
import { Alert, Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { QueryState } from '../../data/QueryState';
import { formatDate } from '../../format';
import { useReportPreview, useSubmitReport } from './api';
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
export function ReportDetail({ report, canSubmit }: { report: RegistryReportSummary; canSubmit: boolean }) {
  const query = useReportPreview(report.episodeId, report.key);
  const record = useSubmitReport(report.episodeId, report.key);
  const [askReason, setAskReason] = useState(false);
  /** Records the submission and downloads the exact bytes recorded; throws on a refusal (the dialog shows it). */
  const submit = async (overrideReason?: string) => download((await record.run(overrideReason)).id);

  return (
    <Card withBorder padding="md" aria-labelledby="report-heading">
      <Stack>
        <div>
          <Title order={3} fz="h4" id="report-heading">
            {report.label}
          </Title>
          <Text fz="sm">
            {report.patient} · MRN {report.mrn} · due {formatDate(report.dueDate)} ·{' '}
            <Anchor component={Link} to={`/patients/${report.patientId}`}>
              patient record
            </Anchor>
          </Text>
        </div>
        {record.error && !askReason && (
          <Alert color="red" title="Could not complete" role="alert">
            {record.error}
          </Alert>
        )}
        <QueryState query={query} what="the report">
          {(preview) => (
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
                    h="auto"
                    py={6}
                    styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                    loading={record.submitting}
                    color={preview.missingItems.length ? 'orange' : 'teal'}
                    onClick={() =>
                      preview.missingItems.length ? setAskReason(true) : void submit().catch(() => undefined)
                    }
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
        </QueryState>
      </Stack>
      <ReasonModal
        opened={askReason}
        title="Submit with required items missing"
        confirmLabel="Record as submitted"
        minLength={10}
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
