// deno test for catalog-changes, against the real PostgreSQL that tools/cloud-dev starts
// (SUPABASE_DB_URL, and SUPABASE_URL for the function it serves): the catalog's tables and their
// triggers, paging by cursor, authentication as sync-pos-message's, every status code, and the
// head office subcommands of tools/cloud-dev.
import postgres from "postgres";
import {
  type Change,
  createHandler,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  parseRequest,
  type Product,
  route,
} from "./index.ts";
import { captureConsole, requireDbUrl } from "../_shared/test_support.ts";
import { CREDENTIAL } from "../_shared/lane_auth.ts";

const dbUrl = requireDbUrl();
// Everything the function logs during the suite, checked at the end for secrets.
const logged = captureConsole();

const sql = postgres(dbUrl, { max: 4, onnotice: () => {} });
const KEY = "test-service-key-catalog-0123456789";
const handler = createHandler({ sql, serviceKey: KEY });

const tool = new URL("../../../tools/cloud-dev", import.meta.url).pathname;
async function cloudDev(...args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  const r = await new Deno.Command(tool, {
    args: [...args, "--db-url", dbUrl!],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
  return { ok: r.success, out: text(r.stdout), err: text(r.stderr) };
}
async function cloudDevOk(...args: string[]): Promise<string> {
  const r = await cloudDev(...args);
  if (!r.ok) throw new Error(`cloud-dev ${args.join(" ")} failed: ${r.err}`);
  return r.out;
}
const secrets: string[] = [KEY];
async function enroll(store: string, terminal: string): Promise<string> {
  const credential = await cloudDevOk("enroll", "--store", store, "--terminal", terminal);
  secrets.push(credential);
  return credential;
}

function assert(cond: unknown, message = "assertion failed"): asserts cond {
  if (!cond) throw new Error(message);
}
function assertEquals<T>(actual: T, expected: T, what = "value") {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

const newStore = () => `cat-${crypto.randomUUID().slice(0, 8)}`;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Reply {
  changes: Change[];
  cursor: number;
  more: boolean;
}

function post(body: unknown, key: string | null, raw?: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return handler(
    new Request("http://local/functions/v1/catalog-changes", {
      method: "POST",
      headers,
      body: raw ?? JSON.stringify(body),
    }),
  );
}

async function changes(key: string, body: Record<string, unknown>): Promise<Reply> {
  const res = await post(body, key);
  const text = await res.text();
  assertEquals(res.status, 200, `status (${text})`);
  const reply = JSON.parse(text) as Reply;
  for (const c of reply.changes) {
    assert(ISO_MS.test(c.updatedAt), `updatedAt ${c.updatedAt}`);
    if (c.kind === "price") assert(ISO_MS.test(c.price.effectiveAt), c.price.effectiveAt);
  }
  const seqs = reply.changes.map((c) => c.seq);
  assertEquals(seqs, [...seqs].sort((a, b) => a - b), "seq order");
  return reply;
}

// Writes as head office does, straight to the tables (the subcommands are tested on their own).
async function putProduct(store: string, sku: string, priceCents = 100): Promise<string> {
  const [r] = await sql`
    insert into catalog_products (store_id, sku, name, price_cents)
    values (${store}, ${sku}, ${"Product " + sku}, ${priceCents})
    on conflict (store_id, sku) do update set price_cents = excluded.price_cents
    returning product_id::text`;
  return r.product_id;
}
async function schedule(store: string, productId: string, priceCents: number): Promise<string> {
  const [r] = await sql`
    insert into catalog_price_changes (store_id, product_id, price_cents, effective_at)
    values (${store}, ${productId}::uuid, ${priceCents}, '2026-12-02T06:00:00Z')
    returning change_id::text`;
  return r.change_id;
}

const t = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, fn, sanitizeOps: false, sanitizeResources: false });

t("paging: limit 2 over 5 changes, products and prices merged in seq order", async () => {
  const store = newStore();
  const lane = await enroll(store, "L1");
  const a = await putProduct(store, "A");
  const b = await putProduct(store, "B");
  const change1 = await schedule(store, a, 90);
  const c = await putProduct(store, "C");
  const change2 = await schedule(store, b, 80);

  const all = await changes(lane, { storeId: store, terminalId: "L1", cursor: 0 });
  assertEquals(all.changes.map((x) => x.kind), ["product", "product", "price", "product", "price"]);
  assertEquals(all.more, false, "more");
  assertEquals(all.cursor, all.changes[4].seq, "cursor");

  const ids = (r: Reply) =>
    r.changes.map((x) => x.kind === "product" ? x.product.productId : x.price.changeId);
  const page1 = await changes(lane, { storeId: store, terminalId: "L1", cursor: 0, limit: 2 });
  assertEquals(ids(page1), [a, b], "page 1");
  assertEquals([page1.cursor, page1.more], [page1.changes[1].seq, true], "page 1 cursor");
  const page2 = await changes(lane, { cursor: page1.cursor, limit: 2 });
  assertEquals(ids(page2), [change1, c], "page 2");
  assertEquals(page2.more, true, "page 2 more");
  const page3 = await changes(lane, { cursor: page2.cursor, limit: 2 });
  assertEquals(ids(page3), [change2], "page 3");
  assertEquals([page3.cursor, page3.more], [all.cursor, false], "page 3 cursor");
  // Nothing new: the request's cursor comes back.
  const none = await changes(lane, { cursor: page3.cursor, limit: 2 });
  assertEquals([none.changes.length, none.cursor, none.more], [0, page3.cursor, false], "none");
  const far = await changes(lane, { cursor: Number.MAX_SAFE_INTEGER });
  assertEquals([far.changes.length, far.cursor], [0, Number.MAX_SAFE_INTEGER], "far cursor");
});

t("the reply's fields, as the lanes read them", async () => {
  const store = newStore();
  const lane = await enroll(store, "L1");
  const id = await cloudDevOk(
    "catalog-put",
    "--store",
    store,
    "--sku",
    "A-1",
    "--name",
    "Milk 1 l",
    "--price",
    "129",
    "--tax",
    "700",
    "--category",
    "Dairy",
    "--barcodes",
    "4006381333931",
  );
  const changeId = await cloudDevOk(
    "price-schedule",
    "--store",
    store,
    "--sku",
    "A-1",
    "--price",
    "119",
    "--at",
    "2026-12-02T07:00:00+01:00",
  );
  const reply = await changes(lane, { storeId: store, terminalId: "L1", cursor: 0, limit: 500 });
  assertEquals(reply.changes.length, 2, "changes");
  const [p, q] = reply.changes;
  assert(p.kind === "product" && q.kind === "price", "kinds");
  assertEquals(p.product, {
    productId: id,
    sku: "A-1",
    name: "Milk 1 l",
    category: "Dairy",
    barcodes: ["4006381333931"],
    priceCents: 129,
    taxRateBp: 700,
    active: true,
    priceSetAt: p.updatedAt,
  }, "product");
  assertEquals(q.price, {
    changeId,
    productId: id,
    priceCents: 119,
    effectiveAt: "2026-12-02T06:00:00.000Z",
  }, "price");
  assert(q.seq > p.seq, "seq");
  assertEquals(Object.keys(reply), ["changes", "cursor", "more"], "members");
  assertEquals(Object.keys(p), ["seq", "kind", "updatedAt", "product"], "product members");
  assertEquals(Object.keys(q), ["seq", "kind", "updatedAt", "price"], "price members");
  const [row] = await sql`select updated_at from catalog_products where product_id = ${id}::uuid`;
  assertEquals(p.updatedAt, (row.updated_at as Date).toISOString(), "updatedAt");
  // A rename keeps priceSetAt (it must not undo a scheduled price on the lanes); a new price moves
  // it.
  const put = (name: string, price: string) =>
    cloudDevOk(
      "catalog-put",
      "--store",
      store,
      "--sku",
      "A-1",
      "--name",
      name,
      "--price",
      price,
      "--tax",
      "700",
      "--category",
      "Dairy",
      "--barcodes",
      "4006381333931",
    );
  await put("Milk 1 litre", "129");
  const renamed = await changes(lane, { cursor: reply.cursor });
  const r = renamed.changes[0];
  assert(r?.kind === "product", "the rename is a change");
  assertEquals(r.product.priceSetAt, p.product.priceSetAt, "a rename keeps priceSetAt");
  assert(r.updatedAt !== p.updatedAt, "a rename has a new updatedAt");
  await put("Milk 1 litre", "135");
  const repriced = await changes(lane, { cursor: renamed.cursor });
  const x = repriced.changes[0];
  assert(x?.kind === "product", "the new price is a change");
  assertEquals(x.product.priceSetAt, x.updatedAt, "a new price moves priceSetAt");
});

t("an update moves a product to a later seq; it appears once, as it is now", async () => {
  const store = newStore();
  const lane = await enroll(store, "L1");
  const a = await putProduct(store, "A", 100);
  const b = await putProduct(store, "B", 200);
  const before = await changes(lane, { cursor: 0 });
  await putProduct(store, "A", 150);
  await putProduct(store, "A", 175);
  const after = await changes(lane, { cursor: 0 });
  const products = after.changes.flatMap((c) => c.kind === "product" ? [c.product] : []);
  assertEquals(products.map((p) => [p.productId, p.priceCents]), [[b, 200], [a, 175]], "order");
  assert(after.changes[1].seq > before.cursor, "a later seq");
  // A lane at the old cursor gets only the update.
  const since = await changes(lane, { cursor: before.cursor });
  assertEquals(since.changes.map((c) => c.kind === "product" && c.product.priceCents), [175]);
  // An update that changes nothing keeps the seq: the lanes are not sent it again.
  await sql`update catalog_products set name = name where product_id = ${a}::uuid`;
  await cloudDevOk(
    "catalog-put",
    "--store",
    store,
    "--sku",
    "B",
    "--name",
    "Product B",
    "--price",
    "200",
  );
  assertEquals((await changes(lane, { cursor: since.cursor })).changes.length, 0, "no-op");
  // The trigger numbers every row; what a writer puts in change_seq or updated_at is ignored.
  await sql`update catalog_products set change_seq = 1, updated_at = '2000-01-01Z', active = false
            where product_id = ${b}::uuid`;
  const moved = await changes(lane, { cursor: since.cursor });
  assertEquals(moved.changes.length, 1, "deactivated");
  const [m] = moved.changes;
  assert(m.kind === "product" && !m.product.active && m.seq > since.cursor, JSON.stringify(m));
  assert(!m.updatedAt.startsWith("2000"), m.updatedAt);
});

t("another store's rows are never returned, whoever asks", async () => {
  const mine = newStore();
  const theirs = newStore();
  const lane = await enroll(mine, "L1");
  await enroll(theirs, "L1");
  const own = await putProduct(mine, "A");
  const other = await putProduct(theirs, "A");
  await schedule(theirs, other, 1);
  await putProduct(theirs, "B");
  const reply = await changes(lane, { storeId: mine, cursor: 0 });
  assertEquals(
    reply.changes.map((c) => c.kind === "product" ? c.product.productId : "price"),
    [own],
    "only this store's",
  );
  // The service key reads the store the body names (default store-1, as sync-pos-message).
  const service = await changes(KEY, { storeId: theirs, cursor: 0 });
  assertEquals(service.changes.map((c) => c.kind), ["product", "price", "product"], "service");
  const none = await changes(KEY, { storeId: newStore(), cursor: 0 });
  assertEquals(none.changes.length, 0, "an unknown store has no catalog");
  const defaultStore = await post({ cursor: 0 }, KEY);
  assertEquals(defaultStore.status, 200, "no storeId with the service key");
  await defaultStore.body?.cancel();
  // A price change cannot point at another store's product.
  const cross = await schedule(mine, other, 5).catch((e) => e.code);
  assertEquals(cross, "23503", "foreign key");
});

t("401: missing, wrong, malformed, unknown and revoked credentials; nothing echoed", async () => {
  const store = newStore();
  const lane = await enroll(store, "L1");
  await putProduct(store, "A");
  const [, laneId, secret] = CREDENTIAL.exec(lane)!;
  const flip = (c: string) => c.slice(0, -1) + (c.endsWith("A") ? "B" : "A");
  for (
    const key of [
      null,
      "",
      "wrong",
      KEY + "x",
      "elc1.x.y",
      flip(lane),
      `elc1.${crypto.randomUUID()}.${secret}`,
      `elc2.${laneId}.${secret}`,
    ]
  ) {
    const res = await post({ storeId: store, cursor: 0 }, key);
    assertEquals(res.status, 401, `key ${key}`);
    const text = await res.text();
    assert(JSON.parse(text).error.length > 0, "says why");
    assert(!text.includes(secret), "the answer repeats the secret");
  }
  await cloudDevOk("revoke", "--store", store, "--terminal", "L1");
  const res = await post({ storeId: store, cursor: 0 }, lane);
  assertEquals(res.status, 401, "revoked");
  assertEquals((await res.json()).error, "lane credential revoked");
});

t("403: a lane's body naming another store or terminal", async () => {
  const store = newStore();
  const other = newStore();
  const lane = await enroll(store, "L1");
  await enroll(store, "L2");
  await enroll(other, "L1");
  await putProduct(other, "A");
  for (
    const [body, what] of [
      [{ storeId: other, terminalId: "L1", cursor: 0 }, "another store"],
      [{ storeId: other, cursor: 0 }, "another store"],
      [{ storeId: store, terminalId: "L2", cursor: 0 }, "another terminal"],
      [{ terminalId: "L9", cursor: 0 }, "another terminal"],
    ] as const
  ) {
    const res = await post(body, lane);
    assertEquals(res.status, 403, JSON.stringify(body));
    const text = await res.text();
    assert(JSON.parse(text).error.includes(what), text);
    assert(!text.includes('"changes"'), "no rows");
  }
  // Its own names, or none, are fine.
  assertEquals((await changes(lane, { storeId: store, terminalId: "L1", cursor: 0 })).more, false);
  assertEquals((await changes(lane, { cursor: 0 })).changes.length, 0, "own store, empty");
});

t("400 for bad input, naming the problem; 405 for another method", async () => {
  const store = newStore();
  const lane = await enroll(store, "L1");
  const cases: [string, string][] = [
    ["", "JSON"],
    ["{", "JSON"],
    ["\xff", "JSON"],
    ["null", "JSON object"],
    ["[]", "JSON object"],
    ['"x"', "JSON object"],
    ["{}", "cursor"],
    ['{"cursor": -1}', "cursor"],
    ['{"cursor": 1.5}', "cursor"],
    ['{"cursor": "5"}', "cursor"],
    ['{"cursor": null}', "cursor"],
    ['{"cursor": 1e300}', "cursor"],
    ['{"cursor": 0, "limit": 0}', "limit"],
    ['{"cursor": 0, "limit": 1001}', "limit"],
    ['{"cursor": 0, "limit": 2.5}', "limit"],
    ['{"cursor": 0, "limit": "10"}', "limit"],
    ['{"cursor": 0, "storeId": "a/b"}', "storeId"],
    ['{"cursor": 0, "storeId": 7}', "storeId"],
    ['{"cursor": 0, "terminalId": ""}', "terminalId"],
  ];
  for (const [raw, what] of cases) {
    const res = await post(null, lane, raw);
    assertEquals(res.status, 400, `body ${JSON.stringify(raw)}`);
    const { error } = await res.json();
    assert(error.includes(what), `body ${JSON.stringify(raw)}: ${error}`);
  }
  for (const method of ["GET", "PUT", "DELETE"]) {
    const res = await handler(
      new Request("http://local/functions/v1/catalog-changes", {
        method,
        headers: { authorization: `Bearer ${lane}` },
      }),
    );
    assertEquals(res.status, 405, method);
    assertEquals(res.headers.get("allow"), "POST");
    assert((await res.json()).error.includes("POST"), "says why");
  }
  assertEquals(parseRequest({ cursor: 3 }), {
    storeId: null,
    terminalId: null,
    cursor: 3,
    limit: DEFAULT_LIMIT,
  });
});

t("limit: 500 by default, at most 1000", async () => {
  const store = newStore();
  const lane = await enroll(store, "L1");
  await sql`insert into catalog_products (store_id, sku, name, price_cents)
            select ${store}, 'SKU-' || i, 'Product ' || i, i from generate_series(1, 1001) i`;
  const first = await changes(lane, { cursor: 0 });
  assertEquals([first.changes.length, first.more], [DEFAULT_LIMIT, true], "default");
  const max = await changes(lane, { cursor: 0, limit: MAX_LIMIT });
  assertEquals([max.changes.length, max.more], [1000, true], "max");
  const rest = await changes(lane, { cursor: max.cursor, limit: MAX_LIMIT });
  assertEquals([rest.changes.length, rest.more], [1, false], "rest");
});

t("scheduled price changes are immutable; products are deactivated, not deleted", async () => {
  const store = newStore();
  const id = await putProduct(store, "A");
  const change = await schedule(store, id, 50);
  const refused = async (statement: Promise<unknown>) =>
    await statement.then(() => "done", (e) => e.message as string);
  for (
    const statement of [
      sql`update catalog_price_changes set price_cents = 1 where change_id = ${change}::uuid`,
      sql`update catalog_price_changes set change_seq = 1 where change_id = ${change}::uuid`,
      sql`delete from catalog_price_changes where change_id = ${change}::uuid`,
    ]
  ) {
    assertEquals(
      await refused(statement),
      "scheduled price changes are immutable: schedule another change to supersede this one",
    );
  }
  assert((await refused(sql`truncate catalog_price_changes`)).includes("immutable"), "truncate");
  const [row] = await sql`select price_cents from catalog_price_changes
                          where change_id = ${change}::uuid`;
  assertEquals(Number(row.price_cents), 50, "unchanged");
  assert(
    (await refused(sql`delete from catalog_products where product_id = ${id}::uuid`))
      .includes("set active = false"),
    "delete a product",
  );
  assert(
    (await refused(sql`update catalog_products set store_id = ${newStore()}
                       where product_id = ${id}::uuid`)).includes("keeps its store"),
    "move a product",
  );
});

t("the tables' checks refuse what a lane could not use", async () => {
  const store = newStore();
  const bad: [string, Record<string, unknown>][] = [
    ["catalog_products_sku_length", { sku: "" }],
    ["catalog_products_sku_length", { sku: "x".repeat(65) }],
    ["catalog_products_name_length", { name: "" }],
    ["catalog_products_name_length", { name: "x".repeat(201) }],
    ["catalog_products_category_length", { category: "x".repeat(101) }],
    ["catalog_products_price_range", { price_cents: -1 }],
    ["catalog_products_price_range", { price_cents: 1000000000 }],
    ["catalog_products_tax_rate_range", { tax_rate_bp: 10001 }],
    ["catalog_products_barcodes_valid", { barcodes: [""] }],
    ["catalog_products_barcodes_valid", { barcodes: ["x".repeat(65)] }],
    ["catalog_products_barcodes_valid", { barcodes: Array.from({ length: 33 }, (_, i) => `${i}`) }],
    ["catalog_products_store_id_format", { store_id: "a b" }],
  ];
  for (const [constraint, fields] of bad) {
    const row = {
      store_id: store,
      sku: `S-${crypto.randomUUID()}`,
      name: "n",
      category: "",
      barcodes: [] as string[],
      price_cents: 1,
      tax_rate_bp: 0,
      ...fields,
    };
    const outcome = await sql`
      insert into catalog_products (store_id, sku, name, category, barcodes, price_cents, tax_rate_bp)
      values (${row.store_id}, ${row.sku}, ${row.name}, ${row.category}, ${row.barcodes}::text[],
              ${row.price_cents}, ${row.tax_rate_bp})`.then(
      () => "stored",
      (e) => e.constraint_name,
    );
    assertEquals(outcome, constraint, JSON.stringify(fields).slice(0, 80));
  }
  const [ok] = await sql`
    insert into catalog_products (store_id, sku, name, barcodes, price_cents, tax_rate_bp)
    values (${store}, ${"x".repeat(64)}, ${"x".repeat(200)},
            ${Array.from({ length: 32 }, () => "1".repeat(64))}::text[], 999999999, 10000)
    returning category, active`;
  assertEquals([ok.category, ok.active], ["", true], "the limits themselves, and defaults");
  const duplicate = await putProduct(store, "D").then(() =>
    sql`insert into catalog_products (store_id, sku, name, price_cents)
        values (${store}, 'D', 'again', 1)`
  ).then(() => "stored", (e) => e.constraint_name);
  assertEquals(duplicate, "catalog_products_store_sku_key", "one sku per store");
});

t("row level security: the API roles can neither read nor write the catalog", async () => {
  for (const table of ["catalog_products", "catalog_price_changes"]) {
    const [rls] = await sql`select relrowsecurity from pg_class
                            where oid = ${"public." + table}::regclass`;
    assertEquals(rls.relrowsecurity, true, `${table}: row level security`);
    const [p] = await sql`select count(*)::int as n from pg_policies where tablename = ${table}`;
    assertEquals(p.n, 0, `${table}: no policy`);
  }
  const store = newStore();
  const id = await putProduct(store, "A");
  await schedule(store, id, 1);
  for (const role of ["anon", "authenticated"]) {
    await sql.unsafe(
      `do $$ begin if not exists (select 1 from pg_roles where rolname = '${role}') then ` +
        `create role ${role} nologin; end if; end $$`,
    );
    for (const table of ["catalog_products", "catalog_price_changes"]) {
      // Nothing granted: refused on the table itself.
      const read = await sql.begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        await tx.unsafe(`select count(*) from public.${table}`);
        return "read it";
      }).catch((e) => `${e.code} ${e.message}`);
      assertEquals(read, `42501 permission denied for table ${table}`, `${role} reads ${table}`);
      // Granted, as Supabase's default privileges grant new tables to the API roles: row level
      // security without a policy still shows no row and refuses every write. Rolled back.
      const outcome = await sql.begin(async (tx) => {
        await tx.unsafe(`grant select, insert, update, delete on public.${table} to ${role}`);
        await tx.unsafe(`grant usage on sequence public.catalog_change_seq to ${role}`);
        await tx.unsafe(`set local role ${role}`);
        const [{ n }] = await tx.unsafe(`select count(*)::int as n from public.${table}`);
        const [u] = await tx.unsafe(`with u as (update public.${table} set store_id = store_id
                                     returning 1) select count(*)::int as n from u`);
        const [d] = await tx.unsafe(`with d as (delete from public.${table} returning 1)
                                     select count(*)::int as n from d`);
        const insert = await tx.savepoint((sp) =>
          sp.unsafe(
            table === "catalog_products"
              ? `insert into public.${table} (store_id, product_id, sku, name, price_cents, change_seq)
                 values ('${store}', gen_random_uuid(), 'X', 'x', 1, 1)`
              : `insert into public.${table} (store_id, product_id, price_cents, effective_at,
                 change_seq) values ('${store}', '${id}', 1, now(), 1)`,
          )
        ).then(() => "inserted", (e) => `${e.code} ${e.message.split(" for table")[0]}`);
        throw { rolledBack: [n, u.n, d.n, insert] };
      }).catch((e) => e.rolledBack ?? `${e.code} ${e.message}`);
      assertEquals(
        outcome,
        [0, 0, 0, "42501 new row violates row-level security policy"],
        `${role} with grants on ${table}`,
      );
    }
  }
  const [{ n }] =
    await sql`select count(*)::int as n from catalog_products where store_id = ${store}`;
  assertEquals(n, 1, "still there");
});

