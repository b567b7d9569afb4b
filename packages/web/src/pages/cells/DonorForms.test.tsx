import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ChooseFromSearch } from './ChooseFromSearch';
import { CordUnitForm } from './CordUnitForm';
import { RelatedDonorForm } from './RelatedDonorForm';
import { donor, EPISODE_ID, hit, path, search, SEARCH_ID, url } from './testFixtures';

const roles = ['coordinator' as const];

describe('Related donor form', () => {
  it('sends the donor as typed, without the fields left unknown', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/donors`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(donor({ status: 'identified' }), { status: 201 });
      })
    );
    await renderPage(<RelatedDonorForm episodeId={EPISODE_ID} />, { url, path, roles });
    const form = screen.getByRole('form', { name: 'Add a related donor' });
    await userEvent.type(within(form).getByLabelText('Name / label'), 'Brother');
    await userEvent.type(within(form).getByLabelText('Weight (kg)'), '82');
    await userEvent.click(within(form).getByRole('button', { name: 'Add related donor' }));
    expect(await screen.findByText('Related donor added')).toBeTruthy();
    expect(sent).toEqual({
      kind: 'related',
      relationship: 'sibling',
      match: 'hla-identical',
      displayName: 'Brother',
      cmv: 'unknown',
      weightKg: 82,
    });
    expect(csrf).toBe('test-csrf-token');
  });

  it('shows the server’s refusal and puts its field message under the field', async () => {
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/donors`, () =>
        problem(400, 'The HLA typing is not a valid GL string.', [
          { path: 'hlaTyping', message: 'HLA-A*99:99 is not in IPD-IMGT/HLA 3.58.0' },
        ])
      )
    );
    await renderPage(<RelatedDonorForm episodeId={EPISODE_ID} />, { url, path, roles });
    const form = screen.getByRole('form', { name: 'Add a related donor' });
    await userEvent.type(within(form).getByLabelText('HLA typing (GL string)'), 'HLA-A*99:99');
    await userEvent.click(within(form).getByRole('button', { name: 'Add related donor' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The HLA typing is not a valid GL string.');
    expect(within(form).getByText('HLA-A*99:99 is not in IPD-IMGT/HLA 3.58.0')).toBeTruthy();
  });
});

describe('Cord unit form', () => {
  it('sends TNC typed in ×10⁷ and CD34+ in ×10⁵ as whole cells', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/episodes/${EPISODE_ID}/donors`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(donor({ source: 'cord', displayName: 'CB-77' }), { status: 201 });
      })
    );
    await renderPage(<CordUnitForm episodeId={EPISODE_ID} />, { url, path, roles });
    const form = screen.getByRole('form', { name: 'Add a cord unit' });
    await userEvent.type(within(form).getByLabelText('Cord unit id'), 'CB-77');
    await userEvent.type(within(form).getByLabelText('TNC (×10⁷)'), '150');
    await userEvent.type(within(form).getByLabelText('CD34+ (×10⁵)'), '6.5');
    await userEvent.click(within(form).getByRole('button', { name: 'Add cord unit' }));
    await waitFor(() => expect(sent).not.toBeNull());
    expect(sent).toEqual({ kind: 'cord', registryDonorId: 'CB-77', tncCells: 1_500_000_000, cd34Cells: 650_000 });
  });

  it('refuses a cord unit without its id before sending', async () => {
    await renderPage(<CordUnitForm episodeId={EPISODE_ID} />, { url, path, roles });
    const form = screen.getByRole('form', { name: 'Add a cord unit' });
    await userEvent.click(within(form).getByRole('button', { name: 'Add cord unit' }));
    expect(await within(form).findByText(/cord unit id is required/i)).toBeTruthy();
  });
});

describe('Choosing a donor from a saved search', () => {
  const searches = (list = [search()]) =>
    http.get(`${API}/episodes/${EPISODE_ID}/donor-searches`, () => HttpResponse.json(list));
  const results = () =>
    http.get(`${API}/donor-searches/${SEARCH_ID}/results`, ({ request }) => {
      expect(new URL(request.url).searchParams.get('limit')).toBe('10');
      return HttpResponse.json({
        search: search(),
        offset: 0,
        limit: 10,
        stored: 2,
        hits: [hit(), hit({ rank: 2, donorId: 'DKMS-0002', mismatches: 1 })],
      });
    });

  it('lists the search’s best donors, marks one already chosen and chooses another', async () => {
    let sent: unknown = null;
    server.use(
      searches(),
      results(),
      http.post(`${API}/episodes/${EPISODE_ID}/donors`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(donor({ source: 'unrelated', registryDonorId: 'DKMS-0002' }), { status: 201 });
      })
    );
    await renderPage(<ChooseFromSearch episodeId={EPISODE_ID} chosen={new Set(['DKMS-0001'])} />, {
      url,
      path,
      roles,
    });
    expect(await screen.findByRole('option', { name: '2 Dec 2026 · 12 donors' })).toBeTruthy();
    const first = (await screen.findByRole('cell', { name: 'DKMS-0001 (DKMS)' })).closest('tr')!;
    expect(within(first as HTMLElement).getByText('Chosen')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Choose DKMS-0002' }));
    expect(await screen.findByText('Donor chosen')).toBeTruthy();
    expect(sent).toEqual({ kind: 'search-result', searchId: SEARCH_ID, donorId: 'DKMS-0002' });
  });

  it('says when the episode has no saved search', async () => {
    server.use(searches([]));
    await renderPage(<ChooseFromSearch episodeId={EPISODE_ID} chosen={new Set()} />, { url, path, roles });
    expect(
      await screen.findByText('No saved donor search on this episode yet: run one from “Donor search”.')
    ).toBeTruthy();
  });

  it('shows the server’s refusal of a donor', async () => {
    server.use(
      searches(),
      results(),
      http.post(`${API}/episodes/${EPISODE_ID}/donors`, () => problem(409, 'DKMS-0001 is already chosen.'))
    );
    await renderPage(<ChooseFromSearch episodeId={EPISODE_ID} chosen={new Set()} />, { url, path, roles });
    await userEvent.click(await screen.findByRole('button', { name: 'Choose DKMS-0001' }));
    expect((await screen.findByRole('alert')).textContent).toBe('DKMS-0001 is already chosen.');
  });
});
