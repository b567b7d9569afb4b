import type { LabImportReport } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, confirmFirst, http, HttpResponse, problem, server } from '../../testing/server';
import { ImportForm } from './ImportForm';
import { PATIENT_ID } from './testFixtures';

const importUrl = `${API}/patients/${PATIENT_ID}/labs/import`;
const CSV =
  'date,analyte,value,unit\n2026-12-01,anc,0.4,10*9/L\n2026-12-02,anc,0.6,10*9/L\n2026-12-03,platelets,25,10*9/L\n';
const report = (over: Partial<LabImportReport> = {}): LabImportReport => ({
  accepted: true,
  inserted: 2,
  duplicates: [{ line: 4, message: 'platelets on 2026-12-03 is already recorded' }],
  errors: [],
  ...over,
});

const open = async () => {
  const onSaved = vi.fn();
  await renderPage(<ImportForm patientId={PATIENT_ID} onSaved={onSaved} />, {
    url: `/patients/${PATIENT_ID}`,
    roles: ['lab'],
  });
  return { form: screen.getByRole('form', { name: 'Import a lab file' }), onSaved };
};
const choose = (form: HTMLElement, name: string, content: string, type = 'text/csv') =>
  userEvent.upload(within(form).getByLabelText('Lab file'), new File([content], name, { type }));

describe('Lab file import form', () => {
  it('asks for a file, and refuses to import before one is chosen', async () => {
    const { form, onSaved } = await open();
    const file = within(form).getByLabelText<HTMLInputElement>('Lab file');
    expect(file.type).toBe('file');
    expect(file.files).toHaveLength(0);
    expect(form.textContent).toContain('date,analyte,value,unit[,lineage][,mrn]');
    // no handler: a request would fail the test
    await userEvent.click(within(form).getByRole('button', { name: 'Import file' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Choose a CSV or FHIR JSON file first.');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('sends the CSV file’s content with the CSRF header and shows what was stored and skipped', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(importUrl, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(report());
      })
    );
    const { form, onSaved } = await open();
    await choose(form, 'labs.csv', CSV);
    await userEvent.click(within(form).getByRole('button', { name: 'Import file' }));
    const shown = await within(form).findByTestId('import-report');
    expect(shown.textContent).toContain('File imported');
    expect(shown.textContent).toContain('2 results stored; 1 already recorded (skipped).');
    expect(shown.textContent).toContain('line 4: platelets on 2026-12-03 is already recorded');
    expect(sent).toEqual({ format: 'csv', content: CSV, confirmations: [] });
    expect(csrf).toBe('test-csrf-token');
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('sends a FHIR Bundle as fhir, and says "1 result stored" when there is nothing to skip', async () => {
    let sent: { format?: string } = {};
    const bundle = '{"resourceType":"Bundle","type":"collection","entry":[]}';
    server.use(
      http.post(importUrl, async ({ request }) => {
        sent = (await request.json()) as { format?: string };
        return HttpResponse.json(report({ inserted: 1, duplicates: [] }));
      })
    );
    const { form } = await open();
    await choose(form, 'labs.json', bundle, 'application/fhir+json');
    await userEvent.click(within(form).getByRole('button', { name: 'Import file' }));
    expect((await within(form).findByTestId('import-report')).textContent).toContain('1 result stored.');
    expect(sent).toEqual({ format: 'fhir', content: bundle, confirmations: [] });
  });

  it('lists the lines in error of a refused file, nothing stored', async () => {
    server.use(
      http.post(importUrl, () =>
        problem(422, 'The file has 2 lines in error; nothing was imported.', [
          { path: 'line 2: value', message: 'not a number: "0,4"' },
          { path: 'line 3: unit', message: 'unit "cells" is not known for anc' },
        ])
      )
    );
    const { form, onSaved } = await open();
    await choose(form, 'labs.csv', CSV);
    await userEvent.click(within(form).getByRole('button', { name: 'Import file' }));
    const shown = await within(form).findByTestId('import-report');
    expect(shown.getAttribute('role')).toBe('alert');
    expect(shown.textContent).toContain('File not imported: nothing was stored');
    expect(shown.textContent).toContain('The file has 2 lines in error; nothing was imported.');
    expect(
      within(shown)
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual(['line 2: value: not a number: "0,4"', 'line 3: unit: unit "cells" is not known for anc']);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('imports values outside the usual range only with a reason per flagged line', async () => {
    const bodies: Record<string, unknown>[] = [];
    server.use(
      http.post(
        importUrl,
        confirmFirst(bodies, [{ path: 'line 3', message: 'ANC 95 x10^9/L is above the usual range (0–50)' }], () =>
          HttpResponse.json(report({ inserted: 3, duplicates: [] }))
        )
      )
    );
    const { form, onSaved } = await open();
    await choose(form, 'labs.csv', CSV);
    await userEvent.click(within(form).getByRole('button', { name: 'Import file' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /above the usual range/ }), 'repeated: confirmed');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm with reason' }));
    expect((await within(form).findByTestId('import-report')).textContent).toContain('3 results stored.');
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.confirmations).toEqual([{ field: 'line 3', reason: 'repeated: confirmed' }]);
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('shows the server’s words when the file is refused for another reason', async () => {
    server.use(http.post(importUrl, () => problem(413, 'The file is larger than 2 MB.')));
    const { form, onSaved } = await open();
    await choose(form, 'labs.csv', CSV);
    await userEvent.click(within(form).getByRole('button', { name: 'Import file' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe('The file is larger than 2 MB.'));
    expect(within(form).queryByTestId('import-report')).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });
});
