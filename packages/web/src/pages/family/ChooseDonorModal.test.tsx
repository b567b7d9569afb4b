import { type Donor, type RankedRelative } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, confirmationRequired, http, HttpResponse, problem, server } from '../../testing/server';
import { ChooseDonorModal } from './ChooseDonorModal';

const PID = '6f1c1b7e-0000-4000-8000-0000000000a1';
const EID = '6f1c1b7e-0000-4000-8000-0000000000e1';
const RID = '6f1c1b7e-0000-4000-8000-000000000021';
const sofia: RankedRelative = {
  relativeId: RID,
  name: 'Sofia',
  relationship: 'full-sibling',
  match: 'haploidentical',
  rank: 2,
  tier: 'related',
  score: 12,
  summary: 'haploidentical sister, DSA',
  criteria: [],
  dsa: {
    worst: 'strong',
    hits: [
      {
        specificity: 'A*24:02',
        mfi: 8000,
        testedOn: '2026-11-01',
        strength: 'strong',
        certainty: 'definite',
        donorAlleles: ['A*24:02'],
        reason: 'donor carries A*24:02',
      },
    ],
  },
  crossmatches: [],
};
const donor: Donor = {
  id: '6f1c1b7e-0000-4000-8000-0000000000b1',
  episodeId: EID,
  source: 'related',
  relationship: 'sibling',
  matchGrade: 'haploidentical',
  registryDonorId: null,
  donorSearchId: null,
  displayName: 'Sofia',
  hlaTyping: null,
  sex: 'female',
  birthDate: null,
  birthYear: null,
  aboRh: null,
  cmv: 'unknown',
  weightKg: null,
  cordBank: null,
  cordTnc: null,
  cordCd34: null,
  status: 'identified',
  statusOn: '2026-12-06',
  history: [],
  createdAt: '2026-12-06T08:00:00.000Z',
};
const decided = {
  decision: {
    id: '6f1c1b7e-0000-4000-8000-0000000000d1',
    episodeId: EID,
    relativeId: RID,
    relativeName: 'Sofia',
    donorId: donor.id,
    reason: 'only available donor',
    rank: 2,
    decidedBy: 'Test physician',
    decidedAt: '2026-12-06T09:00:00.000Z',
  },
  donor,
};
const dsaProblem = () =>
  confirmationRequired([{ path: 'relativeId', message: 'Sofia: DSA anti-A*24:02, MFI 8,000 (strong)' }]);

async function open(onChosen: () => void = () => {}, onClose: () => void = () => {}) {
  await renderPage(
    <ChooseDonorModal patientId={PID} episodeId={EID} candidate={sofia} onClose={onClose} onChosen={onChosen} />,
    { url: `/patients/${PID}/family`, roles: ['physician'] }
  );
  return screen.findByRole('dialog', { name: 'Choose Sofia as the donor' });
}

describe('ChooseDonorModal', () => {
  it('shows the candidate and its DSA, and chooses with a reason confirmed against the DSA', async () => {
    const bodies: Record<string, unknown>[] = [];
    let csrf: string | null = null;
    server.use(
      http.post(`${API}/patients/${PID}/family/decisions`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        csrf = request.headers.get('x-csrf-token');
        return (body.confirmations as unknown[]).length === 0 ? dsaProblem() : HttpResponse.json(decided);
      })
    );
    let chosen = 0;
    const dialog = await open(() => (chosen += 1));
    expect(within(dialog).getByText('Rank 2: haploidentical sister, DSA')).toBeTruthy();
    expect(within(dialog).getByText(/DSA anti-A\*24:02/)).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText(/Reason for this choice/), 'only available donor');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Choose this donor' }));
    const confirm = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.type(
      within(confirm).getByRole('textbox', { name: /DSA anti-A\*24:02/ }),
      'desensitisation planned'
    );
    await userEvent.click(within(confirm).getByRole('button', { name: 'Confirm with reason' }));
    await waitFor(() => expect(chosen).toBe(1), { timeout: 5000 }).catch(() => {
      throw new Error(
        screen
          .queryAllByRole('alert')
          .map((a) => a.textContent)
          .join(' | ')
      );
    });
    expect(bodies).toEqual([
      { episodeId: EID, relativeId: RID, reason: 'only available donor', confirmations: [] },
      {
        episodeId: EID,
        relativeId: RID,
        reason: 'only available donor',
        confirmations: [{ field: 'relativeId', reason: 'desensitisation planned' }],
      },
    ]);
    expect(csrf).toBe('test-csrf-token');
  });

  it('chooses nothing when the DSA confirmation is cancelled, and keeps the reason typed', async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/patients/${PID}/family/decisions`, () => {
        posts += 1;
        return dsaProblem();
      })
    );
    let chosen = 0;
    let closed = 0;
    const dialog = await open(
      () => (chosen += 1),
      () => (closed += 1)
    );
    await userEvent.type(within(dialog).getByLabelText(/Reason for this choice/), 'only available donor');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Choose this donor' }));
    const confirm = await screen.findByRole('dialog', { name: 'Confirm unusual values' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Cancel and correct' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Confirm unusual values' })).toBeNull());
    expect(posts).toBe(1);
    expect(chosen).toBe(0);
    expect(closed).toBe(0);
    expect(within(dialog).getByLabelText<HTMLTextAreaElement>(/Reason for this choice/).value).toBe(
      'only available donor'
    );
  });

  it('asks for a reason before sending, and shows the server’s refusal in the dialog', async () => {
    server.use(
      http.post(`${API}/patients/${PID}/family/decisions`, () =>
        problem(409, 'Sofia is no longer available as a donor.')
      )
    );
    const dialog = await open();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Choose this donor' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Give the reason for this choice (at least 3 characters).'
    );
    await userEvent.type(within(dialog).getByLabelText(/Reason for this choice/), 'only available donor');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Choose this donor' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toBe('Sofia is no longer available as a donor.')
    );
  });
});
