// Donor searches saved on an episode (issue 6): the patient's typing and criteria as searched, the HLA
// nomenclature release used, the total found, and the ranked first page(s) as they were then (up to 200
// hits), so a saved search shows what was found even after the registry changes.
export default /* sql */ `
create table donor_searches (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  criteria jsonb not null,
  patient_typing text not null,
  release text not null,
  total integer not null check (total >= 0),
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index donor_searches_episode on donor_searches(episode_id, created_at);

create table donor_search_results (
  search_id uuid not null references donor_searches(id) on delete cascade,
  rank integer not null check (rank >= 1),
  donor_id text not null,
  summary jsonb not null,
  primary key (search_id, rank)
);
`;
