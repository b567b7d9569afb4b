// Printable calendar D-N … D+N of a plan: a Monday-first grid of dates with the day number and what is given on
// each day. The browser's print (window.print) gives a clean page through conditioning.css (@media print).
import { type ConditioningPlanComputation, dateOfDay, dayRelative, formatDay } from '@engraft/clinical';
import { Text } from '@mantine/core';
import { formatDate } from '../../format';
import { amount, NOT_COMPUTED, printableDose, ROUTE_LABELS, SHORT_AGENT } from './format';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** Monday = 0 … Sunday = 6 for an ISO date (UTC). */
const weekday = (iso: string) => (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;

/** The days shown: from the first treatment day D-N to D+N (at least a week after day 0). */
export function calendarSpan(firstDay: number): { from: number; to: number } {
  const n = Math.max(0, -firstDay);
  return { from: Math.min(firstDay, 0), to: Math.max(n, 7) };
}

export function ConditioningCalendar({
  c,
  dayZero,
  today,
  infusionLabel,
}: {
  c: ConditioningPlanComputation;
  dayZero: string;
  today: string;
  infusionLabel: string;
}) {
  const { from, to } = calendarSpan(c.firstDay);
  const first = dateOfDay(dayZero, from);
  const lead = weekday(first);
  const cells: (number | null)[] = [...Array<null>(lead).fill(null)];
  for (let d = from; d <= to; d++) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const todayDay = dayRelative(today, dayZero);

  return (
    <table className="cond-calendar" aria-label={`Calendar ${formatDay(from)} to ${formatDay(to)}`}>
      <thead>
        <tr>
          {WEEKDAYS.map((w) => (
            <th key={w} scope="col">
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, wi) => (
          <tr key={wi}>
            {week.map((day, di) => {
              if (day === null) return <td key={di} className="cond-cal-empty" />;
              const plan = c.days.find((d) => d.day === day);
              const items = plan?.items ?? [];
              const classes = [
                'cond-cal-day',
                items.length ? 'cond-cal-treat' : '',
                day === 0 ? 'cond-cal-d0' : '',
                day === todayDay ? 'cond-cal-today' : '',
              ];
              return (
                <td key={di} className={classes.filter(Boolean).join(' ')} data-day={formatDay(day)}>
                  <div className="cond-cal-head">
                    <span className="cond-cal-label">{formatDay(day)}</span>
                    <span className="cond-cal-date">{formatDate(dateOfDay(dayZero, day))}</span>
                  </div>
                  {items.map((it) =>
                    printableDose(it.amountPerAdministration) ? (
                      <div key={it.agentIndex} className="cond-cal-item">
                        <strong>{SHORT_AGENT[it.agent] ?? it.label}</strong>{' '}
                        {amount(it.amountPerAdministration, it.unit)}
                        {it.administrations > 1 ? ` ×${it.administrations}` : ''}{' '}
                        <span className="cond-cal-route">{ROUTE_LABELS[it.route]}</span>
                        {it.administrations > 1 && <div className="cond-cal-times">{it.times.join(' · ')}</div>}
                      </div>
                    ) : (
                      // Never a non-positive or missing dose on a printable calendar: the drug and "not computed".
                      <div key={it.agentIndex} className="cond-cal-item cond-cal-blocked">
                        <strong>{SHORT_AGENT[it.agent] ?? it.label}</strong> dose {NOT_COMPUTED}: do not give
                      </div>
                    )
                  )}
                  {day === 0 && <div className="cond-cal-infusion">{infusionLabel}</div>}
                  {!items.length && day < 0 && day >= c.firstDay && <div className="cond-cal-rest">rest</div>}
                  {day === todayDay && (
                    <Text span className="cond-cal-today-tag">
                      today
                    </Text>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
