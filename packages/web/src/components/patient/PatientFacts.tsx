// Who the patient is beyond the banner (date of birth and age, sex, height, CMV IgG serostatus, which those who
// may write set here) and the diagnoses, with "Add diagnosis" for those who may write.
import type { ReactNode } from 'react';
import { DISEASE_STATUSES, type PatientRecord } from '@engraft/domain';
import { Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { DiagnosisForm } from '../DiagnosisForm';
import { RecordDrawer } from '../RecordDrawer';
import { CMV_LABELS, PatientCmvForm } from './PatientCmvForm';
import { ageLabel, diseaseLabel, formatDate, SEX_LABELS } from '../../format';

export function PatientFacts({
  record,
  canWrite,
  onChanged,
}: {
  record: PatientRecord;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { patient, diagnoses, today } = record;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="diagnoses-heading">
      <SimpleGrid cols={{ base: 2, sm: 5 }} component="dl" style={{ margin: 0 }} mb="md">
        <Fact
          term="Date of birth"
          value={`${formatDate(patient.dateOfBirth)} (${ageLabel(patient.dateOfBirth, today)})`}
        />
        <Fact term="Sex" value={SEX_LABELS[patient.sex] ?? patient.sex} />
        <Fact term="Height" value={patient.heightCm != null ? `${patient.heightCm} cm` : '—'} />
        <Fact term="Weight" value={patient.weightKg != null ? `${patient.weightKg} kg` : '—'} />
        <Fact term="CMV" value={CMV_LABELS[patient.cmv ?? 'unknown']}>
          {canWrite && (
            <RecordDrawer label="Set CMV" title="CMV serostatus" size="compact-xs" variant="subtle">
              {(done) => (
                <PatientCmvForm
                  patientId={patient.id}
                  cmv={patient.cmv ?? 'unknown'}
                  onCancel={done}
                  onSaved={() => {
                    done();
                    onChanged();
                  }}
                />
              )}
            </RecordDrawer>
          )}
        </Fact>
      </SimpleGrid>
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h3" id="diagnoses-heading">
          Diagnoses
        </Title>
        {canWrite && (
          <RecordDrawer label="Add diagnosis">
            {(done) => (
              <DiagnosisForm
                patientId={patient.id}
                onCancel={done}
                onSaved={() => {
                  done();
                  onChanged();
                }}
              />
            )}
          </RecordDrawer>
        )}
      </Group>
      {diagnoses.length === 0 ? (
        <Text c="dimmed">No diagnosis recorded.{canWrite ? ' Add the diagnosis before opening an episode.' : ''}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Disease</Table.Th>
                <Table.Th scope="col">Subtype / risk</Table.Th>
                <Table.Th scope="col">Diagnosed</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diagnoses.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td fw={600}>{diseaseLabel(d.disease)}</Table.Td>
                  <Table.Td>{d.subtype ?? '—'}</Table.Td>
                  <Table.Td>{formatDate(d.diagnosisDate)}</Table.Td>
                  <Table.Td>{DISEASE_STATUSES[d.status]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** A term and its value in the facts' list; anything more (a "Set…" button) goes inside the dd, as a dl allows. */
function Fact({ term, value, children }: { term: string; value: string; children?: ReactNode }) {
  return (
    <div>
      <Text component="dt" fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {term}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {value}
        {children}
      </Text>
    </div>
  );
}