t(
  "a store's changes become visible in seq order: a later writer waits for the earlier",
  async () => {
    const store = newStore();
    const other = newStore();
    const lane = await enroll(store, "L1");
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const first = new Promise<void>((resolve) => (inserted = resolve));
    // A holds seq N uncommitted; B of the same store waits for A's commit (else B's N+1 could be
    // read before A's N commits, and a lane past N+1 would never see N).
    const a = sql.begin(async (tx) => {
      const [r] = await tx`insert into catalog_products (store_id, sku, name, price_cents)
                         values (${store}, 'A', 'a', 1) returning change_seq`;
      inserted();
      await gate;
      return Number(r.change_seq);
    });
    await first;
    // (then() sends it now: a query of postgres.js waits to be awaited.)
    const b = sql`insert into catalog_products (store_id, sku, name, price_cents)
                values (${store}, 'B', 'b', 1) returning change_seq`.then((rows) => rows);
    // Another store's writer does not wait.
    await sql`insert into catalog_products (store_id, sku, name, price_cents)
            values (${other}, 'A', 'a', 1)`;
    // B is seen waiting on the store's lock (bounded: a missing lock fails instead of hanging).
    for (let i = 0;; i++) {
      const [{ n }] = await sql`select count(*)::int as n from pg_locks
                                where locktype = 'advisory' and not granted`;
      if (n > 0) break;
      if (i === 1500) {
        release();
        throw new Error("B did not wait for A's lock");
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assertEquals((await changes(lane, { cursor: 0 })).changes.length, 0, "nothing visible yet");
    release();
    const seqA = await a;
    const [{ change_seq }] = await b;
    assert(Number(change_seq) > seqA, `B ${change_seq} after A ${seqA}`);
    assertEquals((await changes(lane, { cursor: 0 })).changes.map((c) => c.seq), [
      seqA,
      Number(change_seq),
    ]);
  },
);

t(
  "tools/cloud-dev catalog-put, price-schedule and catalog: rows the function returns",
  async () => {
    const store = newStore();
    const lane = await enroll(store, "L1");
    const put = (...args: string[]) => cloudDevOk("catalog-put", "--store", store, ...args);
    const given = crypto.randomUUID();
    const milk = await put(
      "--sku",
      "M'1; drop table x",
      "--name",
      'Milk "1 l" :x',
      "--price",
      "129",
    );
    assert(/^[0-9a-f-]{36}$/.test(milk), milk);
    const bread = await put(
      "--sku",
      "B-1",
      "--name",
      "Bread",
      "--price",
      "250",
      "--barcodes",
      "111,222",
      "--category",
      "Bakery",
      "--product-id",
      given,
    );
    assertEquals(bread, given, "the given product id");
    // Upsert by sku: the same product, updated, and now inactive.
    assertEquals(
      await put("--sku", "B-1", "--name", "Bread", "--price", "260", "--inactive", "--tax", "700"),
      given,
      "upsert",
    );
    const change = await cloudDevOk(
      "price-schedule",
      "--store",
      store,
      "--sku",
      "B-1",
      "--price",
      "199",
      "--at",
      "2026-12-24T18:00:00Z",
    );
    const reply = await changes(lane, { cursor: 0 });
    const withoutPriceSetAt = ({ priceSetAt: _, ...rest }: Product) => rest;
    assertEquals(
      reply.changes.map((c) => c.kind === "product" ? withoutPriceSetAt(c.product) : c.price),
      [
        {
          productId: milk,
          sku: "M'1; drop table x",
          name: 'Milk "1 l" :x',
          category: "",
          barcodes: [],
          priceCents: 129,
          taxRateBp: 0,
          active: true,
        },
        {
          productId: given,
          sku: "B-1",
          name: "Bread",
          category: "",
          barcodes: [],
          priceCents: 260,
          taxRateBp: 700,
          active: false,
        },
        {
          changeId: change,
          productId: given,
          priceCents: 199,
          effectiveAt: "2026-12-24T18:00:00.000Z",
        },
      ],
    );
    const listing = await cloudDevOk("catalog", "--store", store);
    for (const text of ["Products", "Scheduled price changes", milk, given, change, "Bread"]) {
      assert(listing.includes(text), `the listing lacks ${text}:\n${listing}`);
    }
    assert((await sql`select 1 from pg_class where relname = 'x'`).length === 0, "no table x");

    // Bad input: a clear error, nothing written.
    const seqBefore = reply.cursor;
    const bad: [string[], string][] = [
      [["catalog-put", "--store", store, "--sku", "Z", "--name", "z", "--price", "-1"], "--price"],
      [["catalog-put", "--store", store, "--sku", "Z", "--name", "z", "--price", "1.5"], "--price"],
      [
        ["catalog-put", "--store", store, "--sku", "Z", "--name", "z", "--price", "1000000000"],
        "--price",
      ],
      [[
        "catalog-put",
        "--store",
        store,
        "--sku",
        "Z",
        "--name",
        "z",
        "--price",
        "1",
        "--tax",
        "10001",
      ], "--tax"],
      [["catalog-put", "--store", store, "--sku", "Z", "--price", "1"], "--name"],
      [["catalog-put", "--store", store, "--name", "z", "--price", "1"], "--sku"],
      [["catalog-put", "--store", "a b", "--sku", "Z", "--name", "z", "--price", "1"], "--store"],
      [[
        "catalog-put",
        "--store",
        store,
        "--sku",
        "Z",
        "--name",
        "z",
        "--price",
        "1",
        "--barcodes",
        "1,,2",
      ], "--barcodes"],
      [[
        "catalog-put",
        "--store",
        store,
        "--sku",
        "Z",
        "--name",
        "z",
        "--price",
        "1",
        "--product-id",
        "x",
      ], "UUID"],
      [[
        "catalog-put",
        "--store",
        store,
        "--sku",
        "B-1",
        "--name",
        "z",
        "--price",
        "1",
        "--product-id",
        milk,
      ], "sku B-1 is product"],
      [[
        "catalog-put",
        "--store",
        store,
        "--sku",
        "Z",
        "--name",
        "z",
        "--price",
        "1",
        "--product-id",
        milk,
      ], "has sku"],
      [["catalog-put", "--store", store, "--sku", "Z", "--name", "z", "--price"], "needs a value"],
      [[
        "catalog-put",
        "--store",
        store,
        "--sku",
        "Z",
        "--name",
        "z",
        "--price",
        "1",
        "--colour",
        "red",
      ], "unknown argument"],
      [
        ["price-schedule", "--store", store, "--sku", "B-1", "--price", "1", "--at", "tomorrow"],
        "--at",
      ],
      [[
        "price-schedule",
        "--store",
        store,
        "--sku",
        "B-1",
        "--price",
        "1",
        "--at",
        "2026-13-01T00:00:00Z",
      ], "--at"],
      [[
        "price-schedule",
        "--store",
        store,
        "--sku",
        "B-1",
        "--price",
        "1",
        "--at",
        "2026-12-01T00:00:00",
      ], "--at"],
      [[
        "price-schedule",
        "--store",
        store,
        "--sku",
        "NOPE",
        "--price",
        "1",
        "--at",
        "2026-12-01T00:00:00Z",
      ], "no product with sku NOPE"],
      [["catalog"], "--store"],
    ];
    for (const [args, message] of bad) {
      const r = await cloudDev(...args);
      assert(!r.ok, `${args.join(" ")} succeeded`);
      assert(r.err.includes(message), `${args.join(" ")}: ${r.err}`);
    }
    const after = await changes(lane, { cursor: seqBefore });
    assertEquals(after.changes.length, 0, "nothing written by the refused commands");
  },
);

t("served by tools/cloud-dev under Supabase's path beside sync-pos-message", async () => {
  const base = Deno.env.get("SUPABASE_URL");
  assert(base, "SUPABASE_URL is not set: run this through tools/cloud-dev");
  const store = newStore();
  const lane = await enroll(store, "L1");
  const id = await putProduct(store, "A");
  const res = await fetch(`${base}/functions/v1/catalog-changes`, {
    method: "POST",
    headers: { authorization: `Bearer ${lane}`, "content-type": "application/json" },
    body: JSON.stringify({ storeId: store, terminalId: "L1", cursor: 0, limit: 500 }),
  });
  assertEquals(res.status, 200, "status");
  assertEquals(res.headers.get("content-type"), "application/json", "content type");
  const reply = await res.json();
  assertEquals(reply.changes.map((c: Change) => c.kind === "product" && c.product.productId), [id]);
  const sync = await fetch(`${base}/functions/v1/sync-pos-message`, {
    method: "POST",
    headers: { authorization: `Bearer ${lane}` },
    body: "[]",
  });
  assertEquals([sync.status, (await sync.json()).error], [400, "empty batch"], "sync-pos-message");
  const nothing = await fetch(`${base}/functions/v1/nothing`, { method: "POST" });
  assertEquals(nothing.status, 404, "another path");
  await nothing.body?.cancel();
  // route() as the function is served on its own.
  const routed = route(handler);
  const own = await routed(new Request("http://local/catalog-changes", { method: "GET" }));
  assertEquals(own.status, 405, "its own path");
  await own.body?.cancel();
  const elsewhere = await routed(new Request("http://local/functions/v1/sync-pos-message"));
  assertEquals(elsewhere.status, 404, "another function's path");
  await elsewhere.body?.cancel();
});

t("the database down is 503", async () => {
  const dead = postgres("postgresql://postgres@127.0.0.1:1/postgres", {
    connect_timeout: 2,
    max: 1,
  });
  const down = createHandler({ sql: dead, serviceKey: KEY });
  const lane = await enroll(newStore(), "L1");
  for (const key of [lane, KEY]) {
    const res = await down(
      new Request("http://local/", {
        method: "POST",
        headers: { authorization: `Bearer ${key}` },
        body: JSON.stringify({ cursor: 0 }),
      }),
    );
    assertEquals(res.status, 503, "status");
    assertEquals(res.headers.get("retry-after"), "5", "retry-after");
    await res.body?.cancel();
  }
  await dead.end();
});

t("no credential and not the service key in anything the function logged", () => {
  assert(logged.some((l) => l.includes("catalog-changes: revoked lane")), "the revoked lane");
  for (const secret of secrets) {
    const [, , s] = CREDENTIAL.exec(secret) ?? [null, null, secret];
    for (const line of logged) assert(!line.includes(s!), `logged: ${line}`);
  }
  return Promise.resolve();
});

t("close the pool", async () => {
  await sql.end();
});
