import type { Relative } from '@engraft/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { confirmationRequired, http, HttpResponse, problem, server } from '../../testing/server';
import { RelativeFormModal } from './RelativeFormModal';
import { PID, RID, relativesUrl, sara } from './testFixtures';

const relatives = relativesUrl;

async function open(relative: Relative | null, onSaved: () => void = () => undefined) {
  await renderPage(
    <RelativeFormModal patientId={PID} relative={relative} onClose={() => undefined} onSaved={onSaved} />,
    { url: '/f', roles: ['coordinator'] }
  );
  return screen.findByRole('dialog', { name: relative ? `Edit ${relative.name}` : 'Add a relative' });
}
const value = (d: HTMLElement, label: string | RegExp) => within(d).getByLabelText<HTMLInputElement>(label).value;
async function choose(d: HTMLElement, label: string, option: string) {
  await userEvent.click(within(d).getByLabelText(label));
  await userEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
}

describe('adding or editing a relative', () => {
  it('adds an “other” relative with the details typed, confirming an unusual weight with a reason', async () => {
    const bodies: Record<string, unknown>[] = [];
    const tokens: (string | null)[] = [];
    server.use(
      http.post(relatives, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        tokens.push(request.headers.get('x-csrf-token'));
        if ((body.confirmations as unknown[]).length === 0) {
          return confirmationRequired([{ path: 'weightKg', message: 'weight 210 kg is above the usual range' }]);
        }
        return HttpResponse.json({ ...sara, relationship: 'other', relationshipText: 'aunt' }, { status: 201 });
      })
    );
    let saved = 0;
    const dialog = await open(null, () => saved++);
    expect(value(dialog, 'Relationship')).toBe('Full sibling');
    expect(value(dialog, /^Name/)).toBe('');
    expect(value(dialog, 'ABO/Rh')).toBe('Unknown / not typed');
    expect(value(dialog, 'CMV serostatus')).toBe('Unknown');
    expect(value(dialog, 'Availability')).toBe('Availability unknown');
    expect(value(dialog, 'Contact and consent')).toBe('Not contacted');
    expect(within(dialog).queryByLabelText('How related')).toBeNull();
    await choose(dialog, 'Relationship', 'Other relative');
    await userEvent.type(await within(dialog).findByLabelText('How related'), 'aunt');
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'Maria');
    fireEvent.change(within(dialog).getByLabelText(/Date of birth/), { target: { value: '1970-04-02' } });
    await userEvent.type(within(dialog).getByLabelText(/Weight/), '210');
    await choose(dialog, 'ABO/Rh', 'O-');
    await choose(dialog, 'Contact and consent', 'Contacted');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add relative' }));
    const confirm = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(confirm).getByRole('textbox', { name: /weight 210 kg/ }), 'weighed twice');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Confirm with reason' }));
    await waitFor(() => expect(saved).toBe(1));
    const details = {
      name: 'Maria',
      dateOfBirth: '1970-04-02',
      weightKg: 210,
      aboRh: 'O-',
      cmv: 'unknown',
      availability: 'unknown',
      contact: 'contacted',
      relationship: 'other',
      relationshipText: 'aunt',
    };
    expect(bodies).toEqual([
      { ...details, confirmations: [] },
      { ...details, confirmations: [{ field: 'weightKg', reason: 'weighed twice' }] },
    ]);
    expect(tokens).toEqual(['test-csrf-token', 'test-csrf-token']);
  });

  it('edits a relative: the recorded details are shown, the relationship is not offered, the change is sent', async () => {
    let sent: unknown = null;
    server.use(
      http.patch(`${relatives}/${RID}`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...sara, availability: 'unavailable' });
      })
    );
    let saved = 0;
    const dialog = await open(sara, () => saved++);
    expect(within(dialog).queryByLabelText('Relationship')).toBeNull();
    expect(value(dialog, /^Name/)).toBe('Sara');
    expect(value(dialog, 'Sex')).toBe('Female');
    expect(value(dialog, /Date of birth/)).toBe('1990-06-01');
    expect(value(dialog, /Weight/)).toBe('60');
    expect(value(dialog, 'ABO/Rh')).toBe('A+');
    expect(value(dialog, 'CMV serostatus')).toBe('Negative');
    expect(value(dialog, 'Availability')).toBe('Available');
    expect(value(dialog, 'Contact and consent')).toBe('Consented');
    await choose(dialog, 'Availability', 'Unavailable');
    await userEvent.clear(within(dialog).getByLabelText(/Weight/));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toBe(1));
    expect(sent).toEqual({
      name: 'Sara',
      sex: 'female',
      dateOfBirth: '1990-06-01',
      aboRh: 'A+',
      cmv: 'negative',
      availability: 'unavailable',
      contact: 'consented',
      confirmations: [],
    });
  });

  it('refuses a missing name and a weight that is not a number at their fields, keeps what was typed, sends nothing', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(relatives, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(sara, { status: 201 });
      })
    );
    let saved = 0;
    const dialog = await open(null, () => saved++);
    await userEvent.type(within(dialog).getByLabelText(/^Name/), '   ');
    await userEvent.type(within(dialog).getByLabelText(/Weight/), '6O');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add relative' }));
    expect(await within(dialog).findByText('Give a name staff recognise')).toBeTruthy();
    expect(within(dialog).getByLabelText(/^Name/).getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('Weight must be a number (kg)')).toBeTruthy();
    expect(value(dialog, /Weight/)).toBe('6O');
    expect(bodies).toEqual([]);
    expect(saved).toBe(0);
  });

  it('shows the server’s refusal, with each field error at its field, and keeps what was typed', async () => {
    let sent: Record<string, unknown> | null = null;
    server.use(
      http.patch(`${relatives}/${RID}`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return problem(400, 'relative refused: dateOfBirth: date of birth cannot be in the future', [
          { path: 'dateOfBirth', message: 'date of birth cannot be in the future' },
        ]);
      })
    );
    let saved = 0;
    const dialog = await open(sara, () => saved++);
    fireEvent.change(within(dialog).getByLabelText(/Date of birth/), { target: { value: '2020-01-02' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('date of birth cannot be in the future');
    expect(within(dialog).getByText('Date of birth cannot be in the future')).toBeTruthy();
    expect(
      within(dialog)
        .getByLabelText(/Date of birth/)
        .getAttribute('aria-invalid')
    ).toBe('true');
    expect(value(dialog, /Date of birth/)).toBe('2020-01-02');
    expect(sent!.dateOfBirth).toBe('2020-01-02');
    expect(saved).toBe(0);
  });
});
