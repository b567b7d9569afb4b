// Monitoring after infusion: laboratory observations (raw as reported and normalised), transfusions, and
// assessments (raw inputs with the grades computed from them and the rule versions that computed them), and
// the clinical events outcomes are derived from.
export default /* sql */ `
create table observations (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  patient_id uuid not null references patients(id),
  analyte text not null,
  lineage text,
  observed_on date not null,
  value numeric not null,
  unit text not null,
  reported_value numeric not null,
  reported_unit text not null,
  source text not null,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now()
);
-- The same result reported twice (a re-sent lab file) is a duplicate.
create unique index observations_no_duplicates on observations(patient_id, analyte, coalesce(lineage, ''), observed_on, value);
create index observations_patient on observations(patient_id, analyte, observed_on);

create table transfusions (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  patient_id uuid not null references patients(id),
  product text not null,
  given_on date not null,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (patient_id, product, given_on)
);

create table assessments (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  kind text not null,
  assessed_on date not null,
  inputs jsonb not null,
  result jsonb not null,
  rule_ids text[] not null,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (episode_id, kind, assessed_on)
);

-- Recorded clinical events that outcomes are derived from: relapse or progression, death, last contact,
-- chronic GVHD needing systemic therapy, infections (with organism and site in details).
create table clinical_events (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  kind text not null,
  occurred_on date not null,
  details jsonb not null default '{}',
  recorded_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index clinical_events_episode on clinical_events(episode_id, occurred_on);

-- Follow-up visits and registry reports marked done (the schedule itself is computed from day 0).
create table follow_ups (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  key text not null,
  completed_on date not null,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (episode_id, key)
);
`;
