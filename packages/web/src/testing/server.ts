// The mocked API of the component tests: msw at the HTTP level, so a page is tested through the same fetch,
// CSRF header and problem+json handling as in the browser. Tests add handlers with server.use(...).
import { CONFIRMATION_REQUIRED, type SessionInfo } from '@engraft/domain';
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

/** The server's 422 asking for a reason for each implausible value it names (useConfirmations). */
export function confirmationRequired(errors: { path: string; message: string }[]) {
  return HttpResponse.json(
    {
      type: 'about:blank',
      title: 'Confirmation required',
      status: 422,
      code: CONFIRMATION_REQUIRED,
      detail: 'A value is outside its usual range.',
      errors,
    },
    { status: 422, headers: { 'content-type': 'application/problem+json' } }
  );
}

/**
 * A write handler that keeps every body sent and answers confirmationRequired(errors) until the body carries
 * confirmations, then answer(body): the two-step write of a value outside its usual range.
 */
export function confirmFirst<B extends Record<string, unknown>>(
  bodies: B[],
  errors: { path: string; message: string }[],
  answer: (body: B) => Response
) {
  return async ({ request }: { request: Request }) => {
    const body = (await request.json()) as B;
    bodies.push(body);
    const confirmations = body.confirmations;
    if (!Array.isArray(confirmations) || confirmations.length === 0) return confirmationRequired(errors);
    return answer(body);
  };
}

export { http, HttpResponse };
export type { SessionInfo };
