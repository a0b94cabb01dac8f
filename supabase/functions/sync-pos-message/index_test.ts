// deno test for sync-pos-message, against the real PostgreSQL that tools/cloud-dev starts
// (SUPABASE_DB_URL): lane credentials (enrolled and revoked with tools/cloud-dev itself),
// validation, batch limits, idempotency and every status code; shifts, Z reports and the
// daily sales view.
import postgres from "postgres";
import { createClient } from "@supabase/supabase-js";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import {
  bytesEqual,
  createHandler,
  CREDENTIAL,
  gunzipCapped,
  keysMatch,
  MAX_BATCH,
  route,
  validateMessage,
} from "./index.ts";
import { captureConsole, requireDbUrl } from "../_shared/test_support.ts";
// The protocol's JSON Schemas, with the same Ajv set-up as the lane's own schema test.
import { createValidator } from "../../../tests/schemas/protocolvalidator.mjs";
// Shift and Z report payloads, the same as the schema examples (tests/schemas/examples.mjs).
import {
  shift as exampleShift,
  totals as exampleTotals,
  zReport as exampleZ,
} from "../../../tests/schemas/examples.mjs";

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

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function postBytes(body: Uint8Array<ArrayBuffer>, encoding?: string): Promise<Response> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${LANE}`,
    "content-type": "application/json",
  };
  if (encoding) headers["content-encoding"] = encoding;
  return handler(
    new Request("http://local/functions/v1/sync-pos-message", { method: "POST", headers, body }),
  );
}

const utf8 = (text: string) => new TextEncoder().encode(text);

t("a gzip body is inflated and stored like a plain one", async () => {
  const batch = conforming([message(), sale()]);
  const gz = await gzip(utf8(JSON.stringify(batch)));
  assert(gz[0] === 0x1f && gz[1] === 0x8b, "a gzip member");
  const res = await postBytes(gz, "gzip");
  assertEquals(res.status, 200, "status");
  const body = await res.json();
  assertEquals([body.stored, body.duplicate, body.rejected], [2, 0, 0], "counts");
  assertEquals(await rowsFor(batch.map((m) => m.messageId)), 2, "rows");
  // The per-message checks hold inside a gzip body too.
  const bad = message({ timestamp: "2026-11-25 10:00" });
  const res2 = await postBytes(await gzip(utf8(JSON.stringify([bad, message()]))), "GZip");
  const body2 = await res2.json();
  assertEquals([body2.stored, body2.rejected], [1, 1], "one rejected, one stored");
  assertEquals(body2.results[0].reason, "timestamp must be an ISO 8601 UTC time", "reason");
});

t("an identity body, named or not, is still taken", async () => {
  for (const encoding of [undefined, "identity"]) {
    const batch = [message()];
    const res = await postBytes(utf8(JSON.stringify(batch)), encoding);
    assertEquals(res.status, 200, `status with ${encoding}`);
    assertEquals((await res.json()).stored, 1, `stored with ${encoding}`);
  }
});

t("a corrupt gzip body is 400 and stores nothing", async () => {
  const batch = [message()];
  const good = await gzip(utf8(JSON.stringify(batch)));
  const flipped = good.slice();
  for (let i = 12; i < flipped.length - 8; i++) flipped[i] ^= 0x5a;
  const bodies = [flipped, good.slice(0, good.length - 6), utf8(JSON.stringify(batch))];
  for (const [i, body] of bodies.entries()) {
    const res = await postBytes(body, "gzip");
    assertEquals(res.status, 400, `corrupt body ${i}`);
    assertEquals((await res.json()).error, "body is not valid gzip", `message ${i}`);
  }
  assertEquals(await rowsFor([batch[0].messageId]), 0, "rows");
});

t("an unknown Content-Encoding is 415", async () => {
  const res = await postBytes(utf8(JSON.stringify([message()])), "br");
  assertEquals(res.status, 415, "status");
  await res.body?.cancel();
});

t("a gzip bomb is 413, refused at the cap without inflating all of it", async () => {
  // 64 MiB of zeros in about 64 KiB: the handler's cap here is 64 KiB of JSON.
  const bomb = await gzip(new Uint8Array(64 * 1024 * 1024));
  assert(bomb.length < 64 * 1024, `bomb of ${bomb.length} bytes fits the wire limit`);
  const res = await postBytes(bomb, "gzip");
  assertEquals(res.status, 413, "status");
  assertEquals((await res.json()).error, "body larger than 65536 bytes", "message");
  // The inflater stops within one slice of the cap (8 KiB in, at most ~8 MiB out), far short of
  // the 64 MiB it holds.
  const capped = await gunzipCapped(bomb, 64 * 1024);
  assert("tooLarge" in capped, "too large");
  assert(capped.inflated < 16 * 1024 * 1024, `stopped after ${capped.inflated} bytes`);
  // A body just under the cap inflates whole.
  const fits = await gunzipCapped(await gzip(new Uint8Array(64 * 1024)), 64 * 1024);
  assert("bytes" in fits && fits.bytes.length === 64 * 1024, "64 KiB fits");
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

// Shifts and Z reports (topics shift, z.report), with the payloads of the schema examples.
type Json = Record<string, unknown>;
function shiftMessage(storeId: string, overrides: Json = {}) {
  return message({
    storeId,
    topic: "shift",
    data: exampleShift({ shiftId: crypto.randomUUID(), ...overrides }),
  });
}
function zMessage(storeId: string, overrides: Json = {}) {
  return message({
    storeId,
    topic: "z.report",
    data: exampleZ({ zId: crypto.randomUUID(), ...overrides }),
  });
}
// jsonb keeps its own key order: compare JSON values with their keys sorted.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value).sort().map((k) => [k, canonical((value as Json)[k])]),
  );
}
const statuses = (body: { results: { status: string }[] }) => body.results.map((r) => r.status);

t("a shift and a Z report are stored once and fill pos_shifts and pos_z_reports", async () => {
  const s = newStore();
  const shift = conforming(shiftMessage(s));
  const data = shift.data as Json;
  const z = conforming(zMessage(s, { shiftIds: [data.shiftId] }));
  const body = await (await post([shift, z], KEY)).json();
  assertEquals(statuses(body), ["stored", "stored"], JSON.stringify(body));
  const [row] = await sql`select * from pos_shifts where shift_id = ${data.shiftId as string}`;
  assertEquals(
    [row.message_id, row.store_id, row.terminal_id, row.opened_by, row.closed_by],
    [shift.messageId, s, "L1", data.openedBy, data.closedBy],
  );
  assertEquals(
    [row.float_cents, row.counted_cents, row.expected_cash_cents, row.over_short_cents].map(Number),
    [10000, 10400, 10444, -44],
  );
  assertEquals(row.opened_at.toISOString(), data.openedAt, "opened at");
  assertEquals(row.closed_at.toISOString(), data.closedAt, "closed at");
  assertEquals(canonical(row.movements), canonical(data.movements), "movements");
  assertEquals(canonical(row.totals), canonical(data.totals), "totals");
  assertEquals(canonical(row.float_counts), canonical(data.floatCounts), "float counts");
  const zData = z.data as Json;
  const [zr] = await sql`select * from pos_z_reports where z_id = ${zData.zId as string}`;
  assertEquals(
    [zr.message_id, zr.store_id, zr.terminal_id, Number(zr.z_number), zr.shift_ids],
    [z.messageId, s, "L1", 1, [data.shiftId]],
  );
  assertEquals(zr.created_at.toISOString(), zData.createdAt, "created at");
  assertEquals(canonical(zr.totals), canonical(zData.totals), "z totals");

  // The same messages again are duplicates; another message with the same shiftId or zId is
  // stored, but the first copy stands.
  assertEquals(statuses(await (await post([shift, z], KEY)).json()), ["duplicate", "duplicate"]);
  const later = conforming(message({
    storeId: s,
    topic: "shift",
    data: { ...data, countedCents: 10444, overShortCents: 0 },
  }));
  const laterZ = conforming(message({ storeId: s, topic: "z.report", data: { ...zData } }));
  assertEquals(statuses(await (await post([later, laterZ], KEY)).json()), ["stored", "stored"]);
  const shifts = await sql`select counted_cents, message_id from pos_shifts where store_id = ${s}`;
  assertEquals(shifts.map((r) => [Number(r.counted_cents), r.message_id]), [
    [10400, shift.messageId],
  ]);
  const zs = await sql`select message_id from pos_z_reports where store_id = ${s}`;
  assertEquals(zs.map((r) => r.message_id), [z.messageId], "the first Z copy stands");
});

t("invalid shifts and Z reports are refused with a reason and nothing of them stored", async () => {
  const s = newStore();
  const movement = (exampleShift().movements as Json[])[2];
  const cases: [string, Json, string][] = [
    ["another lane's shift", shiftMessage(s, { terminalId: "L2" }), "terminalId"],
    ["over/short not counted - expected", shiftMessage(s, { overShortCents: 0 }), "overShort"],
    [
      "closed before opened",
      shiftMessage(s, { closedAt: "2026-12-20T07:00:00.000Z" }),
      "closedAt",
    ],
    [
      "a noSale with an amount",
      shiftMessage(s, { movements: [{ ...movement, amountCents: 5 }] }),
      "noSale",
    ],
    [
      "a movement of an unknown kind",
      shiftMessage(s, { movements: [{ ...movement, kind: "tip" }] }),
      "kind",
    ],
    ["a negative float", shiftMessage(s, { floatCents: -1 }), "floatCents"],
    ["a shift without totals", shiftMessage(s, { totals: undefined }), "totals"],
    [
      "totals with a positive returnsCents",
      shiftMessage(s, { totals: exampleTotals({ returnsCents: 5 }) }),
      "returnsCents",
    ],
    ["a shift without shiftId", shiftMessage(s, { shiftId: "shift-1" }), "shiftId"],
    ["Z number 0", zMessage(s, { zNumber: 0 }), "zNumber"],
    ["another lane's Z report", zMessage(s, { terminalId: "L2" }), "terminalId"],
    ["a Z report of no shift", zMessage(s, { shiftIds: [] }), "shiftIds"],
    ["a Z report without createdBy", zMessage(s, { createdBy: undefined }), "createdBy"],
    [
      "Z totals with a tender by cheque",
      zMessage(s, {
        totals: exampleTotals({ tenders: [{ method: "cheque", count: 1, amountCents: 1 }] }),
      }),
      "tenders",
    ],
  ];
  const good = conforming(shiftMessage(s));
  const body = await (await post([...cases.map(([, m]) => m), good], KEY)).json();
  cases.forEach(([what, , reason], i) => {
    const r = body.results[i];
    assert(r.status === "rejected" && r.reason.includes(reason), `${what}: ${JSON.stringify(r)}`);
  });
  assertEquals(body.results[cases.length].status, "stored", "the valid shift beside them");
  assertEquals(await rowsFor(cases.map(([, m]) => m.messageId as string)), 0, "messages");
  const [{ n }] = await sql`select count(*)::int as n from pos_shifts where store_id = ${s}`;
  const [{ z }] = await sql`select count(*)::int as z from pos_z_reports where store_id = ${s}`;
  assertEquals([n, z], [1, 0], "shift and Z rows");
  // A transaction's shiftId must be a UUID too.
  const bad = sale();
  (bad.data as Json).shiftId = "shift-1";
  const res = await (await post([bad])).json();
  assert(res.results[0].reason.includes("shiftId"), JSON.stringify(res));
});

t(
  "a Z number held with another zId is refused for good; the rest of the batch is stored",
  async () => {
    const s = newStore();
    const first = conforming(zMessage(s, { zNumber: 1 }));
    assertEquals(statuses(await (await post(first, KEY)).json()), ["stored"]);
    const clash = conforming(zMessage(s, { zNumber: 1 }));
    const next = conforming(zMessage(s, { zNumber: 2 }));
    const other = conforming(message({ storeId: s }));
    // Two new Z reports numbered 3 in one batch: the first is kept.
    const three = conforming(zMessage(s, { zNumber: 3 }));
    const threeAgain = conforming(zMessage(s, { zNumber: 3 }));
    const res = await post([other, clash, next, three, threeAgain], KEY);
    assertEquals(res.status, 200, "status");
    const body = await res.json();
    assertEquals(statuses(body), ["stored", "rejected", "stored", "stored", "rejected"]);
    const firstZ = (first.data as Json).zId as string;
    assertEquals(
      body.results[1].reason,
      `z.report number 1 of terminal L1 is held already with another zId ${firstZ}: ` +
        "a Z number is never reused, this one is refused for good",
    );
    assert(body.results[4].reason.includes("number 3"), JSON.stringify(body.results[4]));
    assertEquals(await rowsFor([clash.messageId, threeAgain.messageId]), 0, "refused messages");
    const zs = await sql`
    select z_number, z_id::text as z_id from pos_z_reports where store_id = ${s} order by z_number`;
    assertEquals(zs.map((r) => [Number(r.z_number), r.z_id]), [
      [1, firstZ],
      [2, (next.data as Json).zId],
      [3, (three.data as Json).zId],
    ]);
    // Alone, the refusal is a 422 with the same reason; the first copy resent is a duplicate.
    const alone = await post(clash, KEY);
    assertEquals(alone.status, 422, "alone");
    assert((await alone.json()).reason.includes("never reused"), "alone: reason");
    assertEquals(statuses(await (await post(first, KEY)).json()), ["duplicate"]);
  },
);

// A transaction of one line (quantity units at unit cents, a line discount, tax) and payments
// [method, amount] (a change given back on cash tendered over the amount).
function ticket(
  storeId: string,
  terminalId: string,
  createdAt: string,
  line: { quantity: number; unit: number; discount: number; tax: number; rateBp: number },
  payments: [string, number, number?][],
  extra: Json = {},
) {
  const productId = crypto.randomUUID();
  const subtotal = line.quantity * line.unit;
  const total = subtotal - line.discount + line.tax;
  return message({
    storeId,
    terminalId,
    topic: "transaction",
    timestamp: createdAt,
    data: {
      transactionId: crypto.randomUUID(),
      receiptNumber: `${terminalId}-000001`,
      terminalId,
      employeeId: crypto.randomUUID(),
      subtotalCents: subtotal,
      discountCents: line.discount,
      taxCents: line.tax,
      totalCents: total,
      paidCents: total,
      changeCents: payments.reduce((sum, [, , tendered]) => sum + (tendered ?? 0), 0),
      status: line.quantity > 0 ? "completed" : "returned",
      createdAt,
      hlcTime: createdAt,
      hlcCounter: 0,
      lines: [{
        lineNo: 1,
        productId,
        sku: "SKU-1",
        name: "Product",
        quantity: line.quantity,
        unitPriceCents: line.unit,
        discountCents: line.discount,
        taxRateBp: line.rateBp,
        taxCents: line.tax,
        totalCents: total,
      }],
      payments: payments.map(([method, amount, change], i) => ({
        paymentNo: i + 1,
        method,
        amountCents: amount,
        tenderedCents: amount + (change ?? 0),
        changeCents: change ?? 0,
      })),
      stockChanges: [{ productId, delta: -line.quantity }],
      ...extra,
    },
  });
}

t("pos_daily_sales adds up per terminal and business date in the store's time zone", async () => {
  const s = newStore();
  await sql`insert into pos_store_settings (store_id, time_zone) values (${s}, 'Europe/Paris')`;
  const shiftId = crypto.randomUUID();
  // Paris is UTC+1 in December: 23:00Z is midnight.
  const a = ticket(
    s,
    "L1",
    "2026-12-20T22:59:59.999Z",
    {
      quantity: 2,
      unit: 500,
      discount: 100,
      tax: 72,
      rateBp: 800,
    },
    [["cash", 972]],
    { shiftId },
  );
  const b = ticket(
    s,
    "L1",
    "2026-12-20T23:00:00.000Z",
    {
      quantity: 1,
      unit: 1000,
      discount: 0,
      tax: 80,
      rateBp: 800,
    },
    [["cash", 500], ["card", 580]],
    { shiftId },
  );
  const ret = ticket(
    s,
    "L1",
    "2026-12-21T10:00:00.000Z",
    {
      quantity: -1,
      unit: 500,
      discount: -50,
      tax: -36,
      rateBp: 800,
    },
    [["cash", -486]],
    { returnOf: (a.data as Json).transactionId },
  );
  const c = ticket(s, "L2", "2026-12-20T12:00:00.000Z", {
    quantity: 3,
    unit: 200,
    discount: 0,
    tax: 0,
    rateBp: 0,
  }, [["card", 600]]);
  const d = ticket(s, "L2", "2026-12-21T22:30:00.000Z", {
    quantity: 1,
    unit: 250,
    discount: 0,
    tax: 20,
    rateBp: 800,
  }, [["card", 270]]);
  const e = ticket(s, "L2", "2026-12-21T23:30:00.000Z", {
    quantity: 1,
    unit: 100,
    discount: 0,
    tax: 8,
    rateBp: 800,
  }, [["cash", 108, 92]]);
  const body = await (await post(conforming([a, b, ret, c, d, e]), KEY)).json();
  assertEquals(body.stored, 6, JSON.stringify(body));
  const rows = await sql`
    select terminal_id, business_date::text as day, sales_count, returns_count, items_sold,
           gross_cents, discount_cents, tax_cents, total_cents, cash_cents, card_cents
    from pos_daily_sales where store_id = ${s} order by terminal_id, business_date`;
  assertEquals(
    rows.map((r) => [
      r.terminal_id,
      r.day,
      ...[
        r.sales_count,
        r.returns_count,
        r.items_sold,
        r.gross_cents,
        r.discount_cents,
        r.tax_cents,
        r.total_cents,
        r.cash_cents,
        r.card_cents,
      ].map(Number),
    ]),
    [
      // sales, returns, items, gross, discount, tax, total, cash, card
      ["L1", "2026-12-20", 1, 0, 2, 1000, 100, 72, 972, 972, 0],
      ["L1", "2026-12-21", 1, 1, 0, 1000, 0, 44, 594, 14, 580],
      ["L2", "2026-12-20", 1, 0, 3, 600, 0, 0, 600, 0, 600],
      ["L2", "2026-12-21", 1, 0, 1, 250, 0, 20, 270, 0, 270],
      ["L2", "2026-12-22", 1, 0, 1, 100, 0, 8, 108, 108, 0],
    ],
  );
  // The same rows as tools/cloud-dev prints them.
  const printed = await cloudDev("daily-sales", s);
  assert(printed.ok, printed.err);
  const lines = printed.out.split("\n").filter((l) => /^ *L[12] *\|/.test(l));
  assertEquals(
    lines.map((l) => l.split("|").map((c) => c.trim()).join(" ")),
    [
      "L1 2026-12-20 1 0 2 1000 100 72 972 972 0",
      "L2 2026-12-20 1 0 3 600 0 0 600 0 600",
      "L1 2026-12-21 1 1 0 1000 0 44 594 14 580",
      "L2 2026-12-21 1 0 1 250 0 20 270 0 270",
      "L2 2026-12-22 1 0 1 100 0 8 108 108 0",
    ],
    "cloud-dev daily-sales",
  );
  // pos_sales.shift_id: the transaction's shiftId, null without one.
  const ids = [a, b, c].map((m) => (m.data as Json).transactionId as string);
  const shifts = await sql`
    select transaction_id::text as id, shift_id::text as shift from pos_sales
    where transaction_id = any(${ids}::uuid[])`;
  const byId = new Map(shifts.map((r) => [r.id, r.shift]));
  assertEquals(ids.map((id) => byId.get(id)), [shiftId, shiftId, null], "shift ids");

  // A store without settings counts its days in UTC: 23:00Z is still the 20th.
  const utc = newStore();
  const late = ticket(utc, "L1", "2026-12-20T23:00:00.000Z", {
    quantity: 1,
    unit: 1000,
    discount: 0,
    tax: 80,
    rateBp: 800,
  }, [["card", 1080]]);
  assertEquals((await (await post(conforming(late), KEY)).json()).status, "stored");
  const [u] = await sql`select business_date::text as day, card_cents from pos_daily_sales
    where store_id = ${utc}`;
  assertEquals([u.day, Number(u.card_cents)], ["2026-12-20", 1080], "UTC store");
  // A time zone PostgreSQL does not know is refused.
  let refused = false;
  try {
    await sql`insert into pos_store_settings (store_id, time_zone) values (${utc}, 'Mars/Olympus')`;
  } catch {
    refused = true;
  }
  assert(refused, "an unknown time zone was taken");
});

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
