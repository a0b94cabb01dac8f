// deno test for sync-pos-message, against the real PostgreSQL that tools/cloud-dev starts
// (SUPABASE_DB_URL): lane credentials (enrolled and revoked with tools/cloud-dev itself),
// validation, batch limits, idempotency and every status code.
import postgres from "postgres";
import { createClient } from "@supabase/supabase-js";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import {
  bytesEqual,
  createHandler,
  CREDENTIAL,
  keysMatch,
  MAX_BATCH,
  route,
  validateMessage,
} from "./index.ts";
import { captureConsole, requireDbUrl } from "../_shared/test_support.ts";
// The protocol's JSON Schemas, with the same Ajv set-up as the lane's own schema test.
import { createValidator } from "../../../tests/schemas/protocolvalidator.mjs";

const dbUrl = requireDbUrl();
// Everything the function logs during the suite, checked at the end for secrets.
const logged = captureConsole();

const sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
const KEY = "test-service-key-0123456789";
const handler = createHandler({ sql, serviceKey: KEY, maxBatch: 20, maxBodyBytes: 64 * 1024 });

// Lane credentials come from the real tool, as a store gets them.
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
// Every credential handed out, for the check that none was ever logged or answered.
const secrets: string[] = [KEY];
async function enroll(store: string, terminal: string, replace = false): Promise<string> {
  const r = await cloudDev(
    "enroll",
    "--store",
    store,
    "--terminal",
    terminal,
    ...(replace ? ["--replace"] : []),
  );
  if (!r.ok) throw new Error(`cloud-dev enroll ${store}:${terminal} failed: ${r.err}`);
  secrets.push(r.out);
  return r.out;
}
async function revoke(store: string, terminal: string): Promise<void> {
  const r = await cloudDev("revoke", "--store", store, "--terminal", terminal);
  if (!r.ok) throw new Error(`cloud-dev revoke ${store}:${terminal} failed: ${r.err}`);
}

function assert(cond: unknown, message = "assertion failed"): asserts cond {
  if (!cond) throw new Error(message);
}
function assertEquals<T>(actual: T, expected: T, what = "value") {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

const schemaDir = new URL("../../../protocol/schemas/", import.meta.url);
const schemas = [];
for await (const entry of Deno.readDir(schemaDir)) {
  if (entry.name.endsWith(".schema.json")) {
    schemas.push(JSON.parse(await Deno.readTextFile(new URL(entry.name, schemaDir))));
  }
}
const checkSchema: (schema: string, instance: unknown) => string | null = createValidator(
  Ajv2020,
  addFormats,
  schemas,
);

// A body this suite sends as a lane would: it must match protocol/schemas/cloud-message.schema.json
// (each message; data by its topic's schema).
function conforming<T>(body: T): T {
  for (const m of Array.isArray(body) ? body : [body]) {
    const errors = checkSchema("cloud-message.schema.json", m);
    if (errors !== null) {
      throw new Error(`${JSON.stringify(m).slice(0, 200)} does not match the schema: ${errors}`);
    }
  }
  return body;
}

const newStore = () => `test-${crypto.randomUUID().slice(0, 8)}`;
const store = newStore();
// The lane most tests post as: L1 of store.
const LANE = await enroll(store, "L1");

function message(overrides: Record<string, unknown> = {}) {
  return {
    messageId: crypto.randomUUID(),
    storeId: store,
    terminalId: "L1",
    topic: "customer",
    data: {
      id: crypto.randomUUID(),
      name: "Ada",
      createdAt: "2026-11-25T09:59:00.000Z",
      updatedAt: "2026-11-25T09:59:00.000Z",
    },
    timestamp: "2026-11-25T10:00:00.123Z",
    peerAckedAt: "2026-11-25T10:00:01Z",
    ...overrides,
  };
}

// A sale as a lane writes it: two lines (2 and 3 units), paid by card.
function sale() {
  const transactionId = crypto.randomUUID();
  const line = (lineNo: number, quantity: number, taxCents: number) => ({
    lineNo,
    productId: crypto.randomUUID(),
    sku: `SKU-${lineNo}`,
    name: `Product ${lineNo}`,
    quantity,
    unitPriceCents: 200,
    discountCents: 0,
    taxRateBp: 800,
    taxCents,
    totalCents: 200 * quantity + taxCents,
  });
  const lines = [line(1, 2, 32), line(2, 3, 48)];
  return message({
    topic: "transaction",
    data: {
      transactionId,
      receiptNumber: "L1-000042",
      terminalId: "L1",
      employeeId: crypto.randomUUID(),
      subtotalCents: 1000,
      discountCents: 0,
      taxCents: 80,
      totalCents: 1080,
      paidCents: 1080,
      changeCents: 0,
      status: "completed",
      createdAt: "2026-11-25T09:59:59.500Z",
      hlcTime: "2026-11-25T09:59:59.500Z",
      hlcCounter: 0,
      lines,
      payments: [
        { paymentNo: 1, method: "card", amountCents: 1080, tenderedCents: 1080, changeCents: 0 },
      ],
      stockChanges: lines.map((l) => ({ productId: l.productId, delta: -l.quantity })),
    },
  });
}

function post(body: unknown, key = LANE, raw?: string): Promise<Response> {
  return handler(
    new Request("http://local/functions/v1/sync-pos-message", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: raw ?? JSON.stringify(body),
    }),
  );
}

