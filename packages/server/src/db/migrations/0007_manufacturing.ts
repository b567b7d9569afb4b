// Cell-therapy manufacturing (issue 7, ADR 0520): the status history of an order (with when and who, for the
// stepper, the timeline and vein-to-vein), which leg of the journey a custody event belongs to, the number of
// bags received, and the per-FIN, per-year sequence the Chain of Identity identifiers are drawn from.
export default /* sql */ `
create table manufacturing_status_events (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references manufacturing_orders(id),
  status text not null,
  status_at timestamptz not null,
  note text,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index manufacturing_status_events_order on manufacturing_status_events(order_id, status_at);

alter table manufacturing_orders add column coi_source text not null default 'assigned'; -- assigned | external
alter table manufacturing_orders add column received_bags integer;
alter table custody_events add column leg text not null default 'outbound';             -- outbound | return

-- CoI sequence: "CH" + FIN + yy + 6 characters is unique per issuing FIN and year (ST-001 §2.4.40).
create table coi_sequences (
  fin text not null,
  year integer not null,
  last_value integer not null,
  primary key (fin, year)
);
`;
