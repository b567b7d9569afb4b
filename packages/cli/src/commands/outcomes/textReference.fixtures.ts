// The readable text of km and cif as run.ts rendered it before it was streamed (one string per cell, row and
// table, joined): the reference textStream.test.ts holds the streamed bytes to. Test code only.
import type { CifGroup } from '@engraft/outcomes';
import { fmt, pValue, table } from './format';
import type { CifJson, KmJson } from './run';

export function previousKmText(
  json: KmJson,
  args: { group?: string; confLevel: number },
  warnings: readonly string[]
): string {
  const lr = json.logRank;
  const pct = Math.round(args.confLevel * 100);
  const parts: string[] = [];
  for (const g of json.groups) {
    parts.push(
      `${g.name == null ? 'All subjects' : `${args.group} = ${g.name}`}: n = ${g.n}, events = ${g.events}, ` +
        `median = ${fmt(g.median)} (${pct}% CI ${fmt(g.medianLower)} to ${fmt(g.medianUpper)})`
    );
    parts.push(
      table(
        ['time', 'n.risk', 'n.event', 'n.censor', 'survival', 'std.err', `lower ${pct}%`, `upper ${pct}%`],
        g.table.map((r) => [
          fmt(r.time),
          String(r.nRisk),
          String(r.nEvent),
          String(r.nCensor),
          fmt(r.survival),
          fmt(r.stdErr),
          fmt(r.lower),
          fmt(r.upper),
        ])
      )
    );
    if (g.atRisk) {
      parts.push(
        table(
          ['time', 'n.risk'],
          g.atRisk.map((a) => [fmt(a.time), String(a.nRisk)])
        )
      );
    }
    parts.push('');
  }
  if (lr) parts.push(`Log-rank test: chisq = ${fmt(lr.chisq)} on ${lr.df} df, p = ${pValue(lr.p)}`);
  parts.push(...warnings.map((w) => `Warning: ${w}`));
  return parts.join('\n').trimEnd() + '\n';
}

export function previousCifText(
  groups: readonly CifGroup[],
  group: string | undefined,
  gray: CifJson['gray'],
  warnings: readonly string[]
): string {
  const parts: string[] = [];
  groups.forEach((g) => {
    parts.push(`${g.name == null ? 'All subjects' : `${group} = ${g.name}`}: n = ${g.n}`);
    const header = ['time', 'n.risk'];
    for (const c of g.causes) header.push(`cause ${c.cause}`, 'std.err', 'n.event');
    const first = g.causes[0];
    const rows = first
      ? Array.from(first.table.time, (time, i) => {
          const cells = [fmt(time), String(first.table.nRisk[i])];
          for (const c of g.causes) {
            cells.push(fmt(c.table.estimate[i]), fmt(Math.sqrt(c.table.variance[i]!)), String(c.table.nEvent[i]));
          }
          return cells;
        })
      : [];
    parts.push(table(header, rows), '');
  });
  if (gray) {
    for (const g of gray) {
      parts.push(`Gray's test, cause ${g.cause}: stat = ${fmt(g.stat)} on ${g.df} df, p = ${pValue(g.p)}`);
    }
  }
  parts.push(...warnings.map((w) => `Warning: ${w}`));
  return parts.join('\n').trimEnd() + '\n';
}
