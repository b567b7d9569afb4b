import type { AntibodyTest, FamilyDonors, Relative } from '@engraft/domain';
import { Alert, Button, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { QueryState } from '../../data/QueryState';
import { formatDate, formatNumber } from '../../format';
import { AntibodyEntryForm } from './AntibodyEntryForm';
import { useFamilySettings, useImportBeadFile } from './api';
import { CrossmatchForm } from './CrossmatchForm';
import { ThresholdsForm } from './ThresholdsForm';

interface Props {
  patientId: string;
  tests: AntibodyTest[];
  thresholds: FamilyDonors['thresholds'];
  relatives: Relative[];
  canWrite: boolean;
  canSetThresholds: boolean;
  onChanged: () => void;
}

/** The centre's thresholds form, for administrators, behind a button. */
function ThresholdSettings({ onSaved }: { onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const settings = useFamilySettings(open);
  if (!open) {
    return (
      <Group>
        <Button size="xs" variant="default" onClick={() => setOpen(true)}>
          Change thresholds and weights
        </Button>
      </Group>
    );
  }
  return (
    <QueryState query={settings} what="the thresholds">
      {(view) => (
        <ThresholdsForm
          settings={view.settings}
          onSaved={() => {
            setOpen(false);
            onSaved();
          }}
        />
      )}
    </QueryState>
  );
}

/** The centre's MFI thresholds, one line when every locus has the same, else per locus. */
function Thresholds({ thresholds }: { thresholds: FamilyDonors['thresholds'] }) {
  const entries = Object.entries(thresholds);
  const line = (t: (typeof entries)[number][1]) =>
    `positive ≥ ${formatNumber(t.positive)} · strong ≥ ${formatNumber(t.strong)} · desensitisation ≥ ${formatNumber(t.desensitisation)} MFI`;
  const lines = [...new Set(entries.map(([, t]) => line(t)))];
  return (
    <Text size="sm" c="dimmed" aria-label="MFI thresholds">
      Thresholds (centre settings):{' '}
      {lines.length === 1
        ? `${line(entries[0]![1])}, every locus`
        : entries.map(([l, t]) => `${l}: ${line(t)}`).join('; ')}
    </Text>
  );
}

/** The patient's antibody tests by date, and the single-antigen bead CSV import. */
export function AntibodySection({
  patientId,
  tests,
  thresholds,
  relatives,
  canWrite,
  canSetThresholds,
  onChanged,
}: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [testedOn, setTestedOn] = useState('');
  const beads = useImportBeadFile(patientId, () => {
    setFile(null);
    onChanged();
  });

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="antibodies-heading">
      <Title order={2} fz="h3" id="antibodies-heading" mb="xs">
        Anti-HLA antibodies
      </Title>
      <Stack gap="sm">
        <Thresholds thresholds={thresholds} />
        {canSetThresholds && <ThresholdSettings onSaved={onChanged} />}
        {canWrite && (
          <Group align="flex-end" wrap="wrap">
            <FileInput
              label="Single-antigen bead file (CSV)"
              description="Columns: Specificity, MFI, Test Date (optional), Sample ID (optional)"
              accept=".csv,text/csv"
              value={file}
              onChange={setFile}
              clearable
              w={{ base: '100%', sm: 320 }}
            />
            <DateField
              label="Test date"
              description="if the file has none"
              value={testedOn}
              onChange={(e) => setTestedOn(e.currentTarget.value)}
            />
            <Button
              onClick={() => file && void beads.submit({ file, testedOn })}
              loading={beads.submitting}
              disabled={!file}
            >
              Import beads
            </Button>
          </Group>
        )}
        {beads.errors.length > 0 && (
          <Alert color="red" role="alert" title="File refused, nothing imported">
            {beads.errors.map((m) => (
              <Text key={m} size="sm">
                {m}
              </Text>
            ))}
          </Alert>
        )}
        {canWrite && <AntibodyEntryForm patientId={patientId} onSaved={onChanged} />}
        {canWrite && <CrossmatchForm patientId={patientId} relatives={relatives} onSaved={onChanged} />}
        {tests.length === 0 ? (
          <Text c="dimmed">No antibody test recorded.</Text>
        ) : (
          tests.map((t, i) => (
            <div key={t.id}>
              <Text fw={600} size="sm">
                {formatDate(t.testedOn)}
                {i === 0 ? ' (latest: used for DSA)' : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {t.source === 'bead-csv'
                  ? `File ${t.fileName ?? ''}${t.sampleId ? `, sample ${t.sampleId}` : ''}`
                  : 'Entered by hand'}
                {t.lab ? ` · ${t.lab}` : ''} · recorded by {t.recordedBy}
              </Text>
              <Table.ScrollContainer minWidth={280}>
                <Table verticalSpacing={2} maw={420} aria-label={`Bead results ${t.testedOn}`} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Specificity</Table.Th>
                      <Table.Th scope="col" ta="right">
                        MFI
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {t.results.map((r) => (
                      <Table.Tr key={r.specificity}>
                        <Table.Td ff="monospace">{r.specificity}</Table.Td>
                        <Table.Td ta="right">{formatNumber(r.mfi)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </div>
          ))
        )}
      </Stack>
    </Paper>
  );
}
