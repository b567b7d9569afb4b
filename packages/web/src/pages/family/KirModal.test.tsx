import type { Relative } from '@engraft/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { KirModal } from './KirModal';
import { PID, RID, sara } from './testFixtures';

const typed: Relative = {
  ...sara,
  kir: { haplotype: 'Bx', genes: ['KIR2DL2', 'KIR2DS2'], typedOn: '2026-11-02', lab: 'KIR lab', reading: 'B/x' },
};
const kirUrl = `${API}/patients/${PID}/family/relatives/${RID}/kir`;

async function open(relative: Relative, onSaved: () => void = () => undefined) {
  await renderPage(<KirModal patientId={PID} relative={relative} onClose={() => undefined} onSaved={onSaved} />, {
    url: '/f',
    roles: ['hla'],
  });
  return screen.findByRole('dialog', { name: `KIR genotype of ${relative.name}` });
}
const haplotype = (d: HTMLElement) => within(d).getByLabelText<HTMLInputElement>('Haplotype genotype');

describe('KIR genotype of a relative', () => {
  it('starts empty for an untyped relative, and sends the haplotype, genes, date and lab chosen', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.put(kirUrl, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(typed);
      })
    );
    let saved = 0;
    const dialog = await open(sara, () => saved++);
    expect(haplotype(dialog).value).toBe('');
    expect(within(dialog).getByLabelText<HTMLInputElement>('Lab').value).toBe('');
    await userEvent.click(haplotype(dialog));
    await userEvent.click(await screen.findByRole('option', { name: 'B/x', hidden: true }));
    await userEvent.click(within(dialog).getByLabelText('Genes present'));
    await userEvent.click(await screen.findByRole('option', { name: 'KIR2DS2', hidden: true }));
    await userEvent.click(await screen.findByRole('option', { name: 'KIR2DL2', hidden: true }));
    fireEvent.change(within(dialog).getByLabelText(/Typing date/), { target: { value: '2026-11-02' } });
    await userEvent.type(within(dialog).getByLabelText('Lab'), '  KIR lab ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save KIR' }));
    await waitFor(() => expect(saved).toBe(1));
    expect(sent).toEqual({ haplotype: 'Bx', genes: ['KIR2DS2', 'KIR2DL2'], typedOn: '2026-11-02', lab: 'KIR lab' });
    expect(csrf).toBe('test-csrf-token');
    expect(await screen.findByText('KIR genotype recorded.')).toBeTruthy();
  });

  it('shows the recorded genotype, and sends only what is left once the genes are cleared', async () => {
    let sent: unknown = null;
    server.use(
      http.put(kirUrl, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(typed);
      })
    );
    let saved = 0;
    const dialog = await open(typed, () => saved++);
    expect(haplotype(dialog).value).toBe('B/x');
    expect(within(dialog).getByText('KIR2DL2')).toBeTruthy();
    expect(within(dialog).getByText('KIR2DS2')).toBeTruthy();
    expect(within(dialog).getByLabelText<HTMLInputElement>(/Typing date/).value).toBe('2026-11-02');
    expect(within(dialog).getByLabelText<HTMLInputElement>('Lab').value).toBe('KIR lab');
    await userEvent.clear(within(dialog).getByLabelText('Lab'));
    await userEvent.click(within(dialog).getByLabelText('Genes present'));
    await userEvent.click(await screen.findByRole('option', { name: 'KIR2DL2', hidden: true }));
    await userEvent.click(await screen.findByRole('option', { name: 'KIR2DS2', hidden: true }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save KIR' }));
    await waitFor(() => expect(saved).toBe(1));
    expect(sent).toEqual({ haplotype: 'Bx', typedOn: '2026-11-02' });
  });

  it('refuses in the dialog, at the haplotype, when neither a haplotype nor a gene is chosen, and sends nothing', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.put(kirUrl, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(typed);
      })
    );
    let saved = 0;
    const dialog = await open(sara, () => saved++);
    await userEvent.type(within(dialog).getByLabelText('Lab'), 'KIR lab');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save KIR' }));
    expect(await within(dialog).findByText('Give the KIR haplotype (A/A or B/x) or the genes present')).toBeTruthy();
    expect(haplotype(dialog).getAttribute('aria-invalid')).toBe('true');
    expect(bodies).toEqual([]);
    expect(saved).toBe(0);
  });

  it('shows the server’s refusal at the field it names, and nothing is saved', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.put(kirUrl, async ({ request }) => {
        bodies.push(await request.json());
        return problem(400, 'haplotype: haplotype A/A disagrees with the genes, which make B/x', [
          { path: 'haplotype', message: 'haplotype A/A disagrees with the genes, which make B/x' },
        ]);
      })
    );
    let saved = 0;
    const dialog = await open(sara, () => saved++);
    await userEvent.click(haplotype(dialog));
    await userEvent.click(await screen.findByRole('option', { name: 'A/A', hidden: true }));
    await userEvent.click(within(dialog).getByLabelText('Genes present'));
    await userEvent.click(await screen.findByRole('option', { name: 'KIR2DS2', hidden: true }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save KIR' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('disagrees with the genes');
    expect(within(dialog).getByText('Haplotype A/A disagrees with the genes, which make B/x')).toBeTruthy();
    expect(haplotype(dialog).getAttribute('aria-invalid')).toBe('true');
    expect(bodies).toEqual([{ haplotype: 'AA', genes: ['KIR2DS2'] }]);
    expect(saved).toBe(0);
  });
});
