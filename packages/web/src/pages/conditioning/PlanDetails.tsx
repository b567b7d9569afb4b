// The computed plan: body size used, one row per drug (dose rule, computed amount, route, times, total), the
// findings (blocking ones in red: the plan cannot be prescribed or verified; values to confirm in orange) and
// the intensity (declared intent vs suggested, warned when they disagree or the regimen is not classifiable).
import {
  blockingFindings,
  type ConditioningPlanComputation,
  type PlanFinding,
  weightBasisLabel,
} from '@engraft/clinical';
import type { ConditioningPlanView } from '@engraft/domain';
import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '../../format';
import { amount, NOT_COMPUTED, ROUTE_LABELS, timesText } from './format';
import { RuleDetails } from '../../components/RuleDetails';

const n = (x: number | null | undefined, d: number) => (x == null ? NOT_COMPUTED : Number(x.toFixed(d)).toString());

export function BodySize({ c }: { c: ConditioningPlanComputation }) {
  const b = c.body;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" aria-label="Body size used">
      <Fact
        label="Height / weight"
        value={`${n(c.patient.heightCm, 1)} cm · ${n(c.patient.weightKg, 1)} kg`}
        hint={`${c.patient.sex}, ${c.patient.ageYears} y`}
      />
      <Fact
        label={`BSA (${b.bsaFormula})`}
        value={b.bsaUsedM2 == null ? NOT_COMPUTED : `${n(b.bsaUsedM2, 3)} m²`}
        hint={
          b.bsaCapped
            ? `capped from ${n(b.bsaM2, 3)} m² at ${n(b.bsaCapM2 ?? 0, 2)}`
            : `from ${weightBasisLabel(b.bsaWeightBasis)} ${n(b.bsaWeightKg, 1)} kg${b.bsaCapM2 ? `, cap ${n(b.bsaCapM2, 2)} m²` : ', no cap'}`
        }
      />
      {b.ibwKg == null || b.ibwKg <= 0 ? (
        <Fact label="IBW (Devine)" value="not applicable" hint={b.ibwNotApplicable ?? 'below 152.4 cm (60 in)'} />
      ) : (
        <Fact
          label="IBW (Devine)"
          value={`${n(b.ibwKg, 1)} kg`}
          hint={`AdjBW25 ${n(b.adjbw25Kg, 2)} · AdjBW40 ${n(b.adjbw40Kg, 1)} kg`}
        />
      )}
      <Fact label="BMI" value={n(b.bmi, 1)} hint={`rules ${b.bsaRuleId}, ${b.weightRuleId}`} />
    </SimpleGrid>
  );
}

