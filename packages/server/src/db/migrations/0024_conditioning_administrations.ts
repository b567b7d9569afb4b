// Administered conditioning doses and SMART Backend Services keys (issue 17 §1, ADR 0702).
// - conditioning_administrations: one row per administration given (or omitted) against a dose line of a verified
//   plan version (agent index, day relative to D0, sequence within the day), with the planned amount it was
//   checked against (a snapshot: the plan version is immutable, the snapshot makes the row readable alone). A
//   correction updates the row and records who, when and why (the before/after is in the audit event).
// - fhir_clients.jwks: the client's registered public keys (a JWK Set) for the asymmetric client assertion;
//   fhir_client_assertions: the jti of every accepted assertion until it expires, so a replay is refused.
export default /* sql */ `
create table conditioning_administrations (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  plan_id uuid not null references conditioning_plans(id),
  episode_id uuid not null references episodes(id),
  patient_id uuid not null references patients(id),
  agent_index integer not null check (agent_index >= 0),
  agent text not null,
  agent_label text not null,
  day integer not null,
  sequence integer not null check (sequence >= 1),
  planned_amount double precision,
  unit text not null check (unit in ('mg', 'Gy')),
  outcome text not null check (outcome in ('as-planned', 'reduced', 'delayed', 'omitted')),
  amount double precision check (amount is null or amount > 0),
  started_at timestamptz,
  ended_at timestamptz,
  reason text,
  recorded_by uuid not null references users(id),
  recorded_at timestamptz not null default now(),
  corrected_by uuid references users(id),
  corrected_at timestamptz,
  correction_reason text,
  check ((outcome = 'omitted') = (amount is null)),
  check (outcome = 'as-planned' or reason is not null),
  unique (plan_id, agent_index, day, sequence)
);
create index conditioning_administrations_patient on conditioning_administrations(centre_id, patient_id, started_at);

alter table fhir_clients add column jwks jsonb;
alter table fhir_clients alter column secret_hash drop not null;

create table fhir_client_assertions (
  client_id uuid not null references fhir_clients(id),
  jti text not null,
  expires_at timestamptz not null,
  primary key (client_id, jti)
);
`;
