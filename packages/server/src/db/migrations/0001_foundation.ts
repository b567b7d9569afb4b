// Foundation schema: centres, users and roles, sessions, the audit chain, patients, diagnoses, episodes.
export default /* sql */ `
create table centres (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  is_demo boolean not null default false,
  disabled boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table memberships (
  user_id uuid not null references users(id) on delete cascade,
  centre_id uuid not null references centres(id),
  role text not null,
  primary key (user_id, centre_id, role)
);

-- Server-side sessions: the cookie holds a random token; only its SHA-256 is stored.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users(id) on delete cascade,
  centre_id uuid not null references centres(id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  idle_expires_at timestamptz not null,
  absolute_expires_at timestamptz not null
);
create index sessions_user on sessions(user_id);

-- Append-only, hash-chained audit trail.
-- hash_n = sha256(hash_{n-1}, a newline, audit_event_body(event_n)::text). jsonb's text form is canonical
-- (keys sorted, fixed spacing), so the body of a stored row always hashes the same way.
create table audit_events (
  seq bigserial primary key,
  at timestamptz not null,
  actor_id uuid,
  actor text not null,
  centre_id uuid,
  action text not null,
  entity_type text not null,
  entity_id text,
  patient_id uuid,
  before jsonb,
  after jsonb,
  reason text,
  prev_hash text not null,
  hash text not null unique
);
create index audit_events_patient on audit_events(patient_id, seq);

create function audit_event_body(e audit_events) returns jsonb language sql immutable as $$
  select jsonb_build_object(
    'at', to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actorId', e.actor_id, 'actor', e.actor, 'centreId', e.centre_id, 'action', e.action,
    'entityType', e.entity_type, 'entityId', e.entity_id, 'patientId', e.patient_id,
    'before', e.before, 'after', e.after, 'reason', e.reason)
$$;

create function audit_chain_hash(prev_hash text, e audit_events) returns text language sql immutable as $$
  select encode(sha256(convert_to(prev_hash || E'\\n' || audit_event_body(e)::text, 'UTF8')), 'hex')
$$;

-- Appends one event in the caller's transaction. The advisory lock serialises appends (several servers may
-- share one database); each statement of a volatile function sees a fresh snapshot, so the head read after
-- the lock is the committed head.
create function audit_append(
  p_actor_id uuid, p_actor text, p_centre_id uuid, p_action text, p_entity_type text, p_entity_id text,
  p_patient_id uuid, p_before jsonb, p_after jsonb, p_reason text
) returns void language plpgsql volatile as $$
declare
  e audit_events;
begin
  perform pg_advisory_xact_lock(7412);
  e.prev_hash := coalesce((select a.hash from audit_events a order by a.seq desc limit 1), repeat('0', 64));
  e.at := date_trunc('milliseconds', clock_timestamp());
  e.actor_id := p_actor_id; e.actor := p_actor; e.centre_id := p_centre_id; e.action := p_action;
  e.entity_type := p_entity_type; e.entity_id := p_entity_id; e.patient_id := p_patient_id;
  e.before := p_before; e.after := p_after; e.reason := p_reason;
  e.hash := audit_chain_hash(e.prev_hash, e);
  insert into audit_events (at, actor_id, actor, centre_id, action, entity_type, entity_id, patient_id, before, after, reason, prev_hash, hash)
  values (e.at, e.actor_id, e.actor, e.centre_id, e.action, e.entity_type, e.entity_id, e.patient_id, e.before, e.after, e.reason, e.prev_hash, e.hash);
end;
$$;

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% refused)', tg_op;
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();

create table patients (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  mrn text not null,
  family_name text not null,
  given_name text not null,
  date_of_birth date not null,
  sex text not null,
  abo_rh text not null,
  weight_kg numeric,
  height_cm numeric,
  is_synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (centre_id, mrn)
);
create index patients_family on patients(centre_id, lower(family_name) text_pattern_ops);
create index patients_given on patients(centre_id, lower(given_name) text_pattern_ops);
create index patients_mrn on patients(centre_id, lower(mrn) text_pattern_ops);

create table diagnoses (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references patients(id),
  centre_id uuid not null references centres(id),
  disease text not null,
  diagnosis_date date not null,
  status text not null,
  subtype text,
  created_at timestamptz not null default now()
);
create index diagnoses_patient on diagnoses(patient_id);

create table episodes (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references patients(id),
  centre_id uuid not null references centres(id),
  diagnosis_id uuid not null references diagnoses(id),
  type text not null,
  cell_type text,
  cell_origin text,
  phase text not null default 'referral',
  planned_day_zero date not null,
  actual_day_zero date,
  protocol text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index episodes_patient on episodes(patient_id);

create table episode_events (
  id uuid primary key default gen_random_uuid(),
  episode_id uuid not null references episodes(id),
  centre_id uuid not null references centres(id),
  date date not null,
  kind text not null,
  label text not null,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index episode_events_episode on episode_events(episode_id, date);
`;
