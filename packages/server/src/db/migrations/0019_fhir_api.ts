// The FHIR R4 API (issue 17 §1, ADR 0700): API clients with their own credentials (OAuth 2.0 client
// credentials), their short-lived bearer tokens, and Bulk Data exports kept in the database (several server
// instances may answer the status polls). Secrets and tokens are stored as SHA-256 hashes only.
export default /* sql */ `
create table fhir_clients (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  client_id text not null unique,
  name text not null,
  secret_hash text not null,
  scopes text[] not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references users(id)
);
create index fhir_clients_centre on fhir_clients(centre_id, created_at);

create table fhir_tokens (
  token_hash text primary key,
  client_id uuid not null references fhir_clients(id),
  centre_id uuid not null references centres(id),
  scopes text[] not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index fhir_tokens_client on fhir_tokens(client_id);

create table fhir_exports (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  requester text not null,                 -- 'user:<uuid>' or 'client:<uuid>': only they may poll, fetch, cancel
  request_url text not null,
  types text[] not null,
  status text not null default 'in-progress' check (status in ('in-progress', 'complete', 'failed')),
  progress text,
  error text,
  transaction_time timestamptz not null default now(),
  completed_at timestamptz
);
create index fhir_exports_centre on fhir_exports(centre_id, transaction_time);

create table fhir_export_files (
  export_id uuid not null references fhir_exports(id) on delete cascade,
  type text not null,
  part integer not null,
  count integer not null,
  ndjson text not null,
  primary key (export_id, type, part)
);
`;
