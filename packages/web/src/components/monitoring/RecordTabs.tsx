// The data entry tabs of the monitoring section, for the roles that may write: daily CRS/ICANS or acute GVHD
// assessment, a lab result, a transfusion, a lab file, a chronic GVHD evaluation and a follow-up event.
import type { MonitoringSummary } from './api';
import { Tabs, Title } from '@mantine/core';
import { AgvhdForm, CrsIcansForm } from './assessmentForms';
import { CgvhdForm, ClinicalEventForm } from './followUpForms';
import { ImportForm } from './ImportForm';
import { AddResultForm, TransfusionForm } from './labEntryForms';

export interface RecordRights {
  canResult: boolean;
  canTransfuse: boolean;
  canAssess: boolean;
  canFollowUp: boolean;
}

export function RecordTabs({
  data,
  headingId,
  episodeId,
  patientId,
  cellTherapy,
  allo,
  rights: { canResult, canTransfuse, canAssess, canFollowUp },
  onSaved: reload,
}: {
  data: MonitoringSummary;
  headingId: string;
  episodeId: string;
  patientId: string;
  cellTherapy: boolean;
  allo: boolean;
  rights: RecordRights;
  onSaved: () => void;
}) {
  const latestBili = (data.series.bilirubin ?? []).at(-1)?.value ?? null;
  const masked = data.crsIcans.days.some((d) => d.tocilizumab || d.steroids);
  return (
    <section aria-labelledby={`${headingId}-entry`}>
      <Title order={3} fz="h4" id={`${headingId}-entry`} mb="xs">
        Record
      </Title>
      <Tabs
        defaultValue={
          canAssess && cellTherapy ? 'crs' : canResult ? 'result' : canAssess && allo ? 'gvhd' : 'transfusion'
        }
        keepMounted={false}
      >
        <Tabs.List>
          {canAssess && cellTherapy && <Tabs.Tab value="crs">Daily CRS/ICANS assessment</Tabs.Tab>}
          {canAssess && allo && <Tabs.Tab value="gvhd">Acute GVHD assessment</Tabs.Tab>}
          {canResult && <Tabs.Tab value="result">Add result</Tabs.Tab>}
          {canTransfuse && <Tabs.Tab value="transfusion">Record transfusion</Tabs.Tab>}
          {canResult && <Tabs.Tab value="import">Import lab file</Tabs.Tab>}
          {canAssess && allo && <Tabs.Tab value="cgvhd">Chronic GVHD</Tabs.Tab>}
          {canFollowUp && <Tabs.Tab value="event">Follow-up event</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="cgvhd" pt="md">
          <CgvhdForm episodeId={episodeId} today={data.today} dayZero={data.dayZero} onSaved={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="event" pt="md">
          <ClinicalEventForm episodeId={episodeId} today={data.today} dayZero={data.dayZero} onSaved={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="crs" pt="md">
          <CrsIcansForm
            episodeId={episodeId}
            today={data.today}
            dayZero={data.dayZero}
            feverMasked={masked}
            onSaved={reload}
          />
        </Tabs.Panel>
        <Tabs.Panel value="gvhd" pt="md">
          <AgvhdForm
            episodeId={episodeId}
            today={data.today}
            dayZero={data.dayZero}
            bilirubin={latestBili}
            onSaved={reload}
          />
        </Tabs.Panel>
        <Tabs.Panel value="result" pt="md">
          <AddResultForm patientId={patientId} today={data.today} dayZero={data.dayZero} onSaved={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="transfusion" pt="md">
          <TransfusionForm patientId={patientId} today={data.today} dayZero={data.dayZero} onSaved={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportForm patientId={patientId} onSaved={reload} />
        </Tabs.Panel>
      </Tabs>
    </section>
  );
}
