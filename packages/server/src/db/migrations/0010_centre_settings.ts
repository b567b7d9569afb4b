// Per-centre settings (issue 8): one JSON document per centre and area ('monitoring': worklist and monitoring
// thresholds), merged over the defaults in code (@engraft/domain monitoringSettings.ts). And the mark of a
// corrected lab result or transfusion: corrections and deletions are audited with before/after and a reason
// (ADR 0600); the row only says when and by whom it was last corrected.
export default /* sql */ `
create table centre_settings (
  centre_id uuid not null references centres(id),
  area text not null,
  settings jsonb not null,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  primary key (centre_id, area)
);

alter table observations add column corrected_at timestamptz, add column corrected_by uuid references users(id);
alter table transfusions add column corrected_at timestamptz, add column corrected_by uuid references users(id);
`;
