// Registry reporting (issue 17 §3, ADR 0710): what was exported to CIBMTR or EBMT, when, by whom, with the
// content's SHA-256 and the content itself (so what was sent can be shown again byte for byte), the required items
// that were missing and the reason given to submit anyway. Rows are never updated or deleted.
export default /* sql */ `
create table registry_submissions (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  report_key text not null,
  registry text not null check (registry in ('cibmtr', 'ebmt')),
  format text not null check (format in ('fhir-json', 'csv')),
  content text not null,
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  missing_items jsonb not null default '[]',
  override_reason text,
  submitted_by uuid not null references users(id),
  submitted_at timestamptz not null default now(),
  check (jsonb_array_length(missing_items) = 0 or override_reason is not null)
);
create index registry_submissions_episode on registry_submissions (centre_id, episode_id, report_key, submitted_at desc);
`;
