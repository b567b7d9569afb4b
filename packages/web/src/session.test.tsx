import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from './data/queryClient';
import { SessionProvider, useSession } from './session';
import { sessionFor } from './testing/renderPage';
import { API, http, HttpResponse, server } from './testing/server';
import { theme } from './theme';

function Ward() {
  const { state, signOut } = useSession();
  const patients = useQuery({
    queryKey: ['patients', 'record', 'x'],
    queryFn: () => Promise.resolve('OKAFOR, Ngozi'),
    enabled: state.status === 'signed-in',
  });
  if (state.status !== 'signed-in') return <p>{state.status === 'signed-out' ? state.notice : 'loading'}</p>;
  return (
    <>
      <p>{patients.data ?? '…'}</p>
      <button onClick={() => void signOut()}>Sign out</button>
    </>
  );
}

describe('Session', () => {
  it('drops every cached answer when the session ends, so the next user never sees them', async () => {
    server.use(
      http.get(`${API}/session`, () => HttpResponse.json(sessionFor(['nurse']))),
      http.delete(`${API}/session`, () => new HttpResponse(null, { status: 204 }))
    );
    const client = createQueryClient({ retry: false });
    render(
      <MantineProvider theme={theme}>
        <QueryClientProvider client={client}>
          <SessionProvider>
            <Ward />
          </SessionProvider>
        </QueryClientProvider>
      </MantineProvider>
    );
    expect(await screen.findByText('OKAFOR, Ngozi')).toBeTruthy();
    expect(client.getQueryData(['patients', 'record', 'x'])).toBe('OKAFOR, Ngozi');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('You have signed out.')).toBeTruthy();
    await waitFor(() => expect(client.getQueryData(['patients', 'record', 'x'])).toBeUndefined());
  });
});