function Fact({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
      <Text fz="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

export function DoseTable({ c, dates }: { c: ConditioningPlanComputation; dates: ConditioningPlanView['dates'] }) {
  const dateOf = (day: number) => dates.find((d) => d.day === day)?.date;
  const dayRange = (days: number[]) => {
    const first = days[0]!;
    const last = days[days.length - 1]!;
    const contiguous = last - first + 1 === days.length;
    const label = (d: number) => (d === 0 ? 'D0' : `D${d > 0 ? '+' : ''}${d}`);
    return contiguous && days.length > 1 ? `${label(first)} to ${label(last)}` : days.map(label).join(', ');
  };
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" striped withTableBorder aria-label="Doses by drug">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Drug</Table.Th>
            <Table.Th scope="col">Dose rule</Table.Th>
            <Table.Th scope="col">Based on</Table.Th>
            <Table.Th scope="col" ta="right">
              Per dose
            </Table.Th>
            <Table.Th scope="col">Route</Table.Th>
            <Table.Th scope="col">Times a day</Table.Th>
            <Table.Th scope="col">Days</Table.Th>
            <Table.Th scope="col" ta="right">
              Total
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.agents.map((a) => (
            <Table.Tr key={a.index}>
              <Table.Td fw={600}>{a.label}</Table.Td>
              <Table.Td>{a.doseRule}</Table.Td>
              <Table.Td fz="sm">
                {a.bsaUsedM2 != null && `${n(a.bsaUsedM2, 3)} m²`}
                {a.weightUsedKg != null && `${n(a.weightUsedKg, 1)} kg ${weightBasisLabel(a.weightBasis!)}`}
                {a.bsaUsedM2 == null &&
                  a.weightUsedKg == null &&
                  (a.weightBasis
                    ? `${weightBasisLabel(a.weightBasis)}: not applicable`
                    : a.basis === 'mg/m2'
                      ? 'BSA: not computed'
                      : '—')}
              </Table.Td>
              <Table.Td ta="right" ff="monospace" fw={700} c={a.amountPerAdministration == null ? 'red.8' : undefined}>
                {amount(a.amountPerAdministration, a.unit)}
                {a.override && (
                  <Text fz="xs" c="orange.8" ff="sans-serif" fw={500} title={a.override.reason}>
                    override (computed {amount(a.computedPerAdministration, a.unit)})
                  </Text>
                )}
                {a.pkPending && (
                  <Text fz="xs" c="blue.8" ff="sans-serif" fw={500}>
                    starting dose, PK-guided
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{ROUTE_LABELS[a.route]}</Table.Td>
              <Table.Td>{timesText(a)}</Table.Td>
              <Table.Td>
                {dayRange(a.days)}
                <Text fz="xs" c="dimmed">
                  {a.days.length > 0 && dateOf(a.days[0]!) ? `from ${formatDate(dateOf(a.days[0]!)!)}` : ''}
                </Text>
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {amount(a.total, a.unit)}
                <Text fz="xs" c="dimmed" ff="sans-serif">
                  {a.administrations} dose{a.administrations === 1 ? '' : 's'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function Intensity({ c }: { c: ConditioningPlanComputation }) {
  const i = c.intensity;
  if (!i.applicable) {
    return (
      <Text fz="sm" data-testid="intensity">
        <Badge variant="light" color="gray" mr="xs">
          Lymphodepletion
        </Badge>
        before cell therapy: no conditioning intensity class (MAC/RIC/NMA).
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="intensity">
      <Group gap="lg">
        <Text fz="sm">
          Declared intent:{' '}
          <Badge variant="filled" color={i.declaredIntent ? 'indigo' : 'gray'}>
            {i.declaredIntent ?? 'not declared'}
          </Badge>
        </Text>
        <Text fz="sm">
          Suggested from the doses:{' '}
          <Badge variant="outline" color={i.suggested == null ? 'gray' : i.agrees === false ? 'orange' : 'teal'}>
            {i.suggested ?? 'not classifiable'}
          </Badge>
        </Text>
        <Text fz="xs" c="dimmed">
          {i.determinedBy.join('; ')}
        </Text>
        <RuleDetails rules={[i.ruleId]} />
      </Group>
      {i.warning && i.suggested != null && (
        <Alert color="orange" variant="light" title="Declared intent and suggested class differ" p="xs">
          {i.warning}. The suggestion follows working definitions whose edges differ between sources (Bacigalupo 2009,
          CIBMTR 2009); check the intent.
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Blocking findings in red (the plan cannot be prescribed or verified until they are resolved) and values that
 * need a confirmation with a reason in orange. A plan stored before findings existed is checked on its numbers.
 */
export function Findings({ c }: { c: ConditioningPlanComputation }) {
  const blocking = blockingFindings(c);
  const confirm = (c.findings ?? []).filter((f) => f.severity === 'confirm');
  return (
    <>
      {blocking.length > 0 && (
        <Alert
          color="red"
          variant="filled"
          title="Blocking: this plan cannot be prescribed or verified"
          role="alert"
          data-testid="blocking-findings"
        >
          <FindingList list={blocking} />
        </Alert>
      )}
      {confirm.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          title="Unusual values: prescribing asks for a reason for each"
          p="xs"
          data-testid="confirm-findings"
        >
          <FindingList list={confirm} />
        </Alert>
      )}
    </>
  );
}

function FindingList({ list }: { list: PlanFinding[] }) {
  return (
    <List size="sm">
      {list.map((f) => (
        <List.Item key={`${f.field}:${f.code}`}>{f.message}</List.Item>
      ))}
    </List>
  );
}

export function Warnings({ c }: { c: ConditioningPlanComputation }) {
  const list = c.warnings.filter((w) => w !== c.intensity.warning);
  if (!list.length) return null;
  return (
    <Alert color="yellow" variant="light" title="Check" p="xs">
      <List size="sm">
        {list.map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Everything computed, in reading order. */
export function PlanDetails({ c, dates }: { c: ConditioningPlanComputation; dates: ConditioningPlanView['dates'] }) {
  return (
    <Stack gap="sm">
      <Findings c={c} />
      <BodySize c={c} />
      <DoseTable c={c} dates={dates} />
      <Title order={4} fz="h5">
        Intensity
      </Title>
      <Intensity c={c} />
      <Warnings c={c} />
    </Stack>
  );
}
