import type { OutcomesResult } from '@engraft/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, server } from '../../testing/server';
import { CohortForm } from './CohortForm';
import { OutcomesPage } from './OutcomesPage';
import type { Query } from './outcomesQuery';

const all: Query = { endpoint: 'OS', groupBy: 'none', disease: '', episodeType: '', donorType: '', from: '', to: '' };
const empty: OutcomesResult = {
  endpoint: { name: 'OS', label: 'Overall survival', version: 1, estimator: 'survival' },
  n: 0,
  atRiskDays: [0, 365],
  medianFollowUp: null,
  groups: [],
  test: null,
};

const open = async (query: Query, rangeError: string | null = null) => {
  const set = vi.fn();
  await renderPage(<CohortForm query={query} rangeError={rangeError} set={set} />, {
    url: '/outcomes',
    roles: ['data-manager'],
  });
  return { form: screen.getByRole('form', { name: 'Cohort, endpoint and grouping' }), set };
};
const select = (form: HTMLElement, name: string) => within(form).getByRole<HTMLSelectElement>('combobox', { name });
const input = (form: HTMLElement, name: string) => within(form).getByLabelText<HTMLInputElement>(name);

describe('Cohort, endpoint and grouping form', () => {
  it('shows the whole cohort, overall survival and no grouping by default, with no filter to clear', async () => {
    const { form } = await open(all);
    expect(select(form, 'Disease').value).toBe('');
    expect(select(form, 'Disease').selectedOptions[0]!.textContent).toBe('All diseases');
    expect(select(form, 'Episode type').selectedOptions[0]!.textContent).toBe('All episode types');
    expect(select(form, 'Donor type').selectedOptions[0]!.textContent).toBe('All donor types');
    expect(input(form, 'Day 0 from').value).toBe('');
    expect(input(form, 'Day 0 to').value).toBe('');
    expect(within(form).getByRole<HTMLInputElement>('radio', { name: /^OS — Overall survival/ }).checked).toBe(true);
    expect(within(form).getAllByRole('radio')).toHaveLength(5);
    expect(select(form, 'Compare groups').selectedOptions[0]!.textContent).toBe('No grouping (all together)');
    expect(within(form).queryByRole('button', { name: 'Clear cohort filters' })).toBeNull();
  });

  it('shows the chosen cohort, and each change asks for that choice alone', async () => {
    const chosen: Query = {
      endpoint: 'NRM',
      groupBy: 'donor-type',
      disease: 'AML',
      episodeType: 'allogeneic-hct',
      donorType: 'unrelated',
      from: '2024-01-01',
      to: '2025-12-31',
    };
    const { form, set } = await open(chosen);
    expect(select(form, 'Disease').selectedOptions[0]!.textContent).toBe('Acute myeloid leukemia');
    expect(select(form, 'Episode type').selectedOptions[0]!.textContent).toBe('Allogeneic HCT');
    expect(select(form, 'Donor type').selectedOptions[0]!.textContent).toBe('Unrelated adult');
    expect(input(form, 'Day 0 from').value).toBe('2024-01-01');
    expect(input(form, 'Day 0 to').value).toBe('2025-12-31');
    expect(within(form).getByRole<HTMLInputElement>('radio', { name: /^NRM/ }).checked).toBe(true);
    expect(select(form, 'Compare groups').value).toBe('donor-type');

    await userEvent.selectOptions(select(form, 'Disease'), 'ALL');
    expect(set).toHaveBeenLastCalledWith({ disease: 'ALL' });
    await userEvent.selectOptions(select(form, 'Donor type'), '');
    expect(set).toHaveBeenLastCalledWith({ donorType: '' });
    await userEvent.click(within(form).getByRole('radio', { name: /^PFS/ }));
    expect(set).toHaveBeenLastCalledWith({ endpoint: 'PFS' });
    // no grouping is left out of the address
    await userEvent.selectOptions(select(form, 'Compare groups'), 'none');
    expect(set).toHaveBeenLastCalledWith({ groupBy: null });
    await userEvent.click(within(form).getByRole('button', { name: 'Clear cohort filters' }));
    expect(set).toHaveBeenLastCalledWith({ disease: null, episodeType: null, donorType: null, from: null, to: null });
    expect(set).toHaveBeenCalledTimes(5);
  });

  it('shows a range refusal at the "Day 0 to" field', async () => {
    const { form } = await open(
      { ...all, from: '2025-06-01', to: '2025-01-01' },
      'The end date is before the start date'
    );
    expect(within(form).getByText('The end date is before the start date')).toBeTruthy();
    expect(input(form, 'Day 0 to').getAttribute('aria-invalid')).toBe('true');
    expect(input(form, 'Day 0 from').getAttribute('aria-invalid')).toBeNull();
  });

  it('on the page: a choice becomes the request’s query, and dates the wrong way round send nothing', async () => {
    const searches: string[] = [];
    server.use(
      http.get(`${API}/outcomes`, ({ request }) => {
        searches.push(new URL(request.url).search);
        return HttpResponse.json(empty);
      })
    );
    await renderPage(<OutcomesPage />, { url: '/outcomes?disease=AML&from=2024-01-01', roles: ['data-manager'] });
    const form = screen.getByRole('form', { name: 'Cohort, endpoint and grouping' });
    await waitFor(() => expect(searches).toEqual(['?endpoint=OS&groupBy=none&disease=AML&from=2024-01-01']));
    expect(select(form, 'Disease').value).toBe('AML');
    expect(input(form, 'Day 0 from').value).toBe('2024-01-01');
    await userEvent.selectOptions(select(form, 'Compare groups'), 'episode-type');
    await waitFor(() => expect(searches).toHaveLength(2));
    expect(searches[1]).toBe('?endpoint=OS&groupBy=episode-type&disease=AML&from=2024-01-01');
    // a date input changes at once (a picked date), as the browser fires it
    fireEvent.change(input(form, 'Day 0 to'), { target: { value: '2023-12-31' } });
    expect(await within(form).findByText('The end date is before the start date')).toBeTruthy();
    fireEvent.change(input(form, 'Day 0 to'), { target: { value: '2024-12-31' } });
    await waitFor(() => expect(searches).toHaveLength(3));
    // nothing was asked for the range the wrong way round
    expect(searches[2]).toBe('?endpoint=OS&groupBy=episode-type&disease=AML&from=2024-01-01&to=2024-12-31');
    expect(within(form).queryByText('The end date is before the start date')).toBeNull();
  });
});
