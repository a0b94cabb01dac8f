-- Lane credentials: every lane authenticates to sync-pos-message with a credential of its own
-- (`elc1.<lane_id>.<secret>`), never the service-role key. The function finds the lane by
-- lane_id, compares SHA-256 of the secret with secret_sha256, and takes the store and terminal
-- from this row, not from the request. Enrolment and revocation: tools/cloud-dev enroll / revoke.

create table if not exists public.pos_lanes (
  lane_id uuid primary key,
  store_id text not null check (store_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  terminal_id text not null check (terminal_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  -- SHA-256 of the secret's text (43 base64url characters, 256 random bits): a fast hash is
  -- enough for a secret nobody can guess, and the secret itself is never stored.
  secret_sha256 bytea not null check (length(secret_sha256) = 32),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  check (active = (revoked_at is null))
);

-- One active credential per lane of a store: a replacement revokes the old one in the same
-- transaction (tools/cloud-dev enroll --replace).
create unique index if not exists pos_lanes_active_terminal_idx
  on public.pos_lanes (store_id, terminal_id) where active;
-- The function's question for a relayed message: is its origin a lane of this store?
create index if not exists pos_lanes_store_terminal_idx
  on public.pos_lanes (store_id, terminal_id);

-- Which lane's credential uploaded each message (null: the service key), to find what a stolen
-- credential wrote before it was revoked. No foreign key: it would cost a lookup per row.
alter table public.pos_messages add column if not exists uploaded_by uuid;
create index if not exists pos_messages_uploaded_by_idx
  on public.pos_messages (uploaded_by) where uploaded_by is not null;

-- Only the service role (the function, and whoever enrolls lanes with the database URL) reads
-- or writes the registry: row level security on, no policy, nothing granted to the API roles.
alter table public.pos_lanes enable row level security;

do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = r) then
      execute format('revoke all on public.pos_lanes from %I', r);
    end if;
  end loop;
end;
$$;
