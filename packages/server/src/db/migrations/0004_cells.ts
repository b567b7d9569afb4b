// The care journey up to the bag (issue 7): the donor or source of an episode and its work-up, collections
// (with apheresis days), cell products identified by ISBT 128 (DIN + product code + division) and everything
// done to them, cell-therapy manufacturing orders with their Chain of Identity and chain-of-custody events.
// Product status moves only through @engraft/domain `cellProducts.ts` PRODUCT_TRANSITIONS.
export default /* sql */ `
create table episode_donors (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  source text not null,               -- autologous | related | unrelated | cord
  relationship text,                  -- related donors: sibling, parent, child, other-relative; match: identical, haploidentical, mismatched
  match_grade text,
  registry_donor_id text,             -- unrelated/cord: the id in the donor registry
  donor_search_id uuid references donor_searches(id),
  display_name text not null,         -- a label staff recognise ("Sibling (brother)", "Registry donor 1234-5678")
  hla_typing text,                    -- GL string
  sex text,
  birth_date date,
  abo_rh text,
  cmv text not null default 'unknown', -- positive | negative | unknown
  weight_kg numeric,
  cord_bank text,
  cord_tnc numeric,                   -- cells (absolute, not ×10^n)
  cord_cd34 numeric,
  status text not null default 'identified',
  status_on date not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index episode_donors_episode on episode_donors(episode_id);

-- Work-up status history (identified → confirmatory typing → work-up → medically cleared → collection
-- scheduled → collected, or cancelled), each with its date and who recorded it.
create table donor_status_events (
  id uuid primary key default gen_random_uuid(),
  donor_id uuid not null references episode_donors(id),
  status text not null,
  status_on date not null,
  note text,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index donor_status_events_donor on donor_status_events(donor_id, status_on);

create table collections (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  donor_id uuid references episode_donors(id),   -- null: the patient (autologous, CAR-T)
  method text not null,               -- bm-harvest | apheresis | cord-receipt | leukapheresis
  mobilisation text,                  -- apheresis: G-CSF, G-CSF + plerixafor, chemo + G-CSF …
  target_cd34_per_kg numeric,         -- ×10^6/kg
  recipient_weight_kg numeric,        -- the weight doses per kg are computed against
  status text not null default 'planned', -- planned | in-progress | complete | cancelled
  planned_on date,
  coi text,                           -- Chain of Identity identifier (ISBT 128 DS040), cell therapy
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index collections_episode on collections(episode_id);

create table collection_days (
  id uuid primary key default gen_random_uuid(),
  collection_id uuid not null references collections(id),
  collected_on date not null,
  processed_volume_l numeric,
  cd34_cells numeric,                 -- absolute CD34+ cells collected that day
  tnc_cells numeric,
  product_id uuid,                    -- the bag made from this day (set when the product is registered)
  recorded_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (collection_id, collected_on)
);

create table products (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  patient_id uuid not null references patients(id),   -- the intended recipient
  episode_id uuid not null references episodes(id),
  collection_id uuid references collections(id),
  donor_id uuid references episode_donors(id),        -- null: autologous
  manufacturing_order_id uuid,
  din text not null,                  -- 13 characters, check character verified at entry
  product_code text not null,         -- ISBT 128 product description code, e.g. S1295 (opaque)
  division text not null default '00',
  description text not null,          -- HPC, Apheresis | HPC, Marrow | HPC, Cord Blood | T Cells | CAR-T …
  kind text not null,                 -- hpc-apheresis | hpc-marrow | hpc-cord | mnc-apheresis | car-t | t-cells | nk-cells | b-cells | dli
  status text not null default 'collected',
  collected_on date,
  volume_ml numeric,
  tnc_cells numeric,                  -- absolute cell numbers (not ×10^n)
  cd34_cells numeric,
  cd3_cells numeric,
  car_t_cells numeric,                -- CAR-positive viable T cells
  viability_pct numeric,
  sterility text not null default 'pending', -- pending | negative | positive
  abo_rh text,
  cryopreserved boolean not null default false,
  expires_at timestamptz,
  storage jsonb,                      -- {freezer, rack, box, position}
  coi text,
  release_requested_by uuid references users(id),
  release_requested_at timestamptz,
  released_by uuid references users(id),
  released_at timestamptz,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (din, product_code, division),
  check (release_requested_by is null or released_by is null or release_requested_by <> released_by)
);
create index products_episode on products(episode_id);
create index products_din on products(din);
create index products_coi on products(coi);
alter table collection_days add foreign key (product_id) references products(id);

-- Everything done to a product, in order: processing steps, storage moves, QC results, release signatures,
-- shipment, receipt, thaw, discard, label printing. kind + details; who did it and when.
create table product_events (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products(id),
  kind text not null,
  details jsonb not null default '{}',
  status_after text,
  performed_by uuid references users(id),
  performed_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index product_events_product on product_events(product_id, performed_at);

create table manufacturing_orders (
  id uuid primary key default gen_random_uuid(),
  centre_id uuid not null references centres(id),
  episode_id uuid not null references episodes(id),
  product_name text not null,         -- tisagenlecleucel … or in-house
  cell_type text not null,            -- T | B | NK
  cell_origin text not null,          -- autologous | allogeneic
  manufacturer text,
  coi text not null unique,           -- Chain of Identity identifier (ISBT 128 DS040)
  collection_id uuid references collections(id),
  slot_on date,
  status text not null default 'ordered',
  target_dose text,
  received_product_id uuid references products(id),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index manufacturing_orders_episode on manufacturing_orders(episode_id);
alter table products add foreign key (manufacturing_order_id) references manufacturing_orders(id);

-- Chain of custody: every hand-over of the starting material or product.
create table custody_events (
  id uuid primary key default gen_random_uuid(),
  order_id uuid references manufacturing_orders(id),
  product_id uuid references products(id),
  from_party text not null,
  to_party text not null,
  handed_at timestamptz not null,
  temperature_c numeric,
  note text,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now(),
  check (order_id is not null or product_id is not null)
);
create index custody_events_order on custody_events(order_id, handed_at);
`;
