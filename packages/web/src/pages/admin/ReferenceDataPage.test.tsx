import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ReferenceDataPage } from './ReferenceDataPage';

const ready = {
  state: 'ready',
  release: '3.58.0',
  donors: 12000,
  threads: 2,
  loadedAt: '2026-12-06T08:00:00.000Z',
  loadSeconds: 4.2,
  synthetic: true,
};

describe('Reference data page', () => {
  it('shows the installed release and uploads an archive as base64 with its name', async () => {
    let sent: { fileName?: string; contentBase64?: string } = {};
    server.use(
      http.get(`${API}/donor-registry`, () => HttpResponse.json(ready)),
      http.post(`${API}/reference-data/release`, async ({ request }) => {
        sent = (await request.json()) as typeof sent;
        return HttpResponse.json({ release: '3.59.0', files: ['Allelelist.txt', 'wmda/hla_nom.txt'] });
      })
    );
    await renderPage(<ReferenceDataPage />, { url: '/admin/reference-data', roles: ['admin'] });
    expect(await screen.findByText(/Installed: IPD-IMGT\/HLA 3\.58\.0/)).toBeTruthy();
    const section = screen.getByRole('region', { name: 'Load a release from a file' });
    const input = section.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, new File(['PK-zip'], 'IMGTHLA-3.59.0.zip', { type: 'application/zip' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Load the release' }));
    expect((await screen.findByRole('status')).textContent).toContain('IPD-IMGT/HLA 3.59.0 loaded and verified');
    expect(sent.fileName).toBe('IMGTHLA-3.59.0.zip');
    expect(atob(sent.contentBase64 ?? '')).toBe('PK-zip');
  });

  it('shows the server’s words when the archive is refused', async () => {
    server.use(
      http.get(`${API}/donor-registry`, () => HttpResponse.json(ready)),
      http.post(`${API}/reference-data/release`, () => problem(400, 'wmda/hla_nom.txt: md5 does not match'))
    );
    await renderPage(<ReferenceDataPage />, { url: '/admin/reference-data', roles: ['admin'] });
    const section = await screen.findByRole('region', { name: 'Load a release from a file' });
    const input = section.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, new File(['x'], 'bad.zip', { type: 'application/zip' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Load the release' }));
    await waitFor(() => expect(screen.getByText('wmda/hla_nom.txt: md5 does not match')).toBeTruthy());
    expect(screen.getByText('The release was not loaded')).toBeTruthy();
  });

  it('says how many workers rank by probability, and warns once they have stopped', async () => {
    server.use(http.get(`${API}/donor-registry`, () => HttpResponse.json({ ...ready, rankThreads: 2 })));
    const { unmount } = await renderPage(<ReferenceDataPage />, { url: '/admin/reference-data', roles: ['admin'] });
    expect(await screen.findByText(/probability ranking on 2 worker threads/)).toBeTruthy();
    expect(screen.queryByText('Probability ranking workers stopped')).toBeNull();
    unmount();
    server.use(http.get(`${API}/donor-registry`, () => HttpResponse.json({ ...ready, rankThreads: 0 })));
    await renderPage(<ReferenceDataPage />, { url: '/admin/reference-data', roles: ['admin'] });
    expect(await screen.findByText('Probability ranking workers stopped')).toBeTruthy();
    expect(screen.queryByText(/probability ranking on/)).toBeNull();
  });

  it('shows a non-administrator the status only, and why the status could not be read', async () => {
    server.use(http.get(`${API}/donor-registry`, () => problem(503, 'The donor registry is not configured.')));
    await renderPage(<ReferenceDataPage />, { url: '/admin/reference-data', roles: ['hla'] });
    expect(await screen.findByText('Only an administrator can load the reference data.')).toBeTruthy();
    expect(await screen.findByText('The donor registry is not configured.')).toBeTruthy();
    expect(screen.getByText('Could not load the reference data status')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Load a release from a file' })).toBeNull();
  });
});
