import { FAMILY_WRITERS, PATIENT_WRITERS, SETTINGS_WRITERS } from '@engraft/domain';
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { displayName } from '../../format';
import { hasAnyRole, useSignedIn } from '../../session';
import { AntibodySection } from './AntibodySection';
import { DonorRankingSection } from './DonorRankingSection';
import { HaplotypeSection } from './HaplotypeSection';
import { PedigreeSection } from './PedigreeSection';
import { RecipientCmv } from './RecipientCmv';
import { useFamilyData } from './useFamilyData';

/** The family work-up of a patient (issue 19): pedigree, haplotypes, antibodies, ranked related donors. */
export function FamilyPage() {
  const { patientId = '' } = useParams();
  const { data, error, reload } = useFamilyData(patientId);
  const roles = useSignedIn().user.roles;
  const canWrite = hasAnyRole(roles, FAMILY_WRITERS);
  useDocumentTitle(
    data ? `Family work-up · ${displayName(data.record.patient)} · Engraft` : 'Family work-up · Engraft'
  );

  if (error) {
    return (
      <Alert color="red" title={error.status === 404 ? 'Patient not found' : 'Could not load the family work-up'}>
        {error.text}
      </Alert>
    );
  }
  if (!data) return <Text c="dimmed">Loading…</Text>;
  const { record, pedigree, segregation, antibodies, donors, episodeId } = data;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/patients/${patientId}`} fz="sm">
          ← {displayName(record.patient)} ({record.patient.mrn})
        </Anchor>
        <Title order={1} fz="h2">
          Family work-up
        </Title>
      </div>
      {donors.warnings.length > 0 && (
        <Alert color="yellow" title="Before you decide">
          {donors.warnings.map((w) => (
            <Text key={w} size="sm">
              {w}
            </Text>
          ))}
        </Alert>
      )}
      <PedigreeSection
        patientId={patientId}
        pedigree={pedigree}
        segregation={segregation}
        today={record.today}
        canWrite={canWrite}
        onChanged={reload}
      />
      <HaplotypeSection segregation={segregation} />
      <AntibodySection
        patientId={patientId}
        tests={antibodies.tests}
        thresholds={donors.thresholds}
        relatives={pedigree.relatives}
        canWrite={canWrite}
        canSetThresholds={hasAnyRole(roles, SETTINGS_WRITERS)}
        onChanged={reload}
      />
      <RecipientCmv
        patientId={patientId}
        cmv={record.patient.cmv ?? 'unknown'}
        canWrite={hasAnyRole(roles, PATIENT_WRITERS)}
        onChanged={reload}
      />
      <DonorRankingSection
        patientId={patientId}
        donors={donors}
        episodeId={episodeId}
        canWrite={canWrite}
        onChanged={reload}
      />
    </Stack>
  );
}
