// HL7 v2 feeds from the hospital (issue 17 §2, ADR 0701).
// - hl7_messages: every message received, keyed per centre by sender (MSH-3, MSH-4) and control id (MSH-10), with
//   the ACK that was sent: a replay gets the same ACK and nothing is stored twice ("acknowledged means stored":
//   the row commits with what the message wrote, before the ACK leaves).
// - hl7_result_keys: which stored observation a lab result (filler order OBR-3, code OBX-3, sub-id OBX-4) became,
//   so that a correction (OBX-11 C) replaces it and a late original (F after C) does not overwrite the correction.
// - hl7_review: what a message could not apply by itself (unknown patient or analyte, conflicting demographics,
//   merges, values needing a reason), kept until a person applies or discards it with a reason (audited).
export default /* sql */ `
create table hl7_messages (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  sending_application text not null,
  sending_facility text not null,
  control_id text not null,
  message_type text not null,
  payload_sha256 text not null,
  raw text not null,
  ack_code text not null,
  ack text not null,
  received_at timestamptz not null default now(),
  unique (centre_id, sending_application, sending_facility, control_id)
);
create index hl7_messages_received on hl7_messages (centre_id, received_at desc);

create table hl7_result_keys (
  centre_id uuid not null references centres(id),
  result_key text not null,
  observation_id uuid references observations(id) on delete set null,
  status text not null,
  message_id uuid not null references hl7_messages(id) deferrable initially deferred,
  primary key (centre_id, result_key)
);

create table hl7_review (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  message_id uuid not null references hl7_messages(id),
  kind text not null,
  segment text not null,
  mrn text,
  patient_id uuid references patients(id),
  summary text not null,
  proposal jsonb not null,
  status text not null default 'open' check (status in ('open', 'applied', 'discarded')),
  created_at timestamptz not null default now(),
  resolved_by uuid references users(id),
  resolved_at timestamptz,
  resolution_reason text
);
create index hl7_review_open on hl7_review (centre_id, status, created_at);
`;
