import type { TodayByRole, TodaySection, Worklist } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { TodayPage } from './TodayPage';

const P = '00000000-0000-4000-8000-0000000000a1';
const E = '00000000-0000-4000-8000-0000000000e1';
const PRODUCT = '00000000-0000-4000-8000-0000000000b1';
const who = { patientId: P, patient: 'ROLE, Ann', mrn: 'SYN-1' };

const worklist = (over: Partial<Worklist> = {}): Worklist => ({
  today: '2026-05-10',
  phases: [
    { phase: 'work-up', n: 2, byType: { 'allogeneic-hct': 2 } },
    { phase: 'early-follow-up', n: 1, byType: { 'car-t': 1 } },
  ],
  items: [
    {
      episodeId: E,
      patientId: P,
      patient: 'ROLE, Ann',
      mrn: 'SYN-1',
      day: 'D+12',
      kind: 'cmv-above-threshold',
      severity: 'alert',
      label: 'CMV PCR 2500 IU/mL on 2026-05-09 (threshold 1000)',
      alertKey: `cmv-above-threshold:${E}:2026-05-09:2500`,
      acknowledged: null,
    },
  ],
  recentlyDone: [],
  ...over,
});

const SECTIONS: Record<string, TodaySection> = {
  nurse: {
    key: 'nurse',
    title: 'Ward: infusions and CRS/ICANS checks',
    items: [
      {
        kind: 'infusion-due',
        label: 'Day 0: 1 bag released for infusion',
        date: '2026-05-10',
        overdue: false,
        ...who,
        link: `/episodes/${E}/bedside`,
        linkLabel: 'Bedside check',
      },
    ],
  },
  lab: {
    key: 'lab',
    title: 'Laboratory: bags and cultures',
    items: [
      {
        kind: 'bag-to-thaw',
        label: 'W999926000777 S1295 00 (HPC, Apheresis): released, to thaw for the infusion',
        date: '2026-05-01',
        overdue: false,
        ...who,
        link: `/products/${PRODUCT}`,
        linkLabel: 'Product',
      },
    ],
  },
  coordinator: {
    key: 'coordinator',
    title: 'Coordination: work-up milestones and CAR-T slots',
    items: [
      {
        kind: 'manufacturing-slot',
        label: 'axicabtagene-ciloleucel: Slot confirmed',
        date: '2026-05-03',
        overdue: true,
        ...who,
        link: `/episodes/${E}/manufacturing`,
        linkLabel: 'Manufacturing',
      },
    ],
  },
  'data-manager': {
    key: 'data-manager',
    title: 'Registry reports due',
    items: [
      {
        kind: 'report-due',
        label: 'CIBMTR 100-day (2 of 10 required items missing)',
        date: '2026-05-20',
        overdue: false,
        ...who,
        link: '/registries',
        linkLabel: 'Registry reports',
      },
    ],
  },
  auditor: {
    key: 'auditor',
    title: 'Recent audit events',
    items: [
      {
        kind: 'audit-event',
        label: 'nurse · read patient',
        date: '2026-05-10T08:15:00.000Z',
        overdue: false,
        patientId: P,
        patient: null,
        mrn: null,
        link: `/patients/${P}`,
        linkLabel: 'Patient',
      },
    ],
  },
};

function answer(sections: TodaySection[], list: Worklist = worklist()) {
  server.use(
    http.get(`${API}/worklist`, () => HttpResponse.json(list)),
    http.get(`${API}/worklist/by-role`, () =>
      HttpResponse.json({ today: '2026-05-10', sections } satisfies TodayByRole)
    )
  );
}

const region = (name: RegExp) => screen.findByRole('region', { name }, { timeout: 5000 });

