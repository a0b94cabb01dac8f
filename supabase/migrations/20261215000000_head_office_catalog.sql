-- Head office: the store's catalog and its scheduled price changes, kept in the cloud. Lanes
-- poll the catalog-changes function for every row of their store changed since a cursor: each
-- insert or update takes the next number of one sequence (change_seq), so the cursor is the last
-- change_seq a lane has applied. Edits: tools/cloud-dev catalog-put / price-schedule.

create sequence if not exists public.catalog_change_seq;

-- Up to 32 barcodes, each 1-64 characters (a check constraint cannot hold the subquery itself).
create or replace function public.catalog_barcodes_valid(barcodes text[])
returns boolean
language sql
immutable
set search_path = public
as $$
  select cardinality(barcodes) <= 32
     and coalesce(array_ndims(barcodes), 1) = 1
     and coalesce((select bool_and(b is not null and length(b) between 1 and 64)
                   from unnest(barcodes) as b), true)
$$;

create table if not exists public.catalog_products (
  store_id text not null
    constraint catalog_products_store_id_format
    check (store_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  product_id uuid not null default gen_random_uuid(),
  sku text not null constraint catalog_products_sku_length check (length(sku) between 1 and 64),
  name text not null constraint catalog_products_name_length check (length(name) between 1 and 200),
  category text not null default ''
    constraint catalog_products_category_length check (length(category) <= 100),
  barcodes text[] not null default '{}'
    constraint catalog_products_barcodes_valid check (public.catalog_barcodes_valid(barcodes)),
  price_cents bigint not null
    constraint catalog_products_price_range check (price_cents between 0 and 999999999),
  tax_rate_bp integer not null default 0
    constraint catalog_products_tax_rate_range check (tax_rate_bp between 0 and 10000),
  active boolean not null default true,
  updated_at timestamptz not null default now(),
  -- When price_cents last changed: a change that keeps the price carries it on with this time,
  -- so that a rename does not undo a scheduled price that took effect since (docs/PROTOCOL.md).
  price_set_at timestamptz not null default now(),
  change_seq bigint not null,
  primary key (store_id, product_id),
  constraint catalog_products_store_sku_key unique (store_id, sku)
);

create table if not exists public.catalog_price_changes (
  store_id text not null,
  change_id uuid primary key default gen_random_uuid(),
  product_id uuid not null,
  price_cents bigint not null
    constraint catalog_price_changes_price_range check (price_cents between 0 and 999999999),
  effective_at timestamptz not null,
  created_at timestamptz not null default now(),
  change_seq bigint not null,
  constraint catalog_price_changes_product_fkey foreign key (store_id, product_id)
    references public.catalog_products (store_id, product_id)
);

create index if not exists catalog_products_store_seq_idx
  on public.catalog_products (store_id, change_seq);
create index if not exists catalog_price_changes_store_seq_idx
  on public.catalog_price_changes (store_id, change_seq);
create index if not exists catalog_price_changes_product_idx
  on public.catalog_price_changes (store_id, product_id);

-- Numbers a change of one store's catalog. Writers of one store take a transaction lock before
-- their number, so a store's numbers become visible in order: a lane that has read change N
-- never finds a change below N committed later (which a plain nextval allows: two transactions,
-- the later number committing first), and its cursor skips nothing.
create or replace function public.catalog_next_change_seq(store text)
returns bigint
language plpgsql
set search_path = public
as $$
begin
  perform pg_advisory_xact_lock(20261215, hashtext(store));
  return nextval('public.catalog_change_seq');
end;
$$;

-- Every insert and every real update takes a new change_seq and updated_at; an update that
-- changes nothing keeps both (a repeated catalog-put is not sent to the lanes again). A product
-- stays in its store under its id, and is deactivated instead of deleted: lanes learn of changes,
-- and a deleted row would be one they never hear of.
create or replace function public.catalog_products_stamp()
returns trigger
language plpgsql
set search_path = public
as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'catalog products are not deleted: set active = false, and the lanes hear of it'
      using errcode = 'restrict_violation';
  end if;
  if tg_op = 'UPDATE' then
    if new.store_id is distinct from old.store_id or new.product_id is distinct from old.product_id then
      raise exception 'a catalog product keeps its store and product id'
        using errcode = 'restrict_violation';
    end if;
    new.change_seq := old.change_seq;
    new.updated_at := old.updated_at;
    new.price_set_at := old.price_set_at;
    if new is not distinct from old then
      return new;
    end if;
  end if;
  new.change_seq := public.catalog_next_change_seq(new.store_id);
  new.updated_at := now();
  if tg_op = 'INSERT' or new.price_cents is distinct from old.price_cents then
    new.price_set_at := new.updated_at;
  end if;
  return new;
end;
$$;

drop trigger if exists catalog_products_stamp on public.catalog_products;
create trigger catalog_products_stamp
  before insert or update or delete on public.catalog_products
  for each row execute function public.catalog_products_stamp();

-- A scheduled price change is a fact the lanes may already hold: it is never edited or removed.
-- Another change for the same product supersedes it (the latest effective_at not in the future
-- wins; between equal times, the higher change_seq).
create or replace function public.catalog_price_changes_stamp()
returns trigger
language plpgsql
set search_path = public
as $$
begin
  if tg_op <> 'INSERT' then
    raise exception 'scheduled price changes are immutable: schedule another change to supersede this one'
      using errcode = 'restrict_violation';
  end if;
  new.change_seq := public.catalog_next_change_seq(new.store_id);
  new.created_at := now();
  return new;
end;
$$;

drop trigger if exists catalog_price_changes_stamp on public.catalog_price_changes;
create trigger catalog_price_changes_stamp
  before insert or update or delete on public.catalog_price_changes
  for each row execute function public.catalog_price_changes_stamp();
drop trigger if exists catalog_price_changes_no_truncate on public.catalog_price_changes;
create trigger catalog_price_changes_no_truncate
  before truncate on public.catalog_price_changes
  for each statement execute function public.catalog_price_changes_stamp();

-- Only the service role (the function, and head office tools with the database URL) reads or
-- writes the catalog: row level security on, no policy, nothing granted to the API roles.
alter table public.catalog_products enable row level security;
alter table public.catalog_price_changes enable row level security;

do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = r) then
      execute format('revoke all on public.catalog_products, public.catalog_price_changes from %I', r);
      execute format('revoke all on sequence public.catalog_change_seq from %I', r);
    end if;
  end loop;
end;
$$;
