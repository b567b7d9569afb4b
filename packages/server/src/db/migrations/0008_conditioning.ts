// Conditioning / lymphodepletion plans on an episode (issue 7; regimens and doses as published, e.g. Bacigalupo et al. 2009 BBMT conditioning intensity; FACT-JACIE Standards 8th ed. 2021 for verification). Each row is one
// immutable version: the template snapshot and parameters, the patient inputs, and the computed doses with
// the rule id, as stored inputs (like assessments). A change makes a new version (same series_id, version+1)
// and supersedes the old one; status moves only through @engraft/domain CONDITIONING_PLAN_TRANSITIONS.
// Days are stored relative to D0, so the calendar follows the episode's day 0 when it moves.
export default /* sql */ `
create table conditioning_plans (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  series_id uuid not null,              -- the id of version 1; all versions of a plan share it
  version integer not null check (version >= 1),
  supersedes_id uuid references conditioning_plans(id),
  template_id text not null,            -- e.g. flu-mel140@1
  template jsonb not null,              -- the template as it was (snapshot)
  options jsonb not null,               -- plan parameters: weight bases, BSA formula and cap, overrides, intent
  inputs jsonb not null,                -- patient inputs: height, weight, sex, age
  computed jsonb not null,              -- per-agent and per-day doses, body size, intensity
  rule_id text not null,
  declared_intent text,                 -- MAC | RIC | NMA | null
  status text not null default 'draft', -- draft | active | superseded | cancelled
  reason text,                          -- why this version was made (versions after the first)
  prescribed_by uuid not null references users(id),
  prescribed_at timestamptz not null default now(),
  verified_by uuid references users(id),
  verified_at timestamptz,
  ended_by uuid references users(id),   -- who superseded or cancelled it
  ended_at timestamptz,
  end_reason text,
  created_at timestamptz not null default now(),
  unique (series_id, version),
  check (verified_by is null or verified_by <> prescribed_by)
);
create index conditioning_plans_episode on conditioning_plans(centre_id, episode_id, created_at);
-- One open (awaiting verification or active) plan per episode.
create unique index conditioning_plans_open on conditioning_plans(episode_id) where status in ('draft', 'active');
`;
