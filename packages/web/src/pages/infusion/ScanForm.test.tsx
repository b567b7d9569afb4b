import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ScanForm } from './ScanForm';
import { EPISODE, passedCheck, path, url } from './testFixtures';

const checksUrl = `${API}/episodes/${EPISODE}/bedside-checks`;
const check = passedCheck();

const open = async (cellTherapy: boolean) => {
  await renderPage(<ScanForm episodeId={EPISODE} cellTherapy={cellTherapy} />, { url, path, roles: ['nurse'] });
  return screen.getByRole('region', { name: '1. Scan' });
};

describe('Bedside scan form', () => {
  it('asks for the wristband and the bag, every field empty, the wristband first', async () => {
    const form = await open(false);
    const wristband = within(form).getByRole<HTMLInputElement>('textbox', { name: /Scan patient wristband \(MRN\)/ });
    expect(document.activeElement).toBe(wristband);
    for (const name of [/Scan product DIN/, /Product code/, /Division/]) {
      expect(within(form).getByRole<HTMLInputElement>('textbox', { name }).value).toBe('');
    }
    expect(within(form).getAllByRole('textbox')).toHaveLength(4);
    expect(within(form).queryByRole('textbox', { name: /Chain of Identity/ })).toBeNull();
  });

  it('asks for the Chain of Identity too for a cell therapy', async () => {
    const form = await open(true);
    expect(within(form).getByRole<HTMLInputElement>('textbox', { name: /Chain of Identity \(COI\)/ }).value).toBe('');
    expect(within(form).getAllByRole('textbox')).toHaveLength(5);
  });

  it('moves to the next field on a scanner’s Enter, checks after the last and sends only what was scanned', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(checksUrl, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(check, { status: 201 });
      })
    );
    const form = await open(false);
    await userEvent.type(within(form).getByRole('textbox', { name: /wristband/ }), 'SYN-100{Enter}');
    expect(document.activeElement).toBe(within(form).getByRole('textbox', { name: /DIN/ }));
    await userEvent.keyboard('W0000 26 000001{Enter}S1398{Enter}  {Enter}');
    await waitFor(() => expect(sent).toEqual({ mrn: 'SYN-100', din: 'W0000 26 000001', productCode: 'S1398' }));
    expect(csrf).toBe('test-csrf-token');
    // ready for the next bag: the fields are emptied and the wristband has the focus again
    const wristband = within(form).getByRole<HTMLInputElement>('textbox', { name: /wristband/ });
    await waitFor(() => expect(wristband.value).toBe(''));
    expect(document.activeElement).toBe(wristband);
    expect(within(form).getByRole<HTMLInputElement>('textbox', { name: /DIN/ }).value).toBe('');
  });

  it('shows the server’s refusal at the field it names and keeps what was scanned', async () => {
    server.use(
      http.post(checksUrl, () =>
        problem(400, 'din: the check character does not match', [
          { path: 'din', message: 'The DIN’s check character does not match: scan it again' },
        ])
      )
    );
    const form = await open(false);
    await userEvent.type(within(form).getByRole('textbox', { name: /wristband/ }), 'SYN-100{Enter}');
    await userEvent.keyboard('W0000 26 000001X');
    await userEvent.click(within(form).getByRole('button', { name: 'Check' }));
    const din = within(form).getByRole<HTMLInputElement>('textbox', { name: /DIN/ });
    expect(await within(form).findByText('The DIN’s check character does not match: scan it again')).toBeTruthy();
    expect(din.getAttribute('aria-invalid')).toBe('true');
    expect(din.value).toBe('W0000 26 000001X');
    expect(within(form).getByRole('alert').textContent).toBe('din: the check character does not match');
  });

  it('sends nothing scanned as an empty body, and shows the server naming the wristband as required', async () => {
    let sent: unknown = null;
    server.use(
      http.post(checksUrl, async ({ request }) => {
        sent = await request.json();
        return problem(400, 'mrn: the wristband has not been scanned', [
          { path: 'mrn', message: 'Scan the wristband' },
        ]);
      })
    );
    const form = await open(false);
    await userEvent.click(within(form).getByRole('button', { name: 'Check' }));
    expect(await within(form).findByText('Scan the wristband')).toBeTruthy();
    expect(sent).toEqual({});
    expect(
      within(form)
        .getByRole('textbox', { name: /wristband/ })
        .getAttribute('aria-invalid')
    ).toBe('true');
  });
});
