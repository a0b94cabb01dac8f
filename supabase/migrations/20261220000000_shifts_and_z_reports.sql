-- Shifts and Z reports (topics shift and z.report), the shift each sale was rung in, and the
-- store's daily sales by business date. Like pos_sales, the tables are filled from pos_messages
-- by statement triggers, so every way a message gets in fills them the same way.

-- One row per closed shift: the first copy of a shiftId is kept, later copies are ignored.
create table if not exists public.pos_shifts (
  shift_id uuid primary key,
  -- The message it came from (not a foreign key, as for pos_sales).
  message_id uuid not null,
  store_id text not null,
  terminal_id text not null,
  opened_at timestamptz not null,
  opened_by uuid not null,
  float_cents bigint not null check (float_cents >= 0),
  float_counts jsonb,
  closed_at timestamptz not null,
  closed_by uuid not null,
  counted_cents bigint not null check (counted_cents >= 0),
  counted_counts jsonb,
  expected_cash_cents bigint not null,
  over_short_cents bigint not null,
  movements jsonb not null check (jsonb_typeof(movements) = 'array'),
  totals jsonb not null check (jsonb_typeof(totals) = 'object')
);

create index if not exists pos_shifts_store_terminal_time_idx
  on public.pos_shifts (store_id, terminal_id, closed_at);

-- One row per Z report. A zId held already is ignored (the first copy stands); another zId with
-- a (store, terminal, number) held already violates pos_z_reports_number_key, which refuses the
-- message that carries it (the function says why, and stores the rest of the batch).
create table if not exists public.pos_z_reports (
  z_id uuid primary key,
  message_id uuid not null,
  store_id text not null,
  terminal_id text not null,
  z_number bigint not null check (z_number >= 1),
  opened_at timestamptz not null,
  closed_at timestamptz not null,
  created_at timestamptz not null,
  created_by uuid not null,
  shift_ids uuid[] not null check (cardinality(shift_ids) between 1 and 100),
  totals jsonb not null check (jsonb_typeof(totals) = 'object'),
  constraint pos_z_reports_number_key unique (store_id, terminal_id, z_number)
);

create or replace function public.pos_messages_fill_shifts_and_z_reports()
returns trigger
language plpgsql
set search_path = public
as $$
begin
  insert into public.pos_shifts (
    shift_id, message_id, store_id, terminal_id, opened_at, opened_by, float_cents, float_counts,
    closed_at, closed_by, counted_cents, counted_counts, expected_cash_cents, over_short_cents,
    movements, totals)
  select (m.data ->> 'shiftId')::uuid,
         m.message_id,
         m.store_id,
         m.terminal_id,
         (m.data ->> 'openedAt')::timestamptz,
         (m.data ->> 'openedBy')::uuid,
         (m.data ->> 'floatCents')::bigint,
         m.data -> 'floatCounts',
         (m.data ->> 'closedAt')::timestamptz,
         (m.data ->> 'closedBy')::uuid,
         (m.data ->> 'countedCents')::bigint,
         m.data -> 'countedCounts',
         (m.data ->> 'expectedCashCents')::bigint,
         (m.data ->> 'overShortCents')::bigint,
         m.data -> 'movements',
         m.data -> 'totals'
  from new_messages as m
  where m.topic = 'shift'
  on conflict (shift_id) do nothing;

  insert into public.pos_z_reports (
    z_id, message_id, store_id, terminal_id, z_number, opened_at, closed_at, created_at,
    created_by, shift_ids, totals)
  select (m.data ->> 'zId')::uuid,
         m.message_id,
         m.store_id,
         m.terminal_id,
         (m.data ->> 'zNumber')::bigint,
         (m.data ->> 'openedAt')::timestamptz,
         (m.data ->> 'closedAt')::timestamptz,
         (m.data ->> 'createdAt')::timestamptz,
         (m.data ->> 'createdBy')::uuid,
         array(select s::uuid from jsonb_array_elements_text(m.data -> 'shiftIds') as s),
         m.data -> 'totals'
  from new_messages as m
  where m.topic = 'z.report'
  on conflict (z_id) do nothing;
  return null;
end;
$$;

drop trigger if exists pos_messages_fill_shifts_and_z_reports on public.pos_messages;
create trigger pos_messages_fill_shifts_and_z_reports
  after insert on public.pos_messages
  referencing new table as new_messages
  for each statement
  execute function public.pos_messages_fill_shifts_and_z_reports();

