// Import of a lab file (CSV or FHIR R4 Bundle of Observations): the whole file or nothing. A refused file lists
// its lines in error; values outside their usual range are confirmed with a reason per flagged line.
import { type LabImportReport, type Problem } from '@engraft/domain';
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../../api';
import { useConfirmations } from '../safety/useConfirmations';
import { useImportLabs } from './api';
import { ErrorAlert } from '../ErrorAlert';

type ImportOutcome = { kind: 'accepted'; report: LabImportReport } | { kind: 'refused'; problem: Problem } | null;

export function ImportForm({ patientId, onSaved }: { patientId: string; onSaved: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome>(null);
  const [error, setError] = useState<string | null>(null);
  const { withConfirmations, dialog } = useConfirmations();
  const importLabs = useImportLabs(patientId, withConfirmations);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOutcome(null);
    setError(null);
    if (!file) {
      setError('Choose a CSV or FHIR JSON file first.');
      return;
    }
    try {
      const content = await file.text();
      const format = /\.json$/i.test(file.name) || content.trimStart().startsWith('{') ? 'fhir' : 'csv';
      // Values outside their usual range: a reason per flagged line, or nothing is imported.
      const report = await importLabs.run({ format, content });
      if (report === null) return;
      setOutcome({ kind: 'accepted', report });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setOutcome({ kind: 'refused', problem: err.problem });
      else setError(errorMessage(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Import a lab file">
      <Stack gap="xs">
        <Text fz="sm" c="dimmed">
          CSV with the header <code>date,analyte,value,unit[,lineage][,mrn]</code> (transfusions: analyte{' '}
          <code>platelet-transfusion</code> or <code>red-cell-transfusion</code>, empty value and unit), or a FHIR R4
          Bundle of Observations (.json). The whole file is imported, or nothing.
        </Text>
        <Group align="flex-end" gap="sm">
          <div>
            <Text component="label" htmlFor="lab-file" fz="sm" fw={500} display="block" mb={4}>
              Lab file
            </Text>
            <input
              id="lab-file"
              type="file"
              accept=".csv,.json,text/csv,application/json,application/fhir+json"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setOutcome(null);
              }}
            />
          </div>
          <Button type="submit" loading={importLabs.submitting} variant="light">
            Import file
          </Button>
        </Group>
        <ErrorAlert error={error} />
        {outcome?.kind === 'accepted' && (
          <Alert color="teal" title="File imported" role="status" data-testid="import-report">
            <Text fz="sm">
              {outcome.report.inserted} result{outcome.report.inserted === 1 ? '' : 's'} stored
              {outcome.report.duplicates.length
                ? `; ${outcome.report.duplicates.length} already recorded (skipped)`
                : ''}
              .
            </Text>
            {outcome.report.duplicates.length > 0 && (
              <List size="sm" mt={4}>
                {outcome.report.duplicates.slice(0, 20).map((d) => (
                  <List.Item key={d.line}>
                    line {d.line}: {d.message}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {outcome?.kind === 'refused' && (
          <Alert color="red" title="File not imported: nothing was stored" role="alert" data-testid="import-report">
            <Text fz="sm">{outcome.problem.detail}</Text>
            <List size="sm" mt={4}>
              {(outcome.problem.errors ?? []).slice(0, 50).map((e, i) => (
                <List.Item key={i}>
                  <strong>{e.path}</strong>: {e.message}
                </List.Item>
              ))}
            </List>
            <Text fz="sm" mt={4}>
              Correct these lines in the file and import it again.
            </Text>
          </Alert>
        )}
        {dialog}
      </Stack>
    </form>
  );
}
