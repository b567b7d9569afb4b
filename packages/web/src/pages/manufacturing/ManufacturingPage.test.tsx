import type { CustodyEvent, ManufacturingEpisodeView, ManufacturingOrderView, Product } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { ManufacturingPage } from './ManufacturingPage';

const EPISODE = '00000000-0000-4000-8000-0000000000e1';
const PATIENT = '00000000-0000-4000-8000-0000000000a1';
const ORDER = '00000000-0000-4000-8000-0000000000d1';
const PRODUCT = '00000000-0000-4000-8000-0000000000b1';
const url = `/episodes/${EPISODE}/manufacturing`;
const path = '/episodes/:episodeId/manufacturing';

const product: Product = {
  id: PRODUCT,
  patientId: PATIENT,
  episodeId: EPISODE,
  collectionId: null,
  donorId: null,
  manufacturingOrderId: ORDER,
  din: 'W999926000123',
  dinCheckCharacter: 'K',
  productCode: 'S1295',
  division: '00',
  description: 'CAR-T cells',
  kind: 'car-t',
  status: 'infused',
  collectedOn: null,
  volumeMl: 68,
  tncCells: null,
  cd34Cells: null,
  cd3Cells: null,
  carTCells: 1.5e8,
  viabilityPct: null,
  sterility: 'negative',
  aboRh: null,
  cryopreserved: true,
  expiresAt: null,
  storage: null,
  coi: 'CHW999926000001',
  releaseRequestedBy: 'Test lab',
  releasedBy: 'Test admin',
  releasedAt: '2026-03-14T09:00:00.000Z',
  createdAt: '2026-03-12T14:00:00.000Z',
};

const custody = (
  source: CustodyEvent['source'],
  fromParty: string,
  toParty: string,
  handedAt: string,
  n: number
): CustodyEvent => ({
  id: `00000000-0000-4000-8000-00000000001${n}`,
  source,
  leg: 'return',
  productId: PRODUCT,
  fromParty,
  toParty,
  handedAt,
  temperatureC: null,
  note: null,
  recordedBy: 'Test nurse',
  createdAt: handedAt,
});

const order = (over: Partial<ManufacturingOrderView> = {}): ManufacturingOrderView => ({
  id: ORDER,
  episodeId: EPISODE,
  patientId: PATIENT,
  productName: 'axicabtagene-ciloleucel',
  productLabel: 'Yescarta (axicabtagene ciloleucel) — LBCL, FL',
  commercial: true,
  cellType: 'T',
  cellOrigin: 'autologous',
  manufacturer: 'Kite',
  coi: 'CHW999926000001',
  coiSource: 'assigned',
  collectionId: null,
  slotOn: null,
  status: 'in-manufacturing',
  nextStatuses: ['shipped-to-centre', 'cancelled', 'manufacturing-failed'],
  targetDose: null,
  receivedProductId: null,
  receivedBags: null,
  createdBy: 'Test coordinator',
  createdAt: '2026-03-01T09:00:00.000Z',
  history: [
    { status: 'ordered', at: '2026-03-01T09:00:00.000Z', note: null, recordedBy: 'Test coordinator' },
    { status: 'in-manufacturing', at: '2026-03-04T09:00:00.000Z', note: null, recordedBy: 'Test coordinator' },
  ],
  custody: [],
  receivedProduct: null,
  doseCheck: null,
  veinToVein: {
    collectedOn: '2026-03-02',
    infusedOn: null,
    days: null,
    daysSoFar: 13,
    turnaroundDays: null,
    collectedFrom: 'order',
  },
  ...over,
});

