// Bedside checks and infusions (issue 7 "Infusion at the bedside"; ADR 0540). Every scan attempt is kept, the
// refused ones too; an infusion starts only from a check that passed and was confirmed by a second person.
export default /* sql */ `
create table bedside_checks (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  patient_id uuid not null references patients(id),    -- the episode's patient (not the wristband's)
  product_id uuid references products(id),             -- the bag identified by the scan, whoever it was for
  scanned_mrn text not null,                           -- identifiers as scanned; never names
  scanned_din text not null,
  scanned_product_code text,
  scanned_division text,
  scanned_coi text,
  normalized jsonb not null,                           -- {mrn, din, productCode, division, coi}
  result text not null check (result in ('pass', 'stop')),
  stops jsonb not null default '[]',                   -- [{code, severity, message}]
  warnings jsonb not null default '[]',
  rule_id text not null,
  performed_by uuid not null references users(id),
  performed_at timestamptz not null default now(),
  confirmed_by uuid references users(id),
  confirmed_at timestamptz,
  refused_at_confirmation boolean not null default false,  -- the re-run at confirmation found a stop
  check (confirmed_by is null or confirmed_by <> performed_by),
  check (confirmed_by is null or result = 'pass')
);
create index bedside_checks_episode on bedside_checks(episode_id, performed_at);
create index bedside_checks_stops on bedside_checks(centre_id, performed_at) where result = 'stop';

create table infusions (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  patient_id uuid not null references patients(id),
  product_id uuid not null unique references products(id),
  bedside_check_id uuid not null unique references bedside_checks(id),
  started_at timestamptz not null,
  ended_at timestamptz,
  volume_ml numeric,
  reactions jsonb not null default '[]',               -- none | fever | chills | hypotension | allergic | other
  reaction_note text,
  weight_kg numeric,                                   -- the weight the dose was computed with
  dose_inputs jsonb,                                   -- product counts, weight, CAR-T label entry
  dose jsonb,                                          -- per measure: cells/kg, conventional value, checks
  dose_rule_ids text[] not null default '{}',
  checked_by uuid not null references users(id),       -- first person (performed the check)
  confirmed_by uuid not null references users(id),     -- second person
  started_by uuid not null references users(id),
  completed_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (checked_by <> confirmed_by),
  check (ended_at is null or ended_at >= started_at)
);
create index infusions_episode on infusions(episode_id, started_at);
`;
