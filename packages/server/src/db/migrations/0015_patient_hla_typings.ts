// A patient's own HLA typing (issue 15, ADR 0108): one row per version, never updated; the current typing is the
// highest version. Each version keeps its source (entered GL string, or HML file name and sample id), the lab,
// the typing date, the release and who recorded it when.
export default /* sql */ `
create table patient_hla_typings (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  patient_id uuid not null references patients(id) on delete cascade,
  version integer not null check (version >= 1),
  gl_string text not null check (length(gl_string) between 1 and 4000),
  source text not null check (source in ('entered', 'hml')),
  hml_file_name text,
  hml_sample_id text,
  lab text,
  typing_date date,
  imgt_release text,
  methods text,
  recorded_by uuid references users(id),
  recorded_by_name text not null,
  recorded_at timestamptz not null default now(),
  unique (patient_id, version),
  check ((source = 'hml') = (hml_file_name is not null and hml_sample_id is not null))
);
create index patient_hla_typings_patient on patient_hla_typings (centre_id, patient_id, version desc);
`;
