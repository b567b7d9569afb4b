// The "Monitoring" section of an episode at or after day 0: counts against day with thresholds, engraftment and
// transfusion markers, graft-failure alert; CRS/ICANS (cell therapy) or acute GVHD and chimerism (allogeneic HCT)
// by day; recent results; and, for the roles that may write, the data entry forms. Everything shown is derived
// by the server from what is recorded (GET /episodes/:id/monitoring).
import { dayRelative, formatDay } from '@engraft/clinical';
import {
  ANALYTES,
  ASSESSORS,
  CLINICAL_EVENT_KINDS,
  type Episode,
  EVENT_WRITERS,
  RESULT_WRITERS,
  type Role,
  TRANSFUSION_WRITERS,
  MonitoringViewSchema,
} from '@engraft/domain';
import {
  Alert,
  Badge,
  Chip,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { apiGet, errorMessage } from '../../api';
import { formatDate, formatUnit } from '../../format';
import { hasAnyRole } from '../../session';
import { gradeColor, ROMAN } from './assessmentFields';
import { GradeChart, SeriesChart, type VMarker } from './charts';
import { ChimerismPanel } from './ChimerismPanel';
import { ResultsLog } from './ResultsLog';
import { AddResultForm, AgvhdForm, CrsIcansForm, ImportForm, TransfusionForm } from './entryForms';
import { CgvhdForm, ClinicalEventForm } from './followUpForms';
import { CELL_THERAPY_TYPES, type MonitoringSummary } from './monitoringApi';

const TABLE_ANALYTES = [
  'anc',
  'wbc',
  'platelets',
  'hemoglobin',
  'bilirubin',
  'creatinine',
  'crp',
  'ferritin',
  'cmv-pcr',
] as const;
const SHORT: Record<string, string> = {
  anc: 'ANC',
  wbc: 'WBC',
  platelets: 'Platelets',
  hemoglobin: 'Hb',
  bilirubin: 'Bilirubin',
  creatinine: 'Creatinine',
  crp: 'CRP',
  ferritin: 'Ferritin',
  'cmv-pcr': 'CMV PCR',
};
const NEUTROPHIL_COLOR = 'var(--mantine-color-teal-8)';
const PLATELET_COLOR = 'var(--mantine-color-indigo-7)';

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
  const [data, setData] = useState<MonitoringSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [extra, setExtra] = useState<string[]>([]);
  const [windowChoice, setWindowChoice] = useState<string | null>(null);
  const reload = useCallback(() => {
    setVersion((v) => v + 1);
    onChanged?.();
  }, [onChanged]);

  useEffect(() => {
    const ctrl = new AbortController();
    apiGet(`/episodes/${episode.id}/monitoring`, MonitoringViewSchema, { signal: ctrl.signal }).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(errorMessage(e));
      }
    );
    return () => ctrl.abort();
  }, [episode.id, version]);

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
  const s = (a: string) => data.series[a] ?? [];
  const allDays = [
    ...Object.values(data.series).flatMap((p) => (p ?? []).map((x) => x.day)),
    ...data.transfusions.map((t) => t.day),
  ];
  const win = windowChoice ?? (data.todayDay <= 35 ? '30' : data.todayDay <= 100 ? 'all' : '100');
  const domainLo = Math.min(0, ...allDays.filter((d) => d >= -14));
  const domainHi =
    win === 'all'
      ? Math.max(data.todayDay, 28, ...allDays)
      : win === '100'
        ? 100
        : Math.max(30, Math.min(data.todayDay, 35));
  const domain: [number, number] = [domainLo, domainHi];
  const inWindow = <T extends { day: number }>(xs: T[]): T[] =>
    xs.filter((p) => p.day >= domainLo && p.day <= domainHi);
  const eng = data.engraftment;
  const ancMarkers: VMarker[] = eng?.neutrophil
    ? [
        {
          day: eng.neutrophil.day,
          label: `Neutrophil ${cellTherapy ? 'recovery' : 'engraftment'} ${formatDay(eng.neutrophil.day)}`,
          color: NEUTROPHIL_COLOR,
        },
      ]
    : [];
  const pltMarkers: VMarker[] = eng?.platelet
    ? [
        {
          day: eng.platelet.day,
          label: `Platelet ${cellTherapy ? 'recovery' : 'engraftment'} ${formatDay(eng.platelet.day)}`,
          color: PLATELET_COLOR,
        },
      ]
    : [];
  const pltTransfusions = data.transfusions
    .filter((t) => t.product === 'platelets')
    .map((t) => ({
      day: t.day,
      label: `Platelet transfusion ${formatDay(t.day)} (${t.date})`,
      color: 'var(--mantine-color-orange-7)',
    }));
  const rbcTransfusions = data.transfusions
    .filter((t) => t.product !== 'platelets')
    .map((t) => ({
      day: t.day,
      label: `Red-cell transfusion ${formatDay(t.day)} (${t.date})`,
      color: 'var(--mantine-color-red-7)',
    }));
  const gf = data.graftFailure;
  const watchGf =
    gf != null &&
    (gf.status === 'awaiting-recovery' || gf.status === 'recovery-pending-confirmation') &&
    data.todayDay > 21;
  const canResult = hasAnyRole(roles, RESULT_WRITERS);
  const canTransfuse = hasAnyRole(roles, TRANSFUSION_WRITERS);
  const canAssess = hasAnyRole(roles, ASSESSORS);
  const canFollowUp = hasAnyRole(roles, EVENT_WRITERS);
  const latestBili = s('bilirubin').at(-1)?.value ?? null;
  const masked = data.crsIcans.days.some((d) => d.tocilizumab || d.steroids);
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

        <section aria-labelledby={`${headingId}-counts`}>
          <Group justify="space-between" mb="xs">
            <Title order={3} fz="h4" id={`${headingId}-counts`}>
              Blood counts
            </Title>
            <Group gap="md">
              <SegmentedControl
                size="xs"
                aria-label="Days shown"
                value={win}
                onChange={setWindowChoice}
                data={[
                  { value: '30', label: 'D0–D+30' },
                  { value: '100', label: 'D0–D+100' },
                  { value: 'all', label: `All (to ${formatDay(Math.max(data.todayDay, ...allDays))})` },
                ]}
              />
              <Chip.Group multiple value={extra} onChange={setExtra}>
                <Group gap="xs" role="group" aria-label="Also show">
                  <Chip value="wbc" size="xs">
                    White cells
                  </Chip>
                  <Chip value="hemoglobin" size="xs">
                    Hemoglobin
                  </Chip>
                </Group>
              </Chip.Group>
            </Group>
          </Group>
          {s('anc').length + s('platelets').length === 0 && (
            <Text c="dimmed" fz="sm" mb="xs">
              No blood counts recorded yet{canResult ? ': add a result or import a lab file below' : ''}.
            </Text>
          )}
          <Stack gap={4} display={s('anc').length + s('platelets').length === 0 ? 'none' : undefined}>
            <SeriesChart
              title="ANC (neutrophils)"
              unit="×10⁹/L"
              points={inWindow(s('anc'))}
              domain={domain}
              todayDay={data.todayDay}
              color={NEUTROPHIL_COLOR}
              threshold={{ value: 0.5, label: 'ANC 0.5 (engraftment threshold)' }}
              markers={inWindow(ancMarkers)}
              testId="anc-chart"
            />
            <SeriesChart
              title="Platelets"
              unit="×10⁹/L"
              points={inWindow(s('platelets'))}
              domain={domain}
              todayDay={data.todayDay}
              color={PLATELET_COLOR}
              threshold={{ value: 20, label: 'Platelets 20 (engraftment threshold)' }}
              markers={inWindow(pltMarkers)}
              ticksBelow={inWindow(pltTransfusions)}
              testId="platelet-chart"
            />
            {extra.includes('wbc') && (
              <SeriesChart
                title="White cells"
                unit="×10⁹/L"
                points={inWindow(s('wbc'))}
                domain={domain}
                todayDay={data.todayDay}
                color="var(--mantine-color-blue-7)"
                height={170}
              />
            )}
            {extra.includes('hemoglobin') && (
              <SeriesChart
                title="Hemoglobin"
                unit="g/dL"
                points={inWindow(s('hemoglobin'))}
                domain={domain}
                todayDay={data.todayDay}
                color="var(--mantine-color-red-8)"
                ticksBelow={inWindow(rbcTransfusions)}
                height={170}
              />
            )}
            <Group gap="lg" fz="xs" c="dimmed" aria-hidden>
              <Text fz="xs" c="dimmed">
                ○ hollow dot: below threshold
              </Text>
              <Text fz="xs" c="orange.8">
                ▼ platelet transfusion
              </Text>
              <Text fz="xs" c="red.8">
                ┆ today
              </Text>
            </Group>
          </Stack>
          {eng && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm" data-testid="engraftment">
              <EngraftmentCard
                name={`Neutrophil ${cellTherapy ? 'recovery' : 'engraftment'}`}
                hasData={s('anc').some((p) => p.day >= 0)}
                recovery={eng.neutrophil}
                status={eng.neutrophilStatus}
                explanation={eng.neutrophilExplanation}
                color="teal"
              />
              <EngraftmentCard
                name={`Platelet ${cellTherapy ? 'recovery' : 'engraftment'}`}
                hasData={s('platelets').some((p) => p.day >= 0)}
                recovery={eng.platelet}
                status={eng.plateletStatus}
                explanation={eng.plateletExplanation}
                color="indigo"
              />
            </SimpleGrid>
          )}
        </section>

        {cellTherapy && (
          <section aria-labelledby={`${headingId}-crs`}>
            <Title order={3} fz="h4" id={`${headingId}-crs`} mb="xs">
              CRS and ICANS
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
              <CourseCard name="CRS" course={data.crsIcans.crs} assessed={data.crsIcans.days.length} />
              <CourseCard name="ICANS" course={data.crsIcans.icans} assessed={data.crsIcans.days.length} />
            </SimpleGrid>
            {data.crsIcans.days.length > 0 && (
              <>
                <GradeChart
                  title="CRS grade by day"
                  testId="crs-chart"
                  domain={gradeDomain}
                  todayDay={data.todayDay}
                  days={data.crsIcans.days.map((d) => ({
                    day: d.day,
                    date: d.date,
                    grade: d.crsGrade,
                    treatments: [...(d.tocilizumab ? ['Tocilizumab'] : []), ...(d.steroids ? ['Steroids'] : [])],
                  }))}
                />
                <GradeChart
                  title="ICANS grade by day"
                  testId="icans-chart"
                  domain={gradeDomain}
                  todayDay={data.todayDay}
                  days={data.crsIcans.days.map((d) => ({ day: d.day, date: d.date, grade: d.icansGrade }))}
                />
                <Text fz="xs" c="dimmed" aria-hidden>
                  Above the CRS bars: T = tocilizumab given, S = corticosteroids given.
                </Text>
              </>
            )}
            <Table.ScrollContainer minWidth={560} mt="xs">
              <Table striped verticalSpacing={4} aria-label="CRS and ICANS assessments by day">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Day</Table.Th>
                    <Table.Th scope="col">Date</Table.Th>
                    <Table.Th scope="col">CRS</Table.Th>
                    <Table.Th scope="col">ICANS</Table.Th>
                    <Table.Th scope="col">ICE</Table.Th>
                    <Table.Th scope="col">Treatment</Table.Th>
                    <Table.Th scope="col">Recorded by</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.crsIcans.days.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={7}>
                        <Text c="dimmed" fz="sm">
                          No assessment recorded yet.
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {[...data.crsIcans.days].reverse().map((d) => (
                    <Table.Tr key={d.date}>
                      <Table.Td ff="monospace" fw={600}>
                        {formatDay(d.day)}
                      </Table.Td>
                      <Table.Td>{formatDate(d.date)}</Table.Td>
                      <Table.Td>
                        <GradeBadge grade={d.crsGrade} />
                      </Table.Td>
                      <Table.Td>
                        <GradeBadge grade={d.icansGrade} />
                      </Table.Td>
                      <Table.Td>{d.iceScore == null ? 'not done' : `${d.iceScore}/10`}</Table.Td>
                      <Table.Td>
                        {[d.tocilizumab && 'tocilizumab', d.steroids && 'steroids'].filter(Boolean).join(', ') || '—'}
                      </Table.Td>
                      <Table.Td>{d.recordedBy ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        )}

        {allo && (
          <section aria-labelledby={`${headingId}-gvhd`}>
            <Title order={3} fz="h4" id={`${headingId}-gvhd`} mb="xs">
              Acute GVHD and chimerism
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
              <CourseCard name="Acute GVHD" course={data.agvhd.course} assessed={data.agvhd.days.length} roman />
              <LatestStages data={data} />
            </SimpleGrid>
            {data.agvhd.days.length > 0 && (
              <GradeChart
                title="Acute GVHD grade by day (MAGIC)"
                testId="agvhd-chart"
                domain={gradeDomain}
                todayDay={data.todayDay}
                gradeLabel={(g) => ROMAN[g] ?? String(g)}
                days={data.agvhd.days.map((d) => ({ day: d.day, date: d.date, grade: d.grade }))}
              />
            )}
            <ChimerismPanel data={data} headingId={`${headingId}-chimerism`} />
          </section>
        )}

        {((data.events?.length ?? 0) > 0 || (data.cgvhd?.evaluations.length ?? 0) > 0) && (
          <section aria-labelledby={`${headingId}-followup`}>
            <Title order={3} fz="h4" id={`${headingId}-followup`} mb="xs">
              Follow-up
            </Title>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Day</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[
                  ...(data.events ?? []).map((e) => ({
                    date: e.occurredOn,
                    what: CLINICAL_EVENT_KINDS[e.kind],
                    details: Object.values(e.details)
                      .filter((v) => typeof v === 'string')
                      .join(', '),
                  })),
                  ...(data.cgvhd?.evaluations ?? []).map((c) => ({
                    date: c.date,
                    what: 'Chronic GVHD evaluation',
                    details: `${c.severity} (${c.organsInvolved} organs)`,
                  })),
                ]
                  .sort((a, b) => a.date.localeCompare(b.date))
                  .map((row, i) => (
                    <Table.Tr key={`${row.date}-${i}`}>
                      <Table.Td>{row.date}</Table.Td>
                      <Table.Td ff="monospace">{formatDay(dayRelative(row.date, data.dayZero))}</Table.Td>
                      <Table.Td>{row.what}</Table.Td>
                      <Table.Td>{row.details}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </section>
        )}

        <section aria-labelledby={`${headingId}-results`}>
          <Title order={3} fz="h4" id={`${headingId}-results`} mb="xs">
            Recent results
          </Title>
          <RecentResults data={data} />
        </section>

        <section aria-labelledby={`${headingId}-log`}>
          <Title order={3} fz="h4" id={`${headingId}-log`} mb="xs">
            {canResult || canTransfuse ? 'Results and transfusions: correct or delete' : 'All results and transfusions'}
          </Title>
          <ResultsLog data={data} canResult={canResult} canTransfuse={canTransfuse} onChanged={reload} />
        </section>

        {(canResult || canTransfuse || canAssess) && (
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
                <CgvhdForm episodeId={episode.id} today={data.today} dayZero={data.dayZero} onSaved={reload} />
              </Tabs.Panel>
              <Tabs.Panel value="event" pt="md">
                <ClinicalEventForm episodeId={episode.id} today={data.today} dayZero={data.dayZero} onSaved={reload} />
              </Tabs.Panel>
              <Tabs.Panel value="crs" pt="md">
                <CrsIcansForm
                  episodeId={episode.id}
                  today={data.today}
                  dayZero={data.dayZero}
                  feverMasked={masked}
                  onSaved={reload}
                />
              </Tabs.Panel>
              <Tabs.Panel value="gvhd" pt="md">
                <AgvhdForm
                  episodeId={episode.id}
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
        )}
      </Stack>
    </Paper>
  );
}

function GradeBadge({ grade, roman }: { grade: number; roman?: boolean }) {
  return (
    <Badge color={gradeColor(grade)} variant={grade >= 3 ? 'filled' : 'light'}>
      {roman ? ROMAN[grade] : grade}
    </Badge>
  );
}

function EngraftmentCard({
  name,
  hasData,
  recovery,
  status,
  explanation,
  color,
}: {
  name: string;
  hasData: boolean;
  recovery: { date: string; day: number } | null;
  status: string;
  explanation: string;
  color: string;
}) {
  return (
    <Paper withBorder p="sm" bg={recovery ? `${color}.0` : undefined}>
      <Text fz="sm" fw={700}>
        {name}:{' '}
        {recovery ? (
          <Text span fw={800} c={`${color}.9`}>
            {formatDay(recovery.day)} ({formatDate(recovery.date)})
          </Text>
        ) : !hasData ? (
          'no results after day 0 yet'
        ) : status === 'never-below-threshold' ? (
          'never fell below the threshold'
        ) : (
          'not yet'
        )}
      </Text>
      <Text fz="xs" c="dimmed">
        {explanation}
      </Text>
    </Paper>
  );
}

function CourseCard({
  name,
  course,
  assessed,
  roman,
}: {
  name: string;
  course: { maxGrade: number; onsetDay: number | null; durationDays: number | null };
  assessed: number;
  roman?: boolean;
}) {
  return (
    <Paper withBorder p="sm" data-testid={`course-${name.toLowerCase().replace(/\s+/g, '-')}`}>
      <Group gap="xs">
        <Text fw={700}>{name}</Text>
        <Badge color={gradeColor(course.maxGrade)} variant={course.maxGrade >= 3 ? 'filled' : 'light'} size="lg">
          max grade {roman ? ROMAN[course.maxGrade] : course.maxGrade}
        </Badge>
      </Group>
      <Text fz="sm" mt={4}>
        {assessed === 0
          ? 'No assessment recorded yet.'
          : course.onsetDay == null
            ? `No ${name} (grade ≥1) in ${assessed} assessment${assessed === 1 ? '' : 's'}.`
            : `Onset ${formatDay(course.onsetDay)} · duration ${course.durationDays} day${course.durationDays === 1 ? '' : 's'} (onset to last day graded ≥1)`}
      </Text>
    </Paper>
  );
}

function LatestStages({ data }: { data: MonitoringSummary }) {
  const last = data.agvhd.days.at(-1);
  return (
    <Paper withBorder p="sm">
      <Text fw={700}>Latest organ stages</Text>
      {last ? (
        <Text fz="sm" mt={4}>
          {formatDay(last.day)}: skin {last.stages.skin ?? 0}, liver {last.stages.liver ?? 0}, upper GI{' '}
          {last.stages.upperGi ?? 0}, lower GI {last.stages.lowerGi ?? 0} → grade {ROMAN[last.grade]}
        </Text>
      ) : (
        <Text fz="sm" c="dimmed" mt={4}>
          No acute GVHD assessment yet.
        </Text>
      )}
    </Paper>
  );
}

function RecentResults({ data }: { data: MonitoringSummary }) {
  const byDate = new Map<string, { day: number; values: Record<string, number> }>();
  const present = TABLE_ANALYTES.filter((a) => (data.series[a] ?? []).length > 0);
  for (const a of present) {
    for (const p of data.series[a] ?? []) {
      const row = byDate.get(p.date) ?? { day: p.day, values: {} };
      row.values[a] = p.value;
      byDate.set(p.date, row);
    }
  }
  const rows = [...byDate].sort((a, b) => b[0].localeCompare(a[0])).slice(0, 10);
  if (!rows.length) {
    return (
      <Text c="dimmed" fz="sm">
        No results recorded yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing={4} aria-label="Recent results, newest first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Day</Table.Th>
            <Table.Th scope="col">Date</Table.Th>
            {present.map((a) => (
              <Table.Th scope="col" key={a}>
                {SHORT[a]}
                <Text span fz={10} c="dimmed" display="block">
                  {formatUnit(ANALYTES[a].unit)}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([date, r]) => (
            <Table.Tr key={date}>
              <Table.Td ff="monospace" fw={600}>
                {formatDay(r.day)}
              </Table.Td>
              <Table.Td>{formatDate(date)}</Table.Td>
              {present.map((a) => {
                const v = r.values[a];
                const low = (a === 'anc' && v != null && v < 0.5) || (a === 'platelets' && v != null && v < 20);
                return (
                  <Table.Td key={a} fw={low ? 700 : undefined} c={low ? 'red.8' : undefined}>
                    {v ?? ''}
                    {low && <VisuallyHidden> (below threshold)</VisuallyHidden>}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
