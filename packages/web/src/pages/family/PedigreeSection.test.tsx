import type { Pedigree, Relative } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { PedigreeSection } from './PedigreeSection';
import { PID, sara, untypedSegregation } from './testFixtures';

const withKir: Relative = {
  ...sara,
  kir: {
    haplotype: 'Bx',
    genes: ['KIR2DL2', 'KIR2DS2'],
    typedOn: null,
    lab: null,
    reading: 'KIR B/x donor, Cen-B/B, Tel-?: motifs not read',
  },
};
const pedigree: Pedigree = { patientTyping: null, relatives: [withKir] };
const segregation = untypedSegregation;

const render = (p: Pedigree, onChanged: () => void = () => undefined) =>
  renderPage(
    <PedigreeSection
      patientId={PID}
      pedigree={p}
      segregation={segregation}
      today="2026-03-15"
      canWrite
      onChanged={onChanged}
    />,
    { url: '/f' }
  );

describe('family pedigree section', () => {
  it('shows each relative with the KIR reading, and withdraws one with a reason', async () => {
    let sent: unknown = null;
    let changed = 0;
    server.use(
      http.delete(`${API}/patients/${PID}/family/relatives/${sara.id}`, async ({ request }) => {
        sent = await request.json();
        return new HttpResponse(null, { status: 204 });
      })
    );
    await render(pedigree, () => changed++);
    expect(screen.getByText('KIR B/x donor, Cen-B/B, Tel-?: motifs not read')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw Sara' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /reason/i }), 'entered twice');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Withdraw relative' }));
    await waitFor(() => expect(changed).toBe(1));
    expect(sent).toEqual({ reason: 'entered twice' });
  });

  it('keeps the dialog open with the server’s refusal for a chosen donor', async () => {
    server.use(
      http.delete(`${API}/patients/${PID}/family/relatives/${sara.id}`, () =>
        problem(409, 'Sara is the chosen donor of an episode: cancel that donor in the donor work-up first')
      )
    );
    await render(pedigree);
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw Sara' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /reason/i }), 'wrong person');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Withdraw relative' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Sara is the chosen donor');
  });

  it('says when no relative is recorded', async () => {
    await render({ patientTyping: null, relatives: [] });
    expect(screen.getByText('No relatives recorded yet.')).toBeTruthy();
  });
});
