import type { Bundle, BundleEntry, FhirResource, OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

/**
 * Errors as FHIR R4 OperationOutcome (§2.38, RESTful API §3.1.0.4 "errors are returned as OperationOutcome"):
 * one issue per problem, with the `issue-type` code and, where a parameter or element is at fault, its name in
 * `expression`.
 */
export function operationOutcome(
  code: OperationOutcomeIssue['code'],
  diagnostics: string,
  expression?: string[],
  severity: OperationOutcomeIssue['severity'] = 'error'
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics, ...(expression?.length ? { expression } : {}) }],
  };
}

/** The `issue-type` code of an HTTP status (R4 §3.1.0.4 and the issue-type value set). */
export function issueCodeOf(status: number): OperationOutcomeIssue['code'] {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 410) return 'deleted';
  if (status === 413) return 'too-costly';
  if (status === 422 || status === 400) return 'invalid';
  if (status === 429) return 'throttled';
  if (status === 503) return 'transient';
  return 'exception';
}

export interface SearchPage {
  /** Absolute URL of this search without paging parameters. */
  selfUrl: string;
  total: number;
  offset: number;
  count: number;
}

const withPaging = (url: string, offset: number, count: number): string => {
  const u = new URL(url);
  u.searchParams.set('_count', String(count));
  u.searchParams.set('_offset', String(offset));
  return u.toString();
};

/**
 * A searchset Bundle (R4 §3.1.1.5 "Paging"): `total`, `self`, `first`, `previous` and `next` links that carry
 * the search with `_count`/`_offset`; `included` entries have search mode `include`.
 */
export function searchset(
  base: string,
  page: SearchPage,
  matches: FhirResource[],
  included: FhirResource[] = []
): Bundle {
  const { selfUrl, total, offset, count } = page;
  const link: Bundle['link'] = [{ relation: 'self', url: withPaging(selfUrl, offset, count) }];
  link.push({ relation: 'first', url: withPaging(selfUrl, 0, count) });
  if (offset > 0) link.push({ relation: 'previous', url: withPaging(selfUrl, Math.max(0, offset - count), count) });
  if (offset + matches.length < total) link.push({ relation: 'next', url: withPaging(selfUrl, offset + count, count) });
  const entry = (r: FhirResource, mode: 'match' | 'include'): BundleEntry => ({
    fullUrl: `${base}/${r.resourceType}/${r.id ?? ''}`,
    resource: r,
    search: { mode },
  });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link,
    entry: [...matches.map((r) => entry(r, 'match')), ...included.map((r) => entry(r, 'include'))],
  };
}
