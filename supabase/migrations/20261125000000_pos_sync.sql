-- Euphoria Lane cloud store: every message a lane publishes, once, and one row per sale for reporting.

create table if not exists public.pos_messages (
  message_id uuid primary key,
  store_id text not null check (length(store_id) between 1 and 64),
  terminal_id text not null check (length(terminal_id) between 1 and 64),
  topic text not null,
  data jsonb not null check (jsonb_typeof(data) = 'object'),
  message_timestamp timestamptz not null,
  peer_acked_at timestamptz,
  received_at timestamptz not null default now()
);

create index if not exists pos_messages_store_time_idx
  on public.pos_messages (store_id, message_timestamp);
create index if not exists pos_messages_store_terminal_time_idx
  on public.pos_messages (store_id, terminal_id, message_timestamp);
create index if not exists pos_messages_store_topic_time_idx
  on public.pos_messages (store_id, topic, message_timestamp);
create index if not exists pos_messages_received_idx
  on public.pos_messages (received_at);

-- One row per sale, derived from `transaction` messages by the trigger below, so every way a
-- message gets in (the function, a bulk load) fills it the same way.
create table if not exists public.pos_sales (
  transaction_id uuid primary key,
  -- The message it came from. Not a foreign key: the trigger writes both in one statement, and
  -- a per-row key check would cost a fifth of the insert time of a batch.
  message_id uuid not null,
  store_id text not null,
  terminal_id text not null,
  receipt_number text,
  employee_id text,
  customer_id text,
  status text,
  subtotal_cents bigint not null,
  discount_cents bigint not null default 0,
  tax_cents bigint not null,
  total_cents bigint not null,
  line_count integer not null,
  item_count bigint not null,
  sold_at timestamptz not null
);

create index if not exists pos_sales_store_time_idx on public.pos_sales (store_id, sold_at);
create index if not exists pos_sales_store_terminal_time_idx
  on public.pos_sales (store_id, terminal_id, sold_at);

create or replace function public.pos_messages_fill_sales()
returns trigger
language plpgsql
set search_path = public
as $$
begin
  insert into public.pos_sales (
    transaction_id, message_id, store_id, terminal_id, receipt_number, employee_id, customer_id,
    status, subtotal_cents, discount_cents, tax_cents, total_cents, line_count, item_count, sold_at)
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
         coalesce((m.data ->> 'createdAt')::timestamptz, m.message_timestamp)
  from new_messages as m
  where m.topic = 'transaction'
  on conflict (transaction_id) do nothing;
  return null;
end;
$$;

drop trigger if exists pos_messages_fill_sales on public.pos_messages;
create trigger pos_messages_fill_sales
  after insert on public.pos_messages
  referencing new table as new_messages
  for each statement
  execute function public.pos_messages_fill_sales();

-- Only the service role (the Edge Function, which bypasses RLS) reads or writes these tables.
alter table public.pos_messages enable row level security;
alter table public.pos_sales enable row level security;

do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = r) then
      execute format('revoke all on public.pos_messages, public.pos_sales from %I', r);
    end if;
  end loop;
end;
$$;
