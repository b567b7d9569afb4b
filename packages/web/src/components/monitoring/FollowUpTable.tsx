// Follow-up events (relapse, death, last contact, infection...) and chronic GVHD evaluations, by date.
import { dayRelative, formatDay } from '@engraft/clinical';
import { CLINICAL_EVENT_KINDS } from '@engraft/domain';
import { type Column, DataTable } from '../DataTable';
import type { MonitoringSummary } from './api';
import { Panel } from './Panel';

interface FollowUpRow {
  date: string;
  what: string;
  details: string;
}

export function FollowUpTable({ data, headingId }: { data: MonitoringSummary; headingId: string }) {
  const rows: FollowUpRow[] = [
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
  ].sort((a, b) => a.date.localeCompare(b.date));
  const columns: Column<FollowUpRow>[] = [
    { header: 'Date', cell: (r) => r.date },
    { header: 'Day', cell: (r) => formatDay(dayRelative(r.date, data.dayZero)), td: { ff: 'monospace' } },
    { header: 'Event', cell: (r) => r.what },
    { header: 'Details', cell: (r) => r.details },
  ];
  return (
    <Panel id={`${headingId}-followup`} title="Follow-up">
      <DataTable
        verticalSpacing="xs"
        minWidth={480}
        columns={columns}
        rows={rows}
        rowKey={(r, i) => `${r.date}-${i}`}
      />
    </Panel>
  );
}
