// Printable ward handover sheet (issue 18): every patient with something open on today's worklist, with D+N,
// the open alerts and the checks due today, and room for the handover notes; the ward and date on every page.
import { WORK_ITEM_KINDS, type WorkItem, WorklistSchema } from '@engraft/domain';
import { Text } from '@mantine/core';
import { formatDate } from '../../format';
import { useSignedIn } from '../../session';
import { HeaderFact, PrintSheet } from './PrintSheet';
import { usePrintData } from './usePrintData';

interface HandoverRow {
  patientId: string;
  patient: string;
  mrn: string;
  day: string;
  alerts: WorkItem[];
  due: WorkItem[];
}

/** The worklist grouped by patient, patients with an open alert first (the order of the worklist otherwise). */
export function handoverRows(items: readonly WorkItem[]): HandoverRow[] {
  const rows = new Map<string, HandoverRow>();
  for (const item of items) {
    if (item.severity === 'upcoming' || item.kind === 'report-due') continue;
    const row = rows.get(item.patientId) ?? {
      patientId: item.patientId,
      patient: item.patient,
      mrn: item.mrn,
      day: item.day,
      alerts: [],
      due: [],
    };
    if (item.severity === 'alert' && !item.acknowledged) row.alerts.push(item);
    else row.due.push(item);
    rows.set(item.patientId, row);
  }
  return [...rows.values()].sort((a, b) => Number(b.alerts.length > 0) - Number(a.alerts.length > 0));
}

export function HandoverPrint() {
  const info = useSignedIn();
  const { data, error } = usePrintData('/worklist', WorklistSchema);
  const rows = data ? handoverRows(data.items) : [];
  return (
    <PrintSheet
      title="Ward handover"
      back={{ to: '/today', label: 'Today' }}
      error={error}
      loading={!data}
      header={
        data && (
          <div>
            <HeaderFact term="Centre" value={info.centre.name} />
            <HeaderFact term="Date" value={formatDate(data.today)} />
            <HeaderFact term="Patients" value={String(rows.length)} />
          </div>
        )
      }
    >
      {data && rows.length === 0 && <Text>No patient has an alert or a check due today.</Text>}
      {rows.length > 0 && (
        <table className="sheet-table">
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Day</th>
              <th scope="col">Alerts</th>
              <th scope="col">Due today</th>
              <th scope="col" style={{ width: '25%' }}>
                Handover notes
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.patientId}>
                <td>
                  <strong>{r.patient}</strong>
                  <br />
                  MRN {r.mrn}
                </td>
                <td>
                  <strong>{r.day}</strong>
                </td>
                <td>{r.alerts.map((a) => a.label).join('; ') || '—'}</td>
                <td>{r.due.map((d) => `${WORK_ITEM_KINDS[d.kind]}: ${d.label}`).join('; ') || '—'}</td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PrintSheet>
  );
}