async function rowsFor(ids: string[]): Promise<number> {
  const [{ n }] =
    await sql`select count(*)::int as n from pos_messages where message_id = any(${ids}::uuid[])`;
  return n;
}

const t = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, fn, sanitizeOps: false, sanitizeResources: false });

t("a batch is stored once and answered per message", async () => {
  const batch = conforming([message(), message(), sale()]);
  const res = await post(batch);
  assertEquals(res.status, 200, "status");
  const body = await res.json();
  assertEquals([body.stored, body.duplicate, body.rejected], [3, 0, 0], "counts");
  assertEquals(body.results.map((r: { status: string }) => r.status), [
    "stored",
    "stored",
    "stored",
  ]);
  assertEquals(await rowsFor(batch.map((m) => m.messageId)), 3, "rows");

  const again = await (await post(batch)).json();
  assertEquals([again.stored, again.duplicate], [0, 3], "second time");
  assertEquals(await rowsFor(batch.map((m) => m.messageId)), 3, "rows after the repeat");
});

t("the same message twice in one batch is stored once", async () => {
  const m = conforming(message());
  const body = await (await post([m, m])).json();
  assertEquals(body.results.map((r: { status: string }) => r.status), ["stored", "duplicate"]);
  assertEquals(await rowsFor([m.messageId]), 1, "rows");
});

t("a transaction fills pos_sales", async () => {
  const s = conforming(sale());
  assertEquals((await post(s)).status, 200, "status");
  const rows = await sql`select * from pos_sales where message_id = ${s.messageId}`;
  assertEquals(rows.length, 1, "sales rows");
  const r = rows[0];
  assertEquals(
    [r.store_id, r.terminal_id, Number(r.total_cents), Number(r.tax_cents), r.line_count],
    [store, "L1", 1080, 80, 2],
  );
  assertEquals(Number(r.item_count), 5, "items");
  assertEquals(r.sold_at.toISOString(), "2026-11-25T09:59:59.500Z", "sold at");
});

t("an acceptance of a held message is stored like any message", async () => {
  const m = message({
    topic: "held.accepted",
    data: {
      messageId: crypto.randomUUID(),
      origin: "L2",
      topic: "inventory",
      hlcTime: "2026-11-25T10:00:02.000Z",
      hlcCounter: 0,
      reason: "manager",
      acceptedAt: "2026-11-25T10:00:02.000Z",
      acceptedBy: crypto.randomUUID(),
    },
  });
  const body = await (await post(conforming(m))).json();
  assertEquals(body.results.map((r: { status: string }) => r.status), ["stored"]);
  const [r] = await sql`select topic from pos_messages where message_id = ${m.messageId}`;
  assertEquals(r.topic, "held.accepted");
});