-- The shift a sale was rung in (the transaction's shiftId; null when it has none).
alter table public.pos_sales add column if not exists shift_id uuid;
create index if not exists pos_sales_shift_idx on public.pos_sales (shift_id)
  where shift_id is not null;

create or replace function public.pos_messages_fill_sales()
returns trigger
language plpgsql
set search_path = public
as $$
begin
  insert into public.pos_sales (
    transaction_id, message_id, store_id, terminal_id, receipt_number, employee_id, customer_id,
    status, subtotal_cents, discount_cents, tax_cents, total_cents, line_count, item_count, sold_at,
    shift_id)
  select (m.data ->> 'transactionId')::uuid,
         m.message_id,
         m.store_id,
         m.terminal_id,
         m.data ->> 'receiptNumber',
         m.data ->> 'employeeId',
         m.data ->> 'customerId',
         m.data ->> 'status',
         (m.data ->> 'subtotalCents')::bigint,
         coalesce((m.data ->> 'discountCents')::bigint, 0),
         (m.data ->> 'taxCents')::bigint,
         (m.data ->> 'totalCents')::bigint,
         coalesce(jsonb_array_length(m.data -> 'lines'), 0),
         coalesce((select sum((l ->> 'quantity')::bigint)
                   from jsonb_array_elements(m.data -> 'lines') as l), 0),
         coalesce((m.data ->> 'createdAt')::timestamptz, m.message_timestamp),
         (m.data ->> 'shiftId')::uuid
  from new_messages as m
  where m.topic = 'transaction'
  on conflict (transaction_id) do nothing;
  return null;
end;
$$;

-- Sales stored before: their shiftId when they have one (messages the function took before it
-- checked shiftId may hold anything there: only a UUID is taken).
update public.pos_sales as s
   set shift_id = (m.data ->> 'shiftId')::uuid
  from public.pos_messages as m
 where m.message_id = s.message_id
   and s.shift_id is null
   and m.data ->> 'shiftId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

-- A store's settings; a store without a row is on UTC.
create or replace function public.pos_is_time_zone(zone text)
returns boolean
language sql
stable
set search_path = pg_catalog
as $$
  select exists (select 1 from pg_timezone_names where name = zone);
$$;

create table if not exists public.pos_store_settings (
  store_id text primary key check (store_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  -- An IANA zone name PostgreSQL knows (Europe/Paris, UTC): the store's business dates.
  time_zone text not null default 'UTC' check (public.pos_is_time_zone(time_zone))
);

-- Each terminal's sales per business date (the sale's time in the store's zone): counts, units
-- (returns subtract), gross (sales' subtotals before discount), the sales' discounts, tax and
-- total of sales and returns, and what cash and card payments applied (refunds negative).
create or replace view public.pos_daily_sales
with (security_invoker = true)
as
select s.store_id,
       s.terminal_id,
       (s.sold_at at time zone coalesce(st.time_zone, 'UTC'))::date as business_date,
       count(*) filter (where s.status = 'completed') as sales_count,
       count(*) filter (where s.status = 'returned') as returns_count,
       coalesce(sum(s.item_count), 0)::bigint as items_sold,
       coalesce(sum(s.subtotal_cents) filter (where s.status = 'completed'), 0)::bigint
         as gross_cents,
       coalesce(sum(s.discount_cents) filter (where s.status = 'completed'), 0)::bigint
         as discount_cents,
       coalesce(sum(s.tax_cents), 0)::bigint as tax_cents,
       coalesce(sum(s.total_cents), 0)::bigint as total_cents,
       coalesce(sum(p.cash_cents), 0)::bigint as cash_cents,
       coalesce(sum(p.card_cents), 0)::bigint as card_cents
  from public.pos_sales as s
  left join public.pos_store_settings as st on st.store_id = s.store_id
  left join lateral (
    -- Only well-formed payments count: a message stored before payments were checked must not
    -- make the view fail for every store.
    select sum((pay ->> 'amountCents')::bigint) filter (where pay ->> 'method' = 'cash')
             as cash_cents,
           sum((pay ->> 'amountCents')::bigint) filter (where pay ->> 'method' = 'card')
             as card_cents
      from public.pos_messages as m
      cross join lateral jsonb_array_elements(
        case when jsonb_typeof(m.data -> 'payments') = 'array' then m.data -> 'payments'
             else '[]'::jsonb end) as pay
     where m.message_id = s.message_id
       and jsonb_typeof(pay) = 'object'
       and jsonb_typeof(pay -> 'amountCents') = 'number'
       and pay ->> 'amountCents' ~ '^-?[0-9]{1,16}$'
  ) as p on true
 group by s.store_id, s.terminal_id, 3;

-- Only the service role (the function, which bypasses RLS) reads or writes these: row level
-- security on, no policy, nothing granted to the API roles; the view runs with its caller's
-- rights (security_invoker), so it shows the API roles nothing either.
alter table public.pos_shifts enable row level security;
alter table public.pos_z_reports enable row level security;
alter table public.pos_store_settings enable row level security;

do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = r) then
      execute format('revoke all on public.pos_shifts, public.pos_z_reports, '
                     'public.pos_store_settings, public.pos_daily_sales from %I', r);
    end if;
  end loop;
end;
$$;
