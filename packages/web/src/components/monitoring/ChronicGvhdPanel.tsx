// Chronic GVHD after allogeneic HCT, NIH 2014 consensus (Jagasia MH et al., Biol Blood Marrow Transplant
// 2015;21:389): the global severity of the latest evaluation as a card (mild, moderate or severe, with the rule's
// reason and the worst so far), its trend over evaluations, and the eight organ scores 0–3 of each evaluation
// side by side. The server computes the severity from the stored organ scores (@engraft/clinical cgvhd rule).
import { formatDay } from '@engraft/clinical';
import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import { formatDate } from '../../format';
import type { MonitoringSummary } from './api';
import { CGVHD_ORGANS, CGVHD_SEVERITIES, CGVHD_SEVERITY_COLOR } from './cgvhdOrgans';
import { GradeChart } from './GradeChart';
import { gradeColor } from './gradeDisplay';
import { Panel } from './Panel';

type Evaluation = MonitoringSummary['cgvhd']['evaluations'][number];

/** The columns of the organ table: the latest evaluations, oldest first (a trend reads left to right). */
const SHOWN = 6;

const severityIndex = (s: string): number => Math.max(0, CGVHD_SEVERITIES.indexOf(s as never));

export function ChronicGvhdPanel({ data, headingId }: { data: MonitoringSummary; headingId: string }) {
  const evaluations = data.cgvhd.evaluations;
  const latest = evaluations.at(-1);
  const shown = evaluations.slice(-SHOWN);
  const days = evaluations.map((e) => e.day);
  return (
    <Panel id={headingId} title="Chronic GVHD (NIH 2014)">
      {!latest ? (
        <Text c="dimmed" fz="sm">
          No chronic GVHD evaluation recorded yet.
        </Text>
      ) : (
        <>
          <GlobalCard latest={latest} worst={data.cgvhd.worst} count={evaluations.length} />
          {evaluations.length > 1 && (
            <GradeChart
              title="Chronic GVHD global severity by evaluation (NIH 2014)"
              testId="cgvhd-chart"
              domain={[Math.min(...days) - 7, Math.max(...days) + 7]}
              todayDay={data.todayDay}
              gradeLabel={(g) => CGVHD_SEVERITIES[g] ?? String(g)}
              days={evaluations.map((e) => ({ day: e.day, date: e.date, grade: severityIndex(e.severity) }))}
            />
          )}
          <OrganScores shown={shown} total={evaluations.length} />
        </>
      )}
    </Panel>
  );
}

function GlobalCard({ latest, worst, count }: { latest: Evaluation; worst: string; count: number }) {
  const color = CGVHD_SEVERITY_COLOR[latest.severity] ?? 'gray';
  return (
    <Paper withBorder p="sm" mb="sm" bg={`${color}.0`} data-testid="cgvhd-global">
      <Group gap="xs">
        <Text fw={700}>NIH global severity</Text>
        <Badge color={color} variant={latest.severity === 'severe' ? 'filled' : 'light'} size="lg">
          {latest.severity}
        </Badge>
        <Text fz="sm">
          {formatDay(latest.day)} ({formatDate(latest.date)}) · {latest.organsInvolved} organ
          {latest.organsInvolved === 1 ? '' : 's'} involved
        </Text>
      </Group>
      {latest.explanation && (
        <Text fz="sm" mt={4}>
          {latest.explanation}
        </Text>
      )}
      <Text fz="xs" c="dimmed" mt={4}>
        Worst so far: {worst} · {count} evaluation{count === 1 ? '' : 's'}
        {latest.recordedBy ? ` · latest recorded by ${latest.recordedBy}` : ''}
      </Text>
    </Paper>
  );
}

function OrganScores({ shown, total }: { shown: Evaluation[]; total: number }) {
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped verticalSpacing={4} aria-label="Chronic GVHD organ scores (0–3) by evaluation, oldest first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Organ</Table.Th>
            {shown.map((e) => (
              <Table.Th scope="col" key={e.assessmentId} ff="monospace">
                {formatDay(e.day)}
                <Text span fz={10} c="dimmed" display="block" ff="inherit">
                  {formatDate(e.date)}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CGVHD_ORGANS.map(([key, label]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row">{label}</Table.Th>
              {shown.map((e) => {
                const v = e.organs[key];
                return (
                  <Table.Td key={e.assessmentId}>
                    {v == null ? (
                      <Text span fz="sm" c="dimmed">
                        not examined
                      </Text>
                    ) : (
                      <Badge color={gradeColor(v)} variant={v >= 3 ? 'filled' : 'light'}>
                        {v}
                      </Badge>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">Global severity</Table.Th>
            {shown.map((e) => (
              <Table.Td key={e.assessmentId} fw={700}>
                {e.severity}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {total > shown.length && (
        <Text fz="xs" c="dimmed">
          The latest {shown.length} of {total} evaluations; all are in the follow-up table below.
        </Text>
      )}
    </Table.ScrollContainer>
  );
}
