import type { RelativeTyping } from '@engraft/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { http, HttpResponse, problem, server } from '../../testing/server';
import { PID, RID, relativesUrl, sara, typingOfSara } from './testFixtures';
import { TypingModal } from './TypingModal';

const base = `${relativesUrl}/${RID}/hla`;
const saved = (glString: string, source: 'entered' | 'hml' = 'entered'): RelativeTyping =>
  typingOfSara(1, glString, { source, hmlFileName: source === 'hml' ? 'sara.hml' : null });

async function open(onSaved: () => void = () => undefined) {
  await renderPage(<TypingModal patientId={PID} relative={sara} onClose={() => undefined} onSaved={onSaved} />, {
    url: '/f',
    roles: ['hla'],
  });
  return screen.findByRole('dialog', { name: 'HLA typing of Sara' });
}

describe('recording a relative’s HLA typing', () => {
  it('composes the GL string from the alleles typed per locus, and sends it with the lab and date', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(base, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(saved('A*01:01+A*02:01^B*08:01'), { status: 201 });
      })
    );
    let done = 0;
    const dialog = await open(() => done++);
    for (const locus of ['A', 'B', 'C', 'DRB1', 'DQB1', 'DPB1']) {
      expect(within(dialog).getByRole<HTMLInputElement>('textbox', { name: `${locus} allele 1` }).value).toBe('');
      expect(within(dialog).getByRole<HTMLInputElement>('textbox', { name: `${locus} allele 2` }).value).toBe('');
    }
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'A allele 1' }), '01:01');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'A allele 2' }), 'A*02:01');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'B allele 1' }), ' 08:01 ');
    await userEvent.type(within(dialog).getByLabelText('Laboratory'), 'HLA lab');
    fireEvent.change(within(dialog).getByLabelText(/Typing date/), { target: { value: '2026-02-01' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save typing' }));
    await waitFor(() => expect(done).toBe(1));
    expect(sent).toEqual({ glString: 'A*01:01+A*02:01^B*08:01', lab: 'HLA lab', typingDate: '2026-02-01' });
    expect(csrf).toBe('test-csrf-token');
  });

  it('sends a GL string as typed (trimmed) and shows the server’s refusal at the GL string field', async () => {
    let sent: unknown = null;
    server.use(
      http.post(base, async ({ request }) => {
        sent = await request.json();
        return problem(400, 'glString: A*99:99 is not an allele of IPD-IMGT/HLA 3.55.0', [
          { path: 'glString', message: 'A*99:99 is not an allele of IPD-IMGT/HLA 3.55.0' },
        ]);
      })
    );
    let done = 0;
    const dialog = await open(() => done++);
    await userEvent.click(within(dialog).getByRole('tab', { name: 'GL string' }));
    await userEvent.type(await within(dialog).findByRole('textbox', { name: 'GL string' }), ' A*01:01+A*99:99 ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save typing' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'A*99:99 is not an allele of IPD-IMGT/HLA 3.55.0'
    );
    // At the field: the GL string box is invalid and described by the refusal (the per-locus tab, kept mounted
    // but hidden, shows it too).
    const box = within(dialog).getByRole('textbox', { name: 'GL string' });
    await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (box.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    expect(describedBy.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')).toContain(
      'A*99:99 is not an allele of IPD-IMGT/HLA 3.55.0'
    );
    expect(within(dialog).getByRole<HTMLTextAreaElement>('textbox', { name: 'GL string' }).value).toBe(
      ' A*01:01+A*99:99 '
    );
    expect(sent).toEqual({ glString: 'A*01:01+A*99:99' });
    expect(done).toBe(0);
  });

  it('asks for the HML file before sending, then sends the file’s name and content', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${base}/hml`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(saved('A*01:01+A*02:01', 'hml'), { status: 201 });
      })
    );
    let done = 0;
    const dialog = await open(() => done++);
    await userEvent.click(within(dialog).getByRole('tab', { name: 'HML file' }));
    await waitFor(() => expect(within(dialog).queryByLabelText(/Typing date/)).toBeNull());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save typing' }));
    expect(await within(dialog).findByText('Choose the HML file the lab sent.')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'HML file' }).getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(bodies).toEqual([]);
    const hml = '<hml xmlns="http://schemas.nmdp.org/spec/hml/1.0.1"></hml>';
    const input = dialog.ownerDocument.querySelector<HTMLInputElement>('input[type="file"]')!;
    await userEvent.upload(input, new File([hml], 'sara.hml', { type: 'application/xml' }));
    await userEvent.type(within(dialog).getByLabelText('Laboratory'), 'HLA lab');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save typing' }));
    await waitFor(() => expect(done).toBe(1));
    expect(bodies).toEqual([{ fileName: 'sara.hml', content: hml, lab: 'HLA lab' }]);
  });

  it('shows a refused typing date at its field and a refused allele under the loci typed', async () => {
    server.use(
      http.post(base, () =>
        problem(400, 'typing refused: typing date cannot be in the future; locus A: A*01:01:01:99 is not an allele', [
          { path: 'typingDate', message: 'typing date cannot be in the future' },
          { path: 'glString', message: 'locus A: A*01:01:01:99 is not an allele of IPD-IMGT/HLA 3.55.0' },
        ])
      )
    );
    const dialog = await open();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'A allele 1' }), '01:01:01:99');
    fireEvent.change(within(dialog).getByLabelText(/Typing date/), { target: { value: '2026-12-31' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save typing' }));
    expect(await within(dialog).findByText('Typing date cannot be in the future')).toBeTruthy();
    expect(
      within(dialog)
        .getByLabelText(/Typing date/)
        .getAttribute('aria-invalid')
    ).toBe('true');
    const loci = within(dialog).getByRole('tabpanel', { name: 'Per locus' });
    expect(within(loci).getByText('Locus A: A*01:01:01:99 is not an allele of IPD-IMGT/HLA 3.55.0')).toBeTruthy();
  });
});
