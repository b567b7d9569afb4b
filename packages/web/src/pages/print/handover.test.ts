import type { WorkItem } from '@engraft/domain';
import { describe, expect, it } from 'vitest';
import { handoverRows } from './HandoverPrint';

const item = (o: Partial<WorkItem> & Pick<WorkItem, 'patientId' | 'severity' | 'kind' | 'label'>): WorkItem => ({
  episodeId: '00000000-0000-4000-8000-000000000001',
  patient: `PATIENT-${o.patientId.slice(-1)}, Test`,
  mrn: `MRN-${o.patientId.slice(-1)}`,
  day: 'D+3',
  ...o,
});
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('ward handover rows', () => {
  it('groups by patient, alerts apart from checks due, patients with an open alert first', () => {
    const rows = handoverRows([
      item({ patientId: A, severity: 'due', kind: 'follow-up-due', label: 'Day 30 visit' }),
      item({ patientId: B, severity: 'alert', kind: 'graft-failure', label: 'ANC below 0.5 at D+28' }),
      item({ patientId: A, severity: 'due', kind: 'crs-icans-due', label: 'CRS/ICANS check' }),
    ]);
    expect(rows.map((r) => r.patientId)).toEqual([B, A]);
    expect(rows[0]!.alerts.map((a) => a.label)).toEqual(['ANC below 0.5 at D+28']);
    expect(rows[1]!.due.map((d) => d.label)).toEqual(['Day 30 visit', 'CRS/ICANS check']);
  });

  it('leaves out what is only upcoming and registry reports; an acknowledged alert is listed as due, not as an alert', () => {
    const rows = handoverRows([
      item({ patientId: A, severity: 'upcoming', kind: 'follow-up-due', label: 'Day 100 visit' }),
      item({ patientId: A, severity: 'due', kind: 'report-due', label: 'CIBMTR 100-day form' }),
      item({
        patientId: B,
        severity: 'alert',
        kind: 'graft-failure',
        label: 'ANC low',
        acknowledged: { by: 'Demo nurse', at: '2026-12-06T05:47:00Z', note: null },
      }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.alerts).toEqual([]);
    expect(rows[0]!.due.map((d) => d.label)).toEqual(['ANC low']);
  });
});
