// Haplotype frequency sets on the server (issue 16, ADR 0411): reference data shared by every centre, like the
// donor registry. The file is kept as it was given, gzip-compressed (bytea), with what its parse found; a
// centre may name one set as the default of its donor searches.
export default /* sql */ `
create table frequency_sets (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  population text,
  populations text[] not null,
  loci text[] not null,
  resolution text not null check (resolution in ('G', 'P', 'lgx', '2-field')),
  haplotype_count integer not null check (haplotype_count > 0),
  original_sum double precision not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content_gz bytea not null,
  imported_by uuid references users(id),
  imported_by_name text not null,
  imported_at timestamptz not null default now()
);

create table centre_frequency_set_defaults (
  centre_id uuid primary key references centres(id),
  frequency_set_id uuid not null references frequency_sets(id),
  set_by_name text not null,
  set_at timestamptz not null default now()
);
`;