t(
  "without storeId a lane's message goes to the lane's store; with the service key to store-1",
  async () => {
    const m = message();
    delete (m as Record<string, unknown>).storeId;
    assertEquals((await post(conforming(m))).status, 200, "status");
    const [r] = await sql`select store_id from pos_messages where message_id = ${m.messageId}`;
    assertEquals(r.store_id, store);

    const seedOnly = message();
    delete (seedOnly as Record<string, unknown>).storeId;
    assertEquals((await post(conforming(seedOnly), KEY)).status, 200, "status with the key");
    const [s] =
      await sql`select store_id from pos_messages where message_id = ${seedOnly.messageId}`;
    assertEquals(s.store_id, "store-1");
  },
);

const invalid: [string, Record<string, unknown>, string][] = [
  ["messageId", { messageId: "not-a-uuid" }, "messageId"],
  ["terminalId", { terminalId: "" }, "terminalId"],
  ["terminalId spaces", { terminalId: "L 1" }, "terminalId"],
  ["topic", { topic: "payroll" }, "unknown topic"],
  ["data array", { data: [1, 2] }, "data"],
  ["data null", { data: null }, "data"],
  ["timestamp", { timestamp: "yesterday" }, "timestamp"],
  ["timestamp offset", { timestamp: "2026-11-25T10:00:00+01:00" }, "timestamp"],
  ["timestamp impossible", { timestamp: "2026-13-45T10:00:00Z" }, "timestamp"],
  ["peerAckedAt", { peerAckedAt: 5 }, "peerAckedAt"],
  ["storeId", { storeId: "a/b" }, "storeId"],
  ["NUL in data", { data: { name: "a\u0000b" } }, "NUL"],
  ["transaction without id", { topic: "transaction", data: { totalCents: 1 } }, "transactionId"],
  [
    "transaction with fractional cents",
    { topic: "transaction", data: { ...sale().data, totalCents: 10.5 } },
    "totalCents",
  ],
  [
    "transaction line without quantity",
    { topic: "transaction", data: { ...sale().data, lines: [{}] } },
    "quantity",
  ],
];

for (const [name, overrides, reason] of invalid) {
  t(`rejects a bad ${name} and still stores the rest of the batch`, async () => {
    const good = conforming(message());
    const bad = message(overrides);
    // What the function refuses, the schema refuses too.
    assert(checkSchema("cloud-message.schema.json", bad) !== null, "the schema takes it");
    const res = await post([good, bad]);
    assertEquals(res.status, 200, "status");
    const body = await res.json();
    assertEquals(body.results[0].status, "stored", "good one");
    assertEquals(body.results[1].status, "rejected", "bad one");
    assert(body.results[1].reason.includes(reason), `reason ${body.results[1].reason}`);
    const ids = [good.messageId];
    if (typeof bad.messageId === "string" && bad.messageId.length === 36) ids.push(bad.messageId);
    assertEquals(await rowsFor(ids), 1, "rows");
  });
}

t("a row the database refuses does not hold back the rest of its batch", async () => {
  // Passes the format check, but there is no 30 February: PostgreSQL refuses the cast.
  const bad = message({ timestamp: "2026-02-30T10:00:00Z" });
  const good = conforming([message(), sale()]);
  assert(checkSchema("cloud-message.schema.json", bad) !== null, "the schema takes 30 February");
  const body = await (await post([good[0], bad, good[1]])).json();
  assertEquals(body.results.map((r: { status: string }) => r.status), [
    "stored",
    "rejected",
    "stored",
  ]);
  assert(body.results[1].reason.startsWith("database refused it"), body.results[1].reason);
  assertEquals(await rowsFor([...good.map((m) => m.messageId), bad.messageId]), 2, "rows");
});

