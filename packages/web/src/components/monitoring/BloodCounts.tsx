// Blood counts against day: ANC and platelets with their engraftment thresholds, engraftment (or recovery) and
// transfusion markers, white cells and hemoglobin on demand, over D0–D+30, D0–D+100 or the whole follow-up.
import { formatDay } from '@engraft/clinical';
import { Chip, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { MonitoringSummary } from './api';
import { SeriesChart, type SeriesChartProps, type VMarker } from './charts';
import { EngraftmentCard } from './summaryCards';
import { Panel } from './Panel';

const NEUTROPHIL_COLOR = 'var(--mantine-color-teal-8)';
const PLATELET_COLOR = 'var(--mantine-color-indigo-7)';

/** One chart of a count against day; the white cells and hemoglobin only when asked for. */
type CountChart = Omit<SeriesChartProps, 'points' | 'domain' | 'todayDay' | 'unit'> & {
  analyte: string;
  /** Default ×10⁹/L. */
  unit?: string;
  optional?: boolean;
};

export function BloodCounts({
  data,
  headingId,
  cellTherapy,
  canResult,
}: {
  data: MonitoringSummary;
  headingId: string;
  cellTherapy: boolean;
  canResult: boolean;
}) {
  const [extra, setExtra] = useState<string[]>([]);
  const [windowChoice, setWindowChoice] = useState<string | null>(null);
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
  const recovery = cellTherapy ? 'recovery' : 'engraftment';
  const recoveryMarker = (cells: string, day: number | undefined, color: string): VMarker[] =>
    day === undefined ? [] : [{ day, label: `${cells} ${recovery} ${formatDay(day)}`, color }];
  const transfusionTicks = (platelets: boolean, name: string, color: string): VMarker[] =>
    data.transfusions
      .filter((t) => (t.product === 'platelets') === platelets)
      .map((t) => ({ day: t.day, label: `${name} transfusion ${formatDay(t.day)} (${t.date})`, color }));
  const charts: CountChart[] = [
    {
      analyte: 'anc',
      title: 'ANC (neutrophils)',
      color: NEUTROPHIL_COLOR,
      threshold: { value: 0.5, label: 'ANC 0.5 (engraftment threshold)' },
      markers: recoveryMarker('Neutrophil', eng?.neutrophil?.day, NEUTROPHIL_COLOR),
      testId: 'anc-chart',
    },
    {
      analyte: 'platelets',
      title: 'Platelets',
      color: PLATELET_COLOR,
      threshold: { value: 20, label: 'Platelets 20 (engraftment threshold)' },
      markers: recoveryMarker('Platelet', eng?.platelet?.day, PLATELET_COLOR),
      ticksBelow: transfusionTicks(true, 'Platelet', 'var(--mantine-color-orange-7)'),
      testId: 'platelet-chart',
    },
    { analyte: 'wbc', title: 'White cells', color: 'var(--mantine-color-blue-7)', height: 170, optional: true },
    {
      analyte: 'hemoglobin',
      title: 'Hemoglobin',
      unit: 'g/dL',
      color: 'var(--mantine-color-red-8)',
      ticksBelow: transfusionTicks(false, 'Red-cell', 'var(--mantine-color-red-7)'),
      height: 170,
      optional: true,
    },
  ];
  return (
    <Panel
      id={`${headingId}-counts`}
      title="Blood counts"
      aside={
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
      }
    >
      {s('anc').length + s('platelets').length === 0 && (
        <Text c="dimmed" fz="sm" mb="xs">
          No blood counts recorded yet{canResult ? ': add a result or import a lab file below' : ''}.
        </Text>
      )}
      <Stack gap={4} display={s('anc').length + s('platelets').length === 0 ? 'none' : undefined}>
        {charts
          .filter((c) => !c.optional || extra.includes(c.analyte))
          .map(({ analyte, unit, markers, ticksBelow, optional: _, ...chart }) => (
            <SeriesChart
              key={analyte}
              {...chart}
              unit={unit ?? '×10⁹/L'}
              points={inWindow(s(analyte))}
              domain={domain}
              todayDay={data.todayDay}
              markers={markers && inWindow(markers)}
              ticksBelow={ticksBelow && inWindow(ticksBelow)}
            />
          ))}
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
    </Panel>
  );
}
