// The family work-up of a patient (issue 19, ADR 0421): relatives with their details, each relative's HLA typing
// versioned like the patient's (migration 0015), the patient's antibody tests (single-antigen bead results by
// test date), C1q/crossmatch results per relative, and the donor decisions taken from the work-up. Typings,
// antibody results and decisions are only inserted; a relative's details are updated in place (audited).
export default /* sql */ `
create table family_relatives (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  patient_id uuid not null references patients(id) on delete cascade,
  relationship text not null check (relationship in ('mother', 'father', 'full-sibling', 'half-sibling', 'child', 'other')),
  relationship_text text check (relationship_text is null or length(relationship_text) between 1 and 80),
  name text not null check (length(name) between 1 and 80),
  sex text check (sex in ('female', 'male')),
  date_of_birth date,
  weight_kg numeric check (weight_kg is null or (weight_kg > 0 and weight_kg <= 400)),
  abo_rh text not null default 'unknown',
  cmv text not null default 'unknown' check (cmv in ('positive', 'negative', 'unknown')),
  availability text not null default 'unknown' check (availability in ('unknown', 'available', 'unavailable')),
  contact text not null default 'not-contacted'
    check (contact in ('not-contacted', 'contacted', 'consented', 'declined')),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((relationship = 'other') = (relationship_text is not null))
);
create index family_relatives_patient on family_relatives (centre_id, patient_id);

create table family_relative_typings (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  relative_id uuid not null references family_relatives(id) on delete cascade,
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
  unique (relative_id, version),
  check ((source = 'hml') = (hml_file_name is not null and hml_sample_id is not null))
);

create table antibody_tests (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  patient_id uuid not null references patients(id) on delete cascade,
  tested_on date not null,
  source text not null check (source in ('bead-csv', 'manual')),
  file_name text,
  sample_id text,
  lab text,
  recorded_by uuid references users(id),
  recorded_by_name text not null,
  recorded_at timestamptz not null default now(),
  check ((source = 'bead-csv') = (file_name is not null))
);
create index antibody_tests_patient on antibody_tests (centre_id, patient_id, tested_on desc);

create table antibody_results (
  test_id uuid not null references antibody_tests(id) on delete cascade,
  position integer not null,
  specificity text not null check (length(specificity) between 1 and 80),
  mfi numeric not null check (mfi >= 0 and mfi <= 100000),
  primary key (test_id, position)
);

create table family_crossmatches (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  relative_id uuid not null references family_relatives(id) on delete cascade,
  kind text not null check (kind in ('c1q', 'flow-crossmatch', 'cdc-crossmatch')),
  result text not null check (result in ('positive', 'negative')),
  tested_on date not null,
  note text,
  recorded_by uuid references users(id),
  recorded_at timestamptz not null default now()
);

create table family_donor_decisions (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  patient_id uuid not null references patients(id) on delete cascade,
  episode_id uuid not null references episodes(id),
  relative_id uuid not null references family_relatives(id),
  donor_id uuid not null references episode_donors(id),
  reason text not null check (length(reason) between 3 and 500),
  rank integer,
  decided_by uuid references users(id),
  decided_by_name text not null,
  decided_at timestamptz not null default now()
);
create index family_donor_decisions_patient on family_donor_decisions (centre_id, patient_id, decided_at desc);
`;
