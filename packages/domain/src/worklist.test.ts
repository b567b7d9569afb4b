import { describe, expect, it } from 'vitest';
import { compareWorkItems, type WorkItem } from './worklist';

const item = (over: Partial<WorkItem>): WorkItem => ({
  episodeId: '00000000-0000-4000-8000-000000000001',
  patientId: '00000000-0000-4000-8000-000000000002',
  patient: 'A, B',
  mrn: 'M',
  day: 'D+10',
  kind: 'cmv-above-threshold',
  severity: 'alert',
  label: '',
  ...over,
});

describe("Today's order", () => {
  it('puts a refused bedside check above every other alert, the newest first', () => {
    const items = [
      item({ kind: 'report-due', dueDate: '2026-01-01', label: 'overdue report' }),
      item({ kind: 'graft-failure', label: 'gf' }),
      item({
        kind: 'bedside-stop',
        evidenceDate: '2026-05-09T08:00:00.000Z',
        dueDate: '2026-05-09',
        label: 'old stop',
      }),
      item({ kind: 'chimerism-falling', label: 'chim' }),
      item({
        kind: 'bedside-stop',
        evidenceDate: '2026-05-10T08:00:00.000Z',
        dueDate: '2026-05-10',
        label: 'stop today',
      }),
      item({ kind: 'crs-icans-due', severity: 'due', label: 'crs' }),
    ];
    expect(items.sort(compareWorkItems).map((i) => i.label)).toEqual([
      'stop today',
      'old stop',
      'gf',
      'chim',
      'overdue report',
      'crs',
    ]);
  });

  it('lists acknowledged alerts after open ones, before what is merely due', () => {
    const items = [
      item({ kind: 'bedside-stop', label: 'acked stop', acknowledged: { by: 'n', at: 'x', note: null } }),
      item({ kind: 'labs-overdue', severity: 'due', label: 'labs' }),
      item({ kind: 'chimerism-falling', label: 'open chim' }),
    ];
    expect(items.sort(compareWorkItems).map((i) => i.label)).toEqual(['open chim', 'acked stop', 'labs']);
  });
});
