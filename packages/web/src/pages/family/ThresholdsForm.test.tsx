import { DEFAULT_FAMILY_SETTINGS, type FamilySettings, type FamilySettingsView } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, confirmationRequired, http, HttpResponse, problem, server } from '../../testing/server';
import { ThresholdsForm } from './ThresholdsForm';

const settings: FamilySettings = {
  thresholds: {
    ...DEFAULT_FAMILY_SETTINGS.thresholds,
    DQB1: { positive: 2000, strong: 8000, desensitisation: 15_000 },
  },
  weights: { ...DEFAULT_FAMILY_SETTINGS.weights, kir: 3 },
};
const view = (s: FamilySettings): FamilySettingsView => ({
  settings: s,
  defaults: DEFAULT_FAMILY_SETTINGS,
  updatedAt: '2026-12-06T10:00:00.000Z',
  updatedBy: 'admin',
});

async function open(onSaved: () => void = () => undefined) {
  await renderPage(<ThresholdsForm settings={settings} onSaved={onSaved} />, { url: '/f', roles: ['admin'] });
  return screen.getByRole('form', { name: 'MFI thresholds and ranking weights' });
}
const input = (form: HTMLElement, label: string) =>
  within(form).getByRole<HTMLInputElement>('textbox', { name: label });
async function retype(form: HTMLElement, label: string, text: string) {
  await userEvent.clear(input(form, label));
  await userEvent.type(input(form, label), text);
}

describe('MFI thresholds and ranking weights form', () => {
  it('shows the centre’s settings, and saves a changed threshold with the reason asked for an implausible MFI', async () => {
    const bodies: Record<string, unknown>[] = [];
    const tokens: (string | null)[] = [];
    server.use(
      http.put(`${API}/settings/family`, async ({ request }) => {
        const body = (await request.json()) as FamilySettings & { confirmations?: unknown };
        bodies.push(body);
        tokens.push(request.headers.get('x-csrf-token'));
        if (!body.confirmations) {
          return confirmationRequired([
            { path: 'thresholds.DQB1.desensitisation', message: 'DQB1 desensitisation threshold 40,000 MFI is high' },
          ]);
        }
        const { confirmations: _, ...sent } = body;
        return HttpResponse.json(view(sent));
      })
    );
    let saved = 0;
    const form = await open(() => saved++);
    expect(input(form, 'A positive threshold').value).toBe('1000');
    expect(input(form, 'DQB1 positive threshold').value).toBe('2000');
    expect(input(form, 'DQB1 strong threshold').value).toBe('8000');
    expect(input(form, 'DSA weight').value).toBe('1000');
    expect(input(form, 'KIR weight').value).toBe('3');
    expect(input(form, 'KIR ligand (GvH) weight').value).toBe('0');
    await retype(form, 'DQB1 desensitisation threshold', '40000');
    await retype(form, 'CMV weight', '12');
    await userEvent.click(within(form).getByRole('button', { name: 'Save thresholds and weights' }));
    const confirm = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(within(confirm).getByRole('textbox', { name: /DQB1 desensitisation/ }), 'lab validated');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Confirm with reason' }));
    await waitFor(() => expect(saved).toBe(1));
    const expected = {
      thresholds: { ...settings.thresholds, DQB1: { positive: 2000, strong: 8000, desensitisation: 40_000 } },
      weights: { ...settings.weights, cmv: 12 },
    };
    expect(bodies).toEqual([
      expected,
      { ...expected, confirmations: [{ field: 'thresholds.DQB1.desensitisation', reason: 'lab validated' }] },
    ]);
    expect(tokens).toEqual(['test-csrf-token', 'test-csrf-token']);
    expect(await screen.findByText('Thresholds and weights saved.')).toBeTruthy();
  });

  it('saves nothing when the confirmation is cancelled', async () => {
    let puts = 0;
    server.use(
      http.put(`${API}/settings/family`, () => {
        puts += 1;
        return confirmationRequired([{ path: 'thresholds.A.strong', message: 'A strong threshold is high' }]);
      })
    );
    let saved = 0;
    const form = await open(() => saved++);
    await retype(form, 'A strong threshold', '60000');
    await userEvent.click(within(form).getByRole('button', { name: 'Save thresholds and weights' }));
    const confirm = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Cancel and correct' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Confirm unusual values' })).toBeNull());
    expect(puts).toBe(1);
    expect(saved).toBe(0);
    expect(input(form, 'A strong threshold').value).toBe('60000');
  });

  it('says at the field when what is typed is not a number, before anything is sent', async () => {
    const form = await open();
    await retype(form, 'Age weight', '1o0');
    expect(input(form, 'Age weight').getAttribute('aria-invalid')).toBe('true');
    expect(input(form, 'Sex weight').getAttribute('aria-invalid')).not.toBe('true');
  });

  it('shows the server’s refusal in its words, each field error at its field', async () => {
    let sent: { thresholds: FamilySettings['thresholds']; weights: Record<string, unknown> } | null = null;
    server.use(
      http.put(`${API}/settings/family`, async ({ request }) => {
        sent = (await request.json()) as typeof sent;
        return problem(400, 'family settings refused: weights.sex: a weight cannot be negative', [
          { path: 'weights.sex', message: 'a weight cannot be negative' },
          { path: 'thresholds.DRB1', message: 'thresholds must rise: positive ≤ strong ≤ desensitisation' },
        ]);
      })
    );
    let saved = 0;
    const form = await open(() => saved++);
    await retype(form, 'Sex weight', '-5');
    await retype(form, 'DRB1 strong threshold', '500');
    await userEvent.click(within(form).getByRole('button', { name: 'Save thresholds and weights' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Not saved');
    expect(alert.textContent).toContain('weights.sex: a weight cannot be negative');
    expect(sent!.weights.sex).toBe(-5);
    expect(sent!.thresholds.DRB1).toEqual({ positive: 1000, strong: 500, desensitisation: 10_000 });
    expect(input(form, 'Sex weight').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('A weight cannot be negative')).toBeTruthy();
    // a locus-wide error marks each threshold of the locus
    for (const level of ['positive', 'strong', 'desensitisation']) {
      expect(input(form, `DRB1 ${level} threshold`).getAttribute('aria-invalid')).toBe('true');
    }
    expect(input(form, 'DRB3 strong threshold').getAttribute('aria-invalid')).not.toBe('true');
    expect(saved).toBe(0);
  });
});