t("a single rejected body is a 422", async () => {
  const res = await post(message({ topic: "nope" }));
  assertEquals(res.status, 422, "status");
  assertEquals((await res.json()).status, "rejected");
});

t("the schemas refuse what lanes do not send: an employee's PIN hash, unknown members", () => {
  const employee = {
    id: crypto.randomUUID(),
    name: "Eve",
    role: "cashier",
    active: true,
    discountLimitBp: 0,
    updatedAt: "2026-11-25T10:00:00.000Z",
  };
  conforming(message({ topic: "employee", data: employee }));
  const withPin = message({
    topic: "employee",
    data: { ...employee, pinHash: "$argon2id$v=19$x" },
  });
  assert(checkSchema("cloud-message.schema.json", withPin) !== null, "pinHash goes to the cloud");
  const data: Record<string, unknown> = { ...sale().data };
  for (let i = 0; i < 17; i++) data[`future${i}`] = i;
  const wide = checkSchema("cloud-message.schema.json", message({ topic: "transaction", data }));
  assert(wide?.includes("x-maxUnknownMembers"), `17 unknown members: ${wide}`);
  return Promise.resolve();
});

t("wrong method is 405", async () => {
  for (const method of ["GET", "PUT", "DELETE"]) {
    const res = await handler(new Request("http://local/x", { method }));
    assertEquals(res.status, 405, method);
    assertEquals(res.headers.get("allow"), "POST");
    await res.body?.cancel();
  }
});

t(
  "missing, wrong, malformed or unknown credentials are 401, store nothing, echo nothing",
  async () => {
    const m = message();
    const [, laneId, secret] = CREDENTIAL.exec(LANE)!;
    const other = await enroll(newStore(), "L1");
    const flip = (c: string) => c.slice(0, -1) + (c.endsWith("A") ? "B" : "A");
    const keys = [
      "",
      "wrong",
      KEY + "x",
      KEY.slice(0, -1),
      "elc1.",
      "elc1.x.y",
      LANE + "x",
      LANE.slice(0, -1),
      flip(LANE), // the right lane, a wrong secret
      `elc1.${laneId.toUpperCase()}.${secret}`,
      `elc1.${crypto.randomUUID()}.${secret}`, // unknown lane, a well-formed secret
      `elc1.${laneId}.${CREDENTIAL.exec(other)![2]}`, // another lane's secret
      `elc2.${laneId}.${secret}`,
    ];
    for (const key of keys) {
      const res = await post([m], key);
      assertEquals(res.status, 401, `key ${key}`);
      const text = await res.text();
      assert(JSON.parse(text).error.length > 0, "says why");
      if (key.length > 8) assert(!text.includes(key), `the answer repeats ${key}`);
      assert(!text.includes(secret), "the answer repeats the secret");
    }
    const res = await handler(
      new Request("http://local/", { method: "POST", body: JSON.stringify([m]) }),
    );
    assertEquals(res.status, 401, "no header");
    await res.body?.cancel();
    assertEquals(await rowsFor([m.messageId]), 0, "rows");
  },
);

t("malformed bodies are 400 and store nothing", async () => {
  for (const raw of ["", "{", "null", "42", '"text"', "[]", "\xff"]) {
    const res = await post(null, KEY, raw);
    assertEquals(res.status, 400, `body ${JSON.stringify(raw)}`);
    await res.body?.cancel();
  }
});

t("too large is 413 and stores nothing", async () => {
  const many = Array.from({ length: 21 }, () => message());
  const res = await post(many);
  assertEquals(res.status, 413, "batch over the limit");
  await res.body?.cancel();
  assertEquals(await rowsFor(many.map((m) => m.messageId)), 0, "rows");

  const big = message({ data: { blob: "x".repeat(70 * 1024) } });
  const res2 = await post([big]);
  assertEquals(res2.status, 413, "bytes over the limit");
  await res2.body?.cancel();
  assertEquals(await rowsFor([big.messageId]), 0, "rows");
});