describe('Today page', () => {
  it.each([
    ['nurse', /Ward: infusions/, 'Bedside check', `/episodes/${E}/bedside`, 'Day 0: 1 bag released for infusion'],
    ['lab', /Laboratory/, 'Product', `/products/${PRODUCT}`, 'to thaw for the infusion'],
    ['coordinator', /Coordination/, 'Manufacturing', `/episodes/${E}/manufacturing`, 'Slot confirmed'],
    ['data-manager', /Registry reports due/, 'Registry reports', '/registries', '2 of 10 required items missing'],
    ['auditor', /Recent audit events/, 'Patient', `/patients/${P}`, 'nurse · read patient'],
  ] as const)('shows the %s section with a link to where the work is done', async (role, title, link, href, text) => {
    answer([SECTIONS[role]!]);
    await renderPage(<TodayPage />, { url: '/today', roles: [role] });
    const section = await region(title);
    expect(within(section).getByText(text, { exact: false })).toBeTruthy();
    const anchor = within(section).getByRole('link', { name: new RegExp(`^${link}:`) });
    expect(anchor.getAttribute('href')).toBe(href);
  });

  it('marks an overdue milestone and formats the dates with the app formatter', async () => {
    answer([SECTIONS.coordinator!, SECTIONS.auditor!]);
    await renderPage(<TodayPage />, { url: '/today', roles: ['coordinator', 'auditor'] });
    const coord = await region(/Coordination/);
    expect(within(coord).getByText('Overdue')).toBeTruthy();
    expect(within(coord).getByText('3 May 2026')).toBeTruthy();
    expect(within(await region(/Recent audit events/)).getByText('10 May 2026 08:15 UTC')).toBeTruthy();
  });

  it('says so when a section has nothing, and shows no section for a role without one', async () => {
    answer([{ ...SECTIONS.lab!, items: [] }]);
    await renderPage(<TodayPage />, { url: '/today', roles: ['lab'] });
    const lab = await region(/Laboratory/);
    expect(within(lab).getByText('No bag to process, thaw or release, no culture pending.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Coordination/ })).toBeNull();
  });

  it('acknowledges an alert with a note: the body is sent and the worklist reloads', async () => {
    let acknowledged = false;
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.get(`${API}/worklist`, () =>
        HttpResponse.json(
          worklist({
            items: worklist().items.map((i) =>
              acknowledged
                ? { ...i, acknowledged: { by: 'Test nurse', at: '2026-05-10T09:00:00.000Z', note: 'Seen' } }
                : i
            ),
          })
        )
      ),
      http.get(`${API}/worklist/by-role`, () => HttpResponse.json({ today: '2026-05-10', sections: [SECTIONS.nurse] })),
      http.post(`${API}/worklist/acknowledgements`, async ({ request }) => {
        sent = await request.json();
        csrf = request.headers.get('x-csrf-token');
        acknowledged = true;
        return HttpResponse.json(
          { id: '00000000-0000-4000-8000-0000000000ac', alertKey: 'x', acknowledgedAt: '2026-05-10T09:00:00.000Z' },
          { status: 201 }
        );
      })
    );
    await renderPage(<TodayPage />, { url: '/today', roles: ['nurse'] });
    await userEvent.click(await screen.findByRole('button', { name: /^Acknowledge: CMV PCR/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Acknowledge alert' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Note \(optional\)/ }), 'Seen');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    await screen.findByText(/Acknowledged by Test nurse/);
    expect(sent).toEqual({ alertKey: `cmv-above-threshold:${E}:2026-05-09:2500`, note: 'Seen' });
    expect(csrf).toBe('test-csrf-token');
  });

  it('lists what was marked done and undoes one with a reason: the DELETE carries it', async () => {
    const done = {
      episodeId: E,
      patientId: P,
      patient: 'ROLE, Ann',
      mrn: 'SYN-1',
      key: 'day-100',
      label: 'Day +100 visit',
      completedOn: '2026-05-09',
      recordedBy: 'Test coordinator',
      recordedAt: '2026-05-09T10:00:00.000Z',
    };
    let sent: unknown = null;
    answer([], worklist({ recentlyDone: [done] }));
    server.use(
      http.delete(`${API}/episodes/${E}/follow-ups/day-100`, async ({ request }) => {
        sent = await request.json();
        return new HttpResponse(null, { status: 204 });
      })
    );
    await renderPage(<TodayPage />, { url: '/today', roles: ['coordinator'] });
    const table = await region(/Marked done recently/);
    const row = within(table).getByRole('row', { name: /Day \+100 visit/ });
    expect(within(row).getByText('SYN-1')).toBeTruthy();
    expect(within(row).getByText('Test coordinator')).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Undo done: Day +100 visit for ROLE, Ann' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo “done”?' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'visit not held');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Undo done' }));
    await waitFor(() => expect(sent).toEqual({ reason: 'visit not held' }));
  });

  it('shows an empty worklist as "Nothing is due."', async () => {
    answer([], worklist({ items: [] }));
    await renderPage(<TodayPage />, { url: '/today', roles: ['physician'] });
    expect(await screen.findByText('Nothing is due.')).toBeTruthy();
  });

  it('shows the server’s words when the worklist or the sections cannot be read', async () => {
    server.use(
      http.get(`${API}/worklist`, () => problem(503, 'The database is not reachable.')),
      http.get(`${API}/worklist/by-role`, () => problem(503, 'The database is not reachable.'))
    );
    await renderPage(<TodayPage />, { url: '/today', roles: ['nurse'] });
    await waitFor(() => expect(screen.getAllByRole('alert').length).toBe(2), { timeout: 5000 });
    const texts = screen.getAllByRole('alert').map((a) => a.textContent ?? '');
    expect(texts.some((t) => t.includes('The worklist could not be loaded'))).toBe(true);
    expect(texts.some((t) => t.includes('Could not load your sections'))).toBe(true);
    expect(texts.every((t) => t.includes('The database is not reachable.'))).toBe(true);
  });
});
