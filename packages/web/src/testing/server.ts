// The mocked API of the component tests: msw at the HTTP level, so a page is tested through the same fetch,
// CSRF header and problem+json handling as in the browser. Tests add handlers with server.use(...).
import { type SessionInfo } from '@engraft/domain';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

export const API = 'http://localhost:3000/api/v1';

export const server = setupServer();

/** A problem+json answer as the server writes it. */
export function problem(status: number, detail: string, errors?: { path: string; message: string }[]) {
  return HttpResponse.json(
    { type: 'about:blank', title: 'Error', status, detail, ...(errors ? { errors } : {}) },
    { status, headers: { 'content-type': 'application/problem+json' } }
  );
}

export { http, HttpResponse };
export type { SessionInfo };
