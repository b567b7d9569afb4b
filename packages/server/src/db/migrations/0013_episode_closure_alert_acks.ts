// Irreversible actions and alerts (issue 13, ADR 0610):
// - who closed an episode, when, from which phase and why (cleared when an administrator reopens it; the history
//   stays in the audit chain and on the timeline);
// - acknowledgements of worklist alerts: one per alert key (kind + episode + the evidence it rests on), so a new
//   result raises a new, unacknowledged alert.
export default /* sql */ `
alter table episodes
  add column closed_on date,
  add column closed_by uuid references users(id),
  add column closed_from_phase text,
  add column closed_reason text;

create table alert_acknowledgements (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  alert_key text not null,
  kind text not null,
  note text,
  acknowledged_by uuid not null references users(id),
  acknowledged_at timestamptz not null default now(),
  unique (centre_id, alert_key)
);
create index alert_acknowledgements_episode on alert_acknowledgements(episode_id);
`;
