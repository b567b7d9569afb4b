// Renders a page as the app does (Mantine, the data layer, the session, the router) for a component test.
// The session is answered by the mocked API for the given role; the page's own requests are the test's
// handlers (server.use(...)).
import type { Role, SessionInfo } from '@engraft/domain';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult, screen } from '@testing-library/react';
import { type ReactElement, type ReactNode, Suspense } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { createQueryClient } from '../data/queryClient';
import { SessionProvider, useSession } from '../session';
import { theme } from '../theme';
import { API, http, HttpResponse, server } from './server';

export function sessionFor(roles: Role[], over: Partial<SessionInfo['user']> = {}): SessionInfo {
  const soon = new Date(Date.now() + 30 * 60_000).toISOString();
  return {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      username: roles[0] ?? 'user',
      displayName: `Test ${roles[0] ?? 'user'}`,
      roles,
      ...over,
    },
    centre: { id: '00000000-0000-4000-8000-0000000000c1', name: 'Test centre' },
    csrfToken: 'test-csrf-token',
    mustChangePassword: false,
    idleExpiresAt: soon,
    absoluteExpiresAt: soon,
  };
}

export interface RenderPageOptions {
  /** The URL the page is opened at, e.g. "/hl7/review". */
  url: string;
  /** The route pattern, e.g. "/episodes/:episodeId/cells"; defaults to the URL's path. */
  path?: string;
  roles?: Role[];
  /** Further routes the page may navigate to, e.g. `<Route path="/patients/:id" element={…} />`. */
  otherRoutes?: ReactNode;
}

/** Renders `page` at `url` signed in with `roles`, and waits until the session is known. */
export async function renderPage(page: ReactElement, opts: RenderPageOptions): Promise<RenderResult> {
  const session = sessionFor(opts.roles ?? ['physician']);
  server.use(http.get(`${API}/session`, () => HttpResponse.json(session)));
  const path = opts.path ?? opts.url.split('?')[0]!;
  const result = render(
    <MantineProvider theme={theme}>
      <Notifications />
      <QueryClientProvider client={createQueryClient({ retry: false })}>
        <SessionProvider>
          <MemoryRouter initialEntries={[opts.url]}>
            {/* One boundary above every route, as the app's PageSuspense: a lazy page keeps the previous one on screen. */}
            <Suspense>
              <Routes>
                <Route path={path} element={<SignedIn>{page}</SignedIn>} />
                {opts.otherRoutes}
              </Routes>
            </Suspense>
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
  await screen.findByTestId('signed-in');
  return result;
}

/** The page, once the session is known (as RequireSession does in the app). */
function SignedIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status !== 'signed-in') return null;
  return <div data-testid="signed-in">{children}</div>;
}
