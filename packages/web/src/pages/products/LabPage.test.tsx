import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { worklistRow } from '../../components/products/testFixtures';
import { LabPage } from './LabPage';

describe('Cell processing lab page', () => {
  it('sorts the products into the worklist sections, the inventory by freezer', async () => {
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json({
          today: '2026-12-06',
          products: [
            worklistRow(1),
            worklistRow(2, {
              status: 'stored',
              cryopreserved: true,
              storage: { freezer: 'LN2-A', rack: '3', box: '12', position: 'B4' },
            }),
            worklistRow(3, {
              status: 'processing',
              awaitingSecondSignature: true,
              releaseRequestedBy: 'Test lab',
              releaseRequestedAt: '2026-12-05T10:00:00.000Z',
              sterility: 'positive',
            }),
          ],
        })
      )
    );
    await renderPage(<LabPage />, { url: '/lab', roles: ['lab'] });
    const process = await screen.findByRole('region', { name: 'To process' });
    expect(within(process).getByRole('link', { name: 'W9999 26 000101' })).toBeTruthy();
    const awaiting = screen.getByRole('region', { name: 'Awaiting second release signature' });
    expect(awaiting.textContent).toContain('Test lab, 5 Dec 2026');
    expect(within(awaiting).getByText('culture positive')).toBeTruthy();
    const inventory = screen.getByRole('region', { name: 'Inventory by freezer' });
    expect(within(inventory).getByRole('heading', { name: 'LN2-A' })).toBeTruthy();
    expect(inventory.textContent).toContain('LN2-A · rack 3 · box 12 · position B4');
    expect(screen.getByText('No released product.')).toBeTruthy();
  });

  it('says when the lab has nothing to do', async () => {
    server.use(http.get(`${API}/products`, () => HttpResponse.json({ today: '2026-12-06', products: [] })));
    await renderPage(<LabPage />, { url: '/lab', roles: ['lab'] });
    expect(await screen.findByText('Nothing to process.')).toBeTruthy();
    expect(screen.getByText('No product is in storage.')).toBeTruthy();
    expect(screen.getByText('No release is waiting for a second signature.')).toBeTruthy();
  });

  it('shows the server’s words when the worklist cannot be read', async () => {
    server.use(http.get(`${API}/products`, () => problem(403, 'Your role cannot read the lab worklist.')));
    await renderPage(<LabPage />, { url: '/lab', roles: ['nurse'] });
    expect(await screen.findByText('Your role cannot read the lab worklist.')).toBeTruthy();
  });
});