t("the database down is 503 and the lane retries the whole batch", async () => {
  const dead = postgres("postgresql://postgres@127.0.0.1:1/postgres", {
    connect_timeout: 2,
    max: 1,
  });
  const down = createHandler({ sql: dead, serviceKey: KEY });
  // A lane's credential cannot be checked; the service key can, then the insert fails.
  for (const key of [LANE, KEY]) {
    const res = await down(
      new Request("http://local/", {
        method: "POST",
        headers: { authorization: `Bearer ${key}` },
        body: JSON.stringify([message()]),
      }),
    );
    assertEquals(res.status, 503, "status");
    await res.body?.cancel();
  }
  await dead.end();
});

t("keys are compared by digest", async () => {
  assert(await keysMatch("abc", "abc"));
  assert(!(await keysMatch("abd", "abc")));
  assert(!(await keysMatch("", "")), "an empty configured key never matches");
  assert(!(await keysMatch("abc", "abcd")));
  assert(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])));
  assert(!bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
  assert(!bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0])));
  assert(!bytesEqual(new Uint8Array([]), new Uint8Array([0])));
});

t("validation keeps the seed's fields", () => {
  const v = validateMessage(message({ peerAckedAt: null }));
  assert("row" in v);
  assertEquals(v.row.peer_acked_at, null);
  assertEquals(MAX_BATCH, 500, "documented batch limit");
  return Promise.resolve();
});

t("over HTTP under Supabase's path, and through supabase-js functions.invoke", async () => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, route(handler));
  const base = `http://127.0.0.1:${server.addr.port}`;
  try {
    const m = conforming(message());
    const res = await fetch(`${base}/functions/v1/sync-pos-message`, {
      method: "POST",
      headers: { authorization: `Bearer ${LANE}` },
      body: JSON.stringify([m]),
    });
    assertEquals(res.status, 200, "status");
    assertEquals((await res.json()).stored, 1, "stored");
    const other = await fetch(`${base}/functions/v1/something-else`, { method: "POST" });
    assertEquals(other.status, 404, "other path");
    await other.body?.cancel();

    // The project's public anon key as apikey, the lane's credential as the Bearer.
    const supabase = createClient(base, "public-anon-key", { auth: { persistSession: false } });
    const headers = { Authorization: `Bearer ${LANE}` };
    const s = conforming(sale());
    const { data, error } = await supabase.functions.invoke("sync-pos-message", {
      body: [s],
      headers,
    });
    assertEquals(error, null, "invoke error");
    assertEquals(data.results[0].status, "stored", "invoke result");
    const again = await supabase.functions.invoke("sync-pos-message", { body: s, headers });
    assertEquals(again.data.status, "duplicate", "single body through invoke");
    const wrong = await supabase.functions.invoke("sync-pos-message", { body: [message()] });
    assert(wrong.error, "a wrong key is an error for the client");
    assertEquals(wrong.error.context.status, 401, "status through the client");
    await wrong.error.context.body?.cancel();
    assertEquals(await rowsFor([m.messageId, s.messageId]), 2, "rows");
  } finally {
    await server.shutdown();
  }
});

