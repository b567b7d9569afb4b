// The numbers at risk: one SVG row per group under the plot, each number under its time tick (exported with the
// figure), and the same numbers as a table for screen readers.
import { VisuallyHidden } from '@mantine/core';
import { nRiskAt, type OutcomesResult, type TimeUnit } from './curves';
import type { PlotLayout } from './plotLayout';
import { truncateLabel } from './plotLayout';
import { groupColor, groupDash, ROW, TEXT } from './plotStyle';

export function AtRiskRows({ groups, layout }: { groups: OutcomesResult['groups']; layout: PlotLayout }) {
  const { axis, x, riskHeaderY, riskY0 } = layout;
  return (
    <>
      <text x={8} y={riskHeaderY} fontSize={12} fontWeight={700} fill={TEXT}>
        Number at risk
      </text>
      <g data-testid="outcome-at-risk">
        {groups.map((g, i) => {
          const ry = riskY0 + i * ROW;
          return (
            <g key={g.name} data-group={g.name}>
              <line
                x1={8}
                x2={24}
                y1={ry - 4}
                y2={ry - 4}
                stroke={groupColor(i)}
                strokeWidth={2.5}
                strokeDasharray={groupDash(i)}
              />
              <text x={30} y={ry} fontSize={11.5} fill={TEXT}>
                <title>{g.name}</title>
                {truncateLabel(g.name)}
              </text>
              {axis.ticks.map((t) => (
                <text
                  key={t.days}
                  x={x(t.days)}
                  y={ry}
                  fontSize={11.5}
                  textAnchor="middle"
                  fill={TEXT}
                  data-testid="at-risk-value"
                >
                  {nRiskAt(g.points, t.days)}
                </text>
              ))}
            </g>
          );
        })}
      </g>
    </>
  );
}

export function AtRiskTable({
  groups,
  layout,
  unit,
}: {
  groups: OutcomesResult['groups'];
  layout: PlotLayout;
  unit: TimeUnit;
}) {
  const { axis } = layout;
  return (
    <VisuallyHidden>
      <table>
        <caption>Number at risk by {unit} from day 0</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            {axis.ticks.map((t) => (
              <th key={t.days} scope="col">{`${t.label} ${unit}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.name}>
              <th scope="row">{g.name}</th>
              {axis.ticks.map((t) => (
                <td key={t.days}>{nRiskAt(g.points, t.days)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  );
}