const infused = order({
  status: 'infused',
  nextStatuses: [],
  receivedProductId: PRODUCT,
  receivedBags: 1,
  receivedProduct: product,
  history: [
    { status: 'ordered', at: '2026-03-01T09:00:00.000Z', note: null, recordedBy: 'Test coordinator' },
    { status: 'received', at: '2026-03-12T14:00:00.000Z', note: null, recordedBy: 'Test lab' },
    { status: 'thawed', at: '2026-03-15T08:00:00.000Z', note: null, recordedBy: 'Test lab' },
    { status: 'infused', at: '2026-03-15T10:00:00.000Z', note: null, recordedBy: 'Test nurse' },
  ],
  custody: [
    custody('hand-over', 'Kite', 'Cell therapy laboratory', '2026-03-12T14:00:00.000Z', 1),
    custody(
      'thaw',
      'Cell therapy laboratory (storage)',
      'Cell therapy laboratory (thawed)',
      '2026-03-15T08:00:00.000Z',
      2
    ),
    custody('ward', 'Cell therapy laboratory', 'Ward (bedside)', '2026-03-15T09:50:00.000Z', 3),
    custody('infusion', 'Ward (bedside)', 'Patient (infused)', '2026-03-15T10:00:00.000Z', 4),
  ],
  veinToVein: { ...order().veinToVein, infusedOn: '2026-03-15', days: 13, daysSoFar: null },
});

const page = (orders: ManufacturingOrderView[]): ManufacturingEpisodeView => ({
  episode: {
    id: EPISODE,
    patientId: PATIENT,
    diagnosisId: '00000000-0000-4000-8000-0000000000f9',
    type: 'car-t',
    cellType: null,
    cellOrigin: null,
    phase: 'infusion',
    plannedDayZero: '2026-03-15',
    actualDayZero: null,
    protocol: null,
    createdAt: '2026-02-01T09:00:00.000Z',
  },
  patient: { id: PATIENT, mrn: 'MFG-1', familyName: 'MAKER', givenName: 'Mo', weightKg: 80 },
  collections: [],
  orders,
});

describe('Manufacturing page', () => {
  it('shows an infused order as infused, its custody through the thaw and the ward to the bedside', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => HttpResponse.json(page([infused]))));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['nurse'] });
    const card = await screen.findByRole('article', { name: 'Order CHW999926000001' });
    expect(within(card).getByTestId('order-status').textContent).toBe('Infused');
    const rows = within(within(card).getByRole('table', { name: 'Chain of custody' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => r.querySelectorAll('td')[1]!.textContent)).toEqual([
      'Back',
      'Thaw',
      'To the ward',
      'Infusion',
    ]);
    expect(rows[3]!.textContent).toContain('Patient (infused)');
    expect(within(card).getByTestId('vein-to-vein').textContent).toContain('13 days');
  });

  it('moves an order one step and reads the orders again', async () => {
    let current = order();
    let sent: unknown = null;
    server.use(
      http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => HttpResponse.json(page([current]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/status`, async ({ request }) => {
        sent = await request.json();
        current = order({ status: 'shipped-to-centre', nextStatuses: ['received', 'cancelled'] });
        return HttpResponse.json(current);
      })
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    await userEvent.click(await screen.findByRole('button', { name: 'Mark shipped to centre' }));
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Shipped to centre'));
    expect(sent).toEqual({ status: 'shipped-to-centre' });
  });

  it('shows the server’s refusal of a move', async () => {
    server.use(
      http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => HttpResponse.json(page([order()]))),
      http.post(`${API}/manufacturing-orders/${ORDER}/status`, () =>
        problem(409, 'shipped to centre at 2026-03-01 would be earlier than the previous status')
      )
    );
    await renderPage(<ManufacturingPage />, { url, path, roles: ['coordinator'] });
    await userEvent.click(await screen.findByRole('button', { name: 'Mark shipped to centre' }));
    expect(await screen.findByText(/would be earlier than the previous status/)).toBeTruthy();
  });

  it('says when the episode has no order and the role cannot place one', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => HttpResponse.json(page([]))));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('No manufacturing orders on this episode.')).toBeTruthy();
  });

  it('shows the server’s words when the orders cannot be read', async () => {
    server.use(http.get(`${API}/episodes/${EPISODE}/manufacturing-orders`, () => problem(404, 'Episode not found.')));
    await renderPage(<ManufacturingPage />, { url, path, roles: ['nurse'] });
    expect(await screen.findByText('Episode not found.')).toBeTruthy();
  });
});