t(
  "a lane of one store cannot write another store's rows: the body is refused, nothing stored",
  async () => {
    const storeB = newStore();
    await enroll(storeB, "L1");
    const good = conforming(message());
    const intruder = conforming(message({ storeId: storeB }));
    for (const body of [[intruder], [good, intruder], intruder]) {
      const res = await post(body);
      assertEquals(res.status, 403, "status");
      const text = await res.text();
      assert(JSON.parse(text).error.includes("another store"), text);
      assert(!text.includes(LANE), "the answer repeats the credential");
    }
    assertEquals(await rowsFor([good.messageId, intruder.messageId]), 0, "rows");
    const [{ n }] =
      await sql`select count(*)::int as n from pos_messages where store_id = ${storeB}`;
    assertEquals(n, 0, "rows of the other store");
    // Its own store named explicitly is fine; the row records which lane uploaded it.
    assertEquals((await post([good])).status, 200, "own store");
    const [r] = await sql`select store_id, uploaded_by::text from pos_messages
                        where message_id = ${good.messageId}`;
    assertEquals([r.store_id, r.uploaded_by], [store, CREDENTIAL.exec(LANE)![1]]);
  },
);

t(
  "a relayed message is stored only when its origin is a lane of the credential's store",
  async () => {
    const storeA = newStore();
    const storeB = newStore();
    const l1 = await enroll(storeA, "L1");
    await enroll(storeA, "L2");
    await enroll(storeB, "L9"); // a lane, but of another store
    const own = conforming(message({ storeId: storeA }));
    const fromL2 = conforming(message({ storeId: storeA, terminalId: "L2" }));
    const fromL9 = conforming(message({ storeId: storeA, terminalId: "L9" }));
    const fromL7 = conforming(message({ storeId: storeA, terminalId: "L7" }));
    const res = await post([own, fromL2, fromL9, fromL7], l1);
    assertEquals(res.status, 200, "status");
    const body = await res.json();
    assertEquals(body.results.map((r: { status: string }) => r.status), [
      "stored",
      "stored",
      "rejected",
      "rejected",
    ]);
    assert(body.results[2].reason.includes(`L9 is not a lane of store ${storeA}`), "reason");
    assertEquals(await rowsFor([own.messageId, fromL2.messageId]), 2, "rows");
    assertEquals(await rowsFor([fromL9.messageId, fromL7.messageId]), 0, "refused rows");
    // Alone, it is the single body's 422.
    const single = await post(fromL9, l1);
    assertEquals(single.status, 422, "single body");
    await single.body?.cancel();
    // Once L9 is enrolled in this store, the lane's retry stores it; a retired (revoked) lane
    // stays a lane of its store, so its last sales still arrive through its peers.
    await enroll(storeA, "L9");
    await revoke(storeA, "L9");
    const retry = await (await post([fromL9], l1)).json();
    assertEquals(retry.results[0].status, "stored", "after enrolling");
    const [r] = await sql`select store_id, terminal_id from pos_messages
                        where message_id = ${fromL9.messageId}`;
    assertEquals([r.store_id, r.terminal_id], [storeA, "L9"]);
  },
);

t("a revoked lane is refused from its next request on, and a replacement works", async () => {
  const s = newStore();
  const first = await enroll(s, "L1");
  const m1 = conforming(message({ storeId: s }));
  assertEquals((await post([m1], first)).status, 200, "before");
  const duplicate = await enroll(s, "L1").catch((e) => e as Error);
  assert(duplicate instanceof Error, "a second active credential for L1 is refused");
  await revoke(s, "L1");
  const m2 = conforming(message({ storeId: s }));
  const res = await post([m2], first);
  assertEquals(res.status, 401, "revoked");
  assertEquals((await res.json()).error, "lane credential revoked");
  assertEquals(await rowsFor([m2.messageId]), 0, "rows");
  const second = await enroll(s, "L1");
  assertEquals((await post([m2], second)).status, 200, "the new credential");
  // --replace revokes the old one in the same step.
  const third = await enroll(s, "L1", true);
  const m3 = conforming(message({ storeId: s }));
  const old = await post([m3], second);
  assertEquals(old.status, 401, "replaced");
  await old.body?.cancel();
  assertEquals((await post([m3], third)).status, 200, "the replacement");
  assertEquals(await rowsFor([m1.messageId, m2.messageId, m3.messageId]), 3, "rows");
  const again = await cloudDev("revoke", "--store", s, "--terminal", "L9");
  assert(!again.ok && again.err.includes("no active credential"), again.err);
});

