import { DEFAULT_FAMILY_SETTINGS } from '@engraft/domain';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { AntibodySection } from './AntibodySection';
import { PID } from './testFixtures';

const imported = {
  id: '6f1c1b7e-0000-4000-8000-000000000012',
  testedOn: '2026-01-10',
  source: 'bead-csv',
  fileName: 'sab.csv',
  sampleId: null,
  lab: null,
  results: [
    { specificity: 'A*24:02', mfi: 8000 },
    { specificity: 'A2', mfi: 600 },
  ],
  recordedBy: 'hla',
  recordedAt: '2026-01-10T10:00:00.000Z',
};

describe('AntibodySection: the single-antigen bead import', () => {
  it('lists every refused line of a file, then imports the corrected one, says how much and reads again', async () => {
    const bodies: unknown[] = [];
    let answer = 0;
    server.use(
      http.post(`${API}/patients/${PID}/family/antibodies/import`, async ({ request }) => {
        bodies.push(await request.json());
        if (answer++ === 0) {
          return problem(
            400,
            'sab.csv refused, nothing imported: line 2, MFI: not a number; line 3: unknown specificity',
            [
              { path: 'content', message: 'line 2, MFI: not a number' },
              { path: 'content', message: 'line 3: unknown specificity' },
            ]
          );
        }
        return HttpResponse.json({ tests: [imported] }, { status: 201 });
      })
    );
    let changed = 0;
    await renderPage(
      <AntibodySection
        patientId={PID}
        tests={[]}
        thresholds={DEFAULT_FAMILY_SETTINGS.thresholds}
        relatives={[]}
        canWrite
        canSetThresholds={false}
        onChanged={() => changed++}
      />,
      { url: '/f' }
    );
    const csv = 'Specificity,MFI,Test Date\nA*24:02,8000,2026-01-10\nA2,600,2026-01-10\n';
    // Mantine's FileInput is a button over a hidden file input
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    await userEvent.upload(input!, new File([csv], 'sab.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Import beads' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('File refused, nothing imported');
    expect(alert.textContent).toContain('line 2, MFI: not a number');
    expect(alert.textContent).toContain('line 3: unknown specificity');
    expect(changed).toBe(0);

    await userEvent.click(screen.getByRole('button', { name: 'Import beads' }));
    expect(await screen.findByText('2 bead results imported (1 test).')).toBeTruthy();
    await waitFor(() => expect(changed).toBe(1));
    expect(screen.queryByText('line 2, MFI: not a number')).toBeNull();
    expect(bodies).toEqual([
      { fileName: 'sab.csv', content: csv },
      { fileName: 'sab.csv', content: csv },
    ]);
  });
});
