// Data entry of the monitoring section, for the roles that may write, behind "Record…" buttons (issue 18): each
// opens its form in a drawer (a full-screen sheet on a phone), so the page itself shows charts and summaries only.
// The drawer stays open after a save, showing what the server computed (the CRS/ICANS or GVHD grade, the import
// report), until the user closes it.
import { Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { RecordDrawer } from '../RecordDrawer';
import type { MonitoringSummary } from './api';
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

export function RecordButtons({
  data,
  episodeId,
  patientId,
  cellTherapy,
  allo,
  rights: { canResult, canTransfuse, canAssess, canFollowUp },
  onSaved: reload,
}: {
  data: MonitoringSummary;
  episodeId: string;
  patientId: string;
  cellTherapy: boolean;
  allo: boolean;
  rights: RecordRights;
  onSaved: () => void;
}) {
  const { today, dayZero } = data;
  const latestBili = (data.series.bilirubin ?? []).at(-1)?.value ?? null;
  const masked = data.crsIcans.days.some((d) => d.tocilizumab || d.steroids);
  const entries: { show: boolean; label: string; title: string; form: ReactNode }[] = [
    {
      show: canAssess && cellTherapy,
      label: 'Record CRS/ICANS',
      title: 'Daily CRS/ICANS assessment',
      form: (
        <CrsIcansForm episodeId={episodeId} today={today} dayZero={dayZero} feverMasked={masked} onSaved={reload} />
      ),
    },
    {
      show: canAssess && allo,
      label: 'Record acute GVHD',
      title: 'Acute GVHD assessment',
      form: <AgvhdForm episodeId={episodeId} today={today} dayZero={dayZero} bilirubin={latestBili} onSaved={reload} />,
    },
    {
      show: canResult,
      label: 'Record results',
      title: 'Add a lab result',
      form: <AddResultForm patientId={patientId} today={today} dayZero={dayZero} onSaved={reload} />,
    },
    {
      show: canTransfuse,
      label: 'Record transfusion',
      title: 'Record a transfusion',
      form: <TransfusionForm patientId={patientId} today={today} dayZero={dayZero} onSaved={reload} />,
    },
    {
      show: canResult,
      label: 'Import lab file',
      title: 'Import a lab file',
      form: <ImportForm patientId={patientId} onSaved={reload} />,
    },
    {
      show: canAssess && allo,
      label: 'Record chronic GVHD',
      title: 'Chronic GVHD evaluation',
      form: <CgvhdForm episodeId={episodeId} today={today} dayZero={dayZero} onSaved={reload} />,
    },
    {
      show: canFollowUp,
      label: 'Record follow-up event',
      title: 'Follow-up event',
      form: <ClinicalEventForm episodeId={episodeId} today={today} dayZero={dayZero} onSaved={reload} />,
    },
  ];
  const shown = entries.filter((e) => e.show);
  if (shown.length === 0) return null;
  return (
    <Group gap="xs" className="no-print" role="group" aria-label="Record monitoring data">
      {shown.map((e) => (
        <RecordDrawer key={e.label} label={e.label} title={e.title}>
          {() => e.form}
        </RecordDrawer>
      ))}
    </Group>
  );
}