t(
  "the service-role key still works, trusting the body's store, for lanes that opt in",
  async () => {
    const other = newStore();
    const m = conforming(message({ storeId: other, terminalId: "L5" }));
    const res = await post([m], KEY);
    assertEquals(res.status, 200, "status");
    assertEquals((await res.json()).stored, 1, "stored");
    const [r] = await sql`select store_id, terminal_id, uploaded_by from pos_messages
                        where message_id = ${m.messageId}`;
    assertEquals([r.store_id, r.terminal_id, r.uploaded_by], [other, "L5", null]);
  },
);

t(
  "the registry: credentials well formed, only hashes stored, closed to the API roles",
  async () => {
    const [, laneId, secret] = CREDENTIAL.exec(LANE)!;
    const raw = atob(secret.replaceAll("-", "+").replaceAll("_", "/") + "=");
    assertEquals(raw.length, 32, "secret bytes");
    const [row] = await sql`select encode(secret_sha256, 'hex') as h, active, revoked_at
                          from pos_lanes where lane_id = ${laneId}::uuid`;
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)),
    );
    assertEquals(row.h, Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
    assertEquals([row.active, row.revoked_at], [true, null]);
    const [{ n }] = await sql`select count(*)::int as n from pos_lanes l
                            where l::text like ${"%" + secret + "%"}`;
    assertEquals(n, 0, "the secret itself is nowhere");
    const [rls] =
      await sql`select relrowsecurity from pg_class where oid = 'public.pos_lanes'::regclass`;
    assertEquals(rls.relrowsecurity, true, "row level security");
    const [p] = await sql`select count(*)::int as n from pg_policies where tablename = 'pos_lanes'`;
    assertEquals(p.n, 0, "no policy");
    // Supabase's API roles (created here as Supabase has them) cannot read it.
    for (const role of ["anon", "authenticated"]) {
      await sql.unsafe(
        `do $$ begin if not exists (select 1 from pg_roles where rolname = '${role}') then ` +
          `create role ${role} nologin; end if; end $$`,
      );
      const outcome = await sql.begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        await tx`select count(*) from public.pos_lanes`;
        return "read it";
      }).catch((e) => `${e.code} ${e.message}`);
      // insufficient_privilege on the table itself (not a role that failed to exist)
      assertEquals(outcome, "42501 permission denied for table pos_lanes", role);
    }
  },
);

t(
  "a message id another store holds is not reported as this store's duplicate",
  async () => {
    const storeB = newStore();
    const laneB = await enroll(storeB, "L1");
    const theirs = conforming(message({ storeId: storeB }));
    assertEquals((await post([theirs], laneB)).status, 200, "store B stores its message");
    // A lane of this store sends the same id: refused, not "duplicate", B's row untouched.
    const copy = conforming(message({ messageId: theirs.messageId }));
    const res = await post([copy]);
    assertEquals(res.status, 200, "status");
    const body = await res.json();
    assertEquals(body.results[0].status, "rejected", JSON.stringify(body));
    assert(body.results[0].reason.includes("taken"), JSON.stringify(body));
    const [r] = await sql`select store_id from pos_messages where message_id = ${theirs.messageId}`;
    assertEquals(r.store_id, storeB, "the row stays store B's");
    // B sending it again is its own duplicate.
    const again = await (await post([theirs], laneB)).json();
    assertEquals(again.results[0].status, "duplicate");
  },
);

t("no credential and not the service key in anything the function logged", () => {
  assert(logged.some((l) => l.includes("revoked lane")), "the revoked lane was logged");
  for (const secret of secrets) {
    const [, , s] = CREDENTIAL.exec(secret) ?? [null, null, secret];
    for (const line of logged) assert(!line.includes(s!), `logged: ${line}`);
  }
  return Promise.resolve();
});

t("close the pool", async () => {
  await sql.end();
});
