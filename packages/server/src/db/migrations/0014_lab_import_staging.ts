// Lab imports written in short transactions (issue 14, ADR 0014): an import is a row of lab_imports; its results
// are written in chunks, each in its own transaction, marked with the import's id, and stay invisible to every
// read while the import is 'staging'. One short statement publishes the whole import ('published'); a failed or
// abandoned import's rows are removed (at once, or when the server starts). One import per patient at a time.
export default /* sql */ `
create table lab_imports (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  patient_id uuid not null references patients(id),
  format text not null check (format in ('csv', 'fhir')),
  state text not null check (state in ('staging', 'published')),
  rows integer not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now(),
  published_at timestamptz
);
create unique index lab_imports_one_staging_per_patient on lab_imports(patient_id) where state = 'staging';

alter table observations add column import_id uuid references lab_imports(id);
alter table transfusions add column import_id uuid references lab_imports(id);
`;
