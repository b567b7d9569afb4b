// The "Monitoring" section of an episode at or after day 0: counts against day with thresholds, engraftment and
// transfusion markers, graft-failure alert; CRS/ICANS (cell therapy) or acute GVHD, chimerism and chronic GVHD
// (allogeneic HCT) by day; recent results; and, for the roles that may write, "Record…" buttons opening the data
// entry forms in a drawer. Everything shown is derived by the server from what is recorded (GET /episodes/:id/monitoring).
import { formatDay } from '@engraft/clinical';
import {
  ASSESSORS,
  type Episode,
  EVENT_WRITERS,
  RESULT_WRITERS,
  type Role,
  TRANSFUSION_WRITERS,
} from '@engraft/domain';
import { Alert, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { errorMessage } from '../../api';
import { formatDate } from '../../format';
import { hasAnyRole } from '../../session';
import { AcuteGvhdPanel } from './AcuteGvhdPanel';
import { CELL_THERAPY_TYPES, monitoringKeys, useMonitoring } from './api';
import { BloodCounts } from './BloodCounts';
import { ChronicGvhdPanel } from './ChronicGvhdPanel';
import { CrsIcansPanel } from './CrsIcansPanel';
import { FollowUpTable } from './FollowUpTable';
import { RecentResults } from './RecentResults';
import { RecordButtons } from './RecordButtons';
import { ResultsLog } from './ResultsLog';
import { Panel } from './Panel';

export function MonitoringSection({
  episode,
  patientId,
  roles,
  onChanged,
}: {
  episode: Episode;
  patientId: string;
  roles: readonly Role[];
  onChanged?: () => void;
}) {
  const query = useMonitoring(episode.id);
  const client = useQueryClient();
  // A write already refreshed the monitoring answer (useSubmit's invalidate); this refreshes it after a change
  // made elsewhere too, and tells the patient page, whose alerts and worklist derive from the same results.
  const reload = useCallback(() => {
    void client.invalidateQueries({ queryKey: monitoringKeys.all });
    onChanged?.();
  }, [client, onChanged]);
  const data = query.data;
  const error = query.isError ? errorMessage(query.error) : null;

  const headingId = `monitoring-${episode.id}`;
  if (!data) {
    return (
      <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
        <Title order={2} fz="h3" id={headingId}>
          Monitoring
        </Title>
        {error ? (
          <Alert color="red" role="alert" mt="sm">
            Could not load the monitoring data: {error}
          </Alert>
        ) : (
          <Loader mt="sm" aria-label="Loading the monitoring data" />
        )}
      </Paper>
    );
  }

  const cellTherapy = CELL_THERAPY_TYPES.includes(episode.type);
  const allo = episode.type === 'allogeneic-hct';
  const gf = data.graftFailure;
  const watchGf =
    gf != null &&
    (gf.status === 'awaiting-recovery' || gf.status === 'recovery-pending-confirmation') &&
    data.todayDay > 21;
  const canResult = hasAnyRole(roles, RESULT_WRITERS);
  const canTransfuse = hasAnyRole(roles, TRANSFUSION_WRITERS);
  const canAssess = hasAnyRole(roles, ASSESSORS);
  const canFollowUp = hasAnyRole(roles, EVENT_WRITERS);
  const gradedDays = [...data.crsIcans.days, ...data.agvhd.days].map((d) => d.day);
  // Grades are charted over the days assessed (and today while still early), not over years of follow-up.
  const gradeDomain: [number, number] = [
    Math.min(0, ...gradedDays),
    Math.max(cellTherapy ? 14 : 28, ...gradedDays, data.todayDay <= (cellTherapy ? 30 : 100) ? data.todayDay : 0),
  ];

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="lg">
        <Group justify="space-between" align="baseline">
          <Title order={2} fz="h3" id={headingId}>
            Monitoring
          </Title>
          <Text fz="sm" c="dimmed">
            Today {formatDay(data.todayDay)} · counted from {data.dayZeroIsActual ? 'actual' : 'planned'} day 0 (
            {formatDate(data.dayZero)})
          </Text>
        </Group>

        <RecordButtons
          data={data}
          episodeId={episode.id}
          patientId={patientId}
          cellTherapy={cellTherapy}
          allo={allo}
          rights={{ canResult, canTransfuse, canAssess, canFollowUp }}
          onSaved={reload}
        />

        {gf?.alert && (
          <Alert
            color="red"
            variant="filled"
            icon={<IconAlertTriangle aria-hidden />}
            title={gf.secondaryGraftFailure ? 'Secondary graft failure' : 'Primary graft failure'}
            role="alert"
          >
            {gf.explanation}
          </Alert>
        )}
        {watchGf && gf && (
          <Alert
            color="yellow"
            icon={<IconAlertTriangle aria-hidden />}
            title={`Watch: no neutrophil engraftment yet at ${formatDay(data.todayDay)}`}
            role="status"
          >
            {gf.explanation} Graft failure is declared if there is no recovery by {formatDay(gf.limitDay)}.
          </Alert>
        )}

        <BloodCounts data={data} headingId={headingId} cellTherapy={cellTherapy} canResult={canResult} />

        {cellTherapy && <CrsIcansPanel data={data} headingId={`${headingId}-crs`} gradeDomain={gradeDomain} />}

        {allo && <AcuteGvhdPanel data={data} headingId={`${headingId}-gvhd`} gradeDomain={gradeDomain} />}

        {allo && <ChronicGvhdPanel data={data} headingId={`${headingId}-cgvhd`} />}

        {((data.events?.length ?? 0) > 0 || (data.cgvhd?.evaluations.length ?? 0) > 0) && (
          <FollowUpTable data={data} headingId={`${headingId}-followup`} />
        )}

        <Panel id={`${headingId}-results`} title="Recent results">
          <RecentResults data={data} />
        </Panel>

        <Panel
          id={`${headingId}-log`}
          title={
            canResult || canTransfuse ? 'Results and transfusions: correct or delete' : 'All results and transfusions'
          }
        >
          <ResultsLog data={data} canResult={canResult} canTransfuse={canTransfuse} onChanged={reload} />
        </Panel>
      </Stack>
    </Paper>
  );
}
