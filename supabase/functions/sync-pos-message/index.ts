// sync-pos-message: the Supabase Edge Function that stores Euphoria Lane outbox messages.
//
// POST a message body (seed protocol) or a JSON array of up to MAX_BATCH of them (plain, or with
// `Content-Encoding: gzip`; MAX_BODY_BYTES holds for the JSON once inflated), with
// `Authorization: Bearer <lane credential>` (`elc1.<laneId>.<secret>`, enrolled in pos_lanes): the
// store and terminal come from the credential, a body that names another store is refused (403),
// and a relayed message whose origin is not a lane of that store is rejected on its own. The
// service-role key is still taken (lanes with cloudUseServiceKey), trusting the body's storeId.
// Every message is validated on its own; the valid ones are stored in one database transaction
// with `ON CONFLICT (message_id) DO NOTHING`, and the reply says per message: stored, duplicate
// (also a success) or rejected with a reason. A 4xx for the whole body stores nothing.
import postgres from "postgres";
import { fromEnv, routeTo, serveAs } from "../_shared/entry.ts";
import { authenticate, type Caller, error, json, STORE, TERMINAL } from "../_shared/lane_auth.ts";

// The credential check lives in ../_shared/lane_auth.ts (catalog-changes uses it too).
export {
  authenticate,
  bytesEqual,
  type Caller,
  CREDENTIAL,
  keysMatch,
  sha256,
} from "../_shared/lane_auth.ts";

export const MAX_BATCH = 500;
// The JSON a request carries, after gzip is undone; a gzip body on the wire is held to it too.
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
// Compressed bytes fed to the inflater at a time: deflate expands a byte at most 1032-fold, so
// no step inflates more than about 8 MiB past the cap before the reader stops.
const INFLATE_SLICE = 8 * 1024;
export const DEFAULT_STORE_ID = "store-1";
const UNAVAILABLE = "database unavailable, nothing stored; retry later";
export const TOPICS = new Set([
  "transaction",
  "inventory",
  "customer",
  "employee",
  "inventory.reconciliation.request",
  "inventory.reconciliation.complete",
  "held.accepted",
  "product",
  "price.scheduled",
  "shift",
  "z.report",
]);

type Sql = ReturnType<typeof postgres>;

export interface HandlerOptions {
  sql: Sql;
  serviceKey: string;
  maxBatch?: number;
  maxBodyBytes?: number;
}

export type MessageStatus = "stored" | "duplicate" | "rejected";

export interface MessageResult {
  messageId: string | null;
  status: MessageStatus;
  reason?: string;
}

interface Row {
  message_id: string;
  store_id: string;
  terminal_id: string;
  topic: string;
  data: Record<string, unknown>;
  message_timestamp: string;
  peer_acked_at: string | null;
  uploaded_by: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ISO 8601 in UTC: 2024-01-01T10:00:00Z, optionally with fractional seconds.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

// A lane may post its own messages and those it relays for another lane of its store (enrolled
// now or before: a retired lane's last sales still arrive through its peers). Anything else is
// rejected on its own, like any invalid message, so it cannot hold back the lane's own sales.
function originProblem(caller: Caller, row: Row): string | null {
  if (caller.kind === "service") return null;
  if (row.terminal_id === caller.terminalId || caller.storeTerminals.has(row.terminal_id)) {
    return null;
  }
  return `terminalId ${row.terminal_id} is not a lane of store ${caller.storeId}: ` +
    "enroll it, then retry the message";
}

function isIsoUtc(value: unknown): value is string {
  return typeof value === "string" && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCents(value: unknown): boolean {
  return typeof value === "number" && Number.isSafeInteger(value);
}

// What the pos_sales trigger reads from a transaction must be there and well typed, or the
// insert of the whole batch would fail on a cast.
function transactionProblem(data: Record<string, unknown>): string | null {
  if (typeof data.transactionId !== "string" || !UUID.test(data.transactionId)) {
    return "data.transactionId must be a UUID";
  }
  for (const field of ["subtotalCents", "taxCents", "totalCents"]) {
    if (!isCents(data[field])) return `data.${field} must be an integer number of cents`;
  }
  if (data.discountCents !== undefined && !isCents(data.discountCents)) {
    return "data.discountCents must be an integer number of cents";
  }
  if (data.createdAt !== undefined && !isIsoUtc(data.createdAt)) {
    return "data.createdAt must be an ISO 8601 UTC time";
  }
  if (data.shiftId !== undefined && !isUuid(data.shiftId)) {
    return "data.shiftId must be a UUID when present";
  }
  // pos_daily_sales splits the sales by these.
  if (data.payments !== undefined) {
    if (!Array.isArray(data.payments)) return "data.payments must be an array";
    for (const payment of data.payments) {
      if (!isObject(payment) || !isCents(payment.amountCents)) {
        return "every payment needs an integer amountCents";
      }
    }
  }
  if (!Array.isArray(data.lines)) return "data.lines must be an array";
  for (const line of data.lines) {
    if (!isObject(line) || !Number.isSafeInteger(line.quantity)) {
      return "every line needs an integer quantity";
    }
  }
  return null;
}

function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

function isCount(value: unknown): boolean {
  return isCents(value) && (value as number) >= 0;
}

// The first of fields whose check fails, as "data.<prefix><field> must be <what>".
function firstBad(
  object: Record<string, unknown>,
  prefix: string,
  checks: [string, (v: unknown) => boolean, string][],
): string | null {
  for (const [field, ok, what] of checks) {
    if (!ok(object[field])) return `data.${prefix}${field} must be ${what}`;
  }
  return null;
}

const UUID_TEXT = "a UUID";
const TIME_TEXT = "an ISO 8601 UTC time";
const INT_TEXT = "an integer number of cents";
const NONNEG_TEXT = "an integer >= 0";
const MOVEMENT_KINDS = new Set(["paidIn", "paidOut", "noSale", "cartVoided"]);

// A shift's or Z report's totals (ReportTotals in protocol/schemas/defs.schema.json).
function totalsProblem(totals: unknown): string | null {
  if (!isObject(totals)) return "data.totals must be an object";
  const counts = [
    "salesCount",
    "returnsCount",
    "customerCount",
    "paidInCount",
    "paidOutCount",
    "noSaleCount",
    "voidedCount",
    "discountCents",
    "paidInCents",
    "paidOutCents",
    "voidedCents",
    "floatCents",
  ];
  const amounts = ["itemsSold", "grossCents", "taxCents", "totalCents", "expectedCashCents"];
  const bad = firstBad(totals, "totals.", [
    ...counts.map((f): [string, (v: unknown) => boolean, string] => [f, isCount, NONNEG_TEXT]),
    ...amounts.map((f): [string, (v: unknown) => boolean, string] => [f, isCents, INT_TEXT]),
    ["returnsCents", (v) => isCents(v) && (v as number) <= 0, "an integer <= 0"],
  ]);
  if (bad) return bad;
  const rates = totals.taxByRate;
  if (!Array.isArray(rates) || rates.length > 100) {
    return "data.totals.taxByRate must be an array of at most 100";
  }
  for (const r of rates) {
    if (
      !isObject(r) || !Number.isInteger(r.rateBp) || (r.rateBp as number) < 0 ||
      (r.rateBp as number) > 10000 || !isCents(r.netCents) || !isCents(r.taxCents)
    ) {
      return "every totals.taxByRate item needs rateBp 0-10000, netCents and taxCents";
    }
  }
  const tenders = totals.tenders;
  if (!Array.isArray(tenders) || tenders.length > 16) {
    return "data.totals.tenders must be an array of at most 16";
  }
  for (const t of tenders) {
    if (
      !isObject(t) || (t.method !== "cash" && t.method !== "card") || !isCount(t.count) ||
      !isCents(t.amountCents)
    ) {
      return "every totals.tenders item needs method cash or card, count and amountCents";
    }
  }
  return null;
}

function countsProblem(counts: unknown, field: string): string | null {
  if (counts === undefined) return null;
  if (!Array.isArray(counts) || counts.length > 32) {
    return `data.${field} must be an array of at most 32 when present`;
  }
  for (const c of counts) {
    if (!isObject(c) || !isCount(c.denominationCents) || c.denominationCents === 0) {
      return `every ${field} item needs an integer denominationCents > 0`;
    }
    if (!isCount(c.count)) return `every ${field} item needs an integer count >= 0`;
  }
  return null;
}

// A closed shift (topic shift): what pos_shifts reads and the rules the lanes check.
function shiftProblem(data: Record<string, unknown>, terminalId: string): string | null {
  const bad = firstBad(data, "", [
    ["shiftId", isUuid, UUID_TEXT],
    ["openedAt", isIsoUtc, TIME_TEXT],
    ["openedBy", isUuid, UUID_TEXT],
    ["floatCents", isCount, NONNEG_TEXT],
    ["closedAt", isIsoUtc, TIME_TEXT],
    ["closedBy", isUuid, UUID_TEXT],
    ["countedCents", isCount, NONNEG_TEXT],
    ["expectedCashCents", isCents, INT_TEXT],
    ["overShortCents", isCents, INT_TEXT],
  ]);
  if (bad) return bad;
  if (data.terminalId !== terminalId) {
    return `data.terminalId must be the message's terminalId ${terminalId}`;
  }
  if (Date.parse(data.closedAt as string) < Date.parse(data.openedAt as string)) {
    return "data.closedAt must not be before data.openedAt";
  }
  if (
    (data.overShortCents as number) !==
      (data.countedCents as number) - (data.expectedCashCents as number)
  ) {
    return "data.overShortCents must be countedCents - expectedCashCents";
  }
  const counts = countsProblem(data.floatCounts, "floatCounts") ??
    countsProblem(data.countedCounts, "countedCounts");
  if (counts) return counts;
  if (!Array.isArray(data.movements) || data.movements.length > 250) {
    return "data.movements must be an array of at most 250";
  }
  for (const m of data.movements) {
    if (!isObject(m)) return "every movement must be an object";
    const problem = firstBad(m, "movements[].", [
      ["movementId", isUuid, UUID_TEXT],
      [
        "kind",
        (v) => typeof v === "string" && MOVEMENT_KINDS.has(v),
        "paidIn, paidOut, noSale or cartVoided",
      ],
      ["amountCents", isCount, NONNEG_TEXT],
      ["employeeId", isUuid, UUID_TEXT],
      ["at", isIsoUtc, TIME_TEXT],
    ]);
    if (problem) return problem;
    if (m.kind === "noSale" && m.amountCents !== 0) {
      return "a noSale movement's amountCents must be 0";
    }
    if (m.approvedBy !== undefined && !isUuid(m.approvedBy)) {
      return "data.movements[].approvedBy must be a UUID when present";
    }
    if (m.reason !== undefined && (typeof m.reason !== "string" || m.reason.length > 200)) {
      return "data.movements[].reason must be text of at most 200 characters when present";
    }
  }
  return totalsProblem(data.totals);
}

// A Z report (topic z.report): what pos_z_reports reads and the rules the lanes check.
function zReportProblem(data: Record<string, unknown>, terminalId: string): string | null {
  const bad = firstBad(data, "", [
    ["zId", isUuid, UUID_TEXT],
    ["zNumber", (v) => isCents(v) && (v as number) >= 1, "an integer >= 1"],
    ["openedAt", isIsoUtc, TIME_TEXT],
    ["closedAt", isIsoUtc, TIME_TEXT],
    ["createdAt", isIsoUtc, TIME_TEXT],
    ["createdBy", isUuid, UUID_TEXT],
    [
      "shiftIds",
      (v) => Array.isArray(v) && v.length >= 1 && v.length <= 100 && v.every(isUuid),
      "an array of 1-100 UUIDs",
    ],
  ]);
  if (bad) return bad;
  if (data.terminalId !== terminalId) {
    return `data.terminalId must be the message's terminalId ${terminalId}`;
  }
  if (Date.parse(data.closedAt as string) < Date.parse(data.openedAt as string)) {
    return "data.closedAt must not be before data.openedAt";
  }
  return totalsProblem(data.totals);
}

// Validates one seed body; returns the row to store or the reason it is rejected.
// mayHoldNul: the request's text has a \u0000 escape somewhere (else the check is skipped).
export function validateMessage(
  body: unknown,
  mayHoldNul = true,
): { row: Row } | { reason: string } {
  if (!isObject(body)) return { reason: "a message must be a JSON object" };
  const { messageId, terminalId, topic, data, timestamp, peerAckedAt, storeId } = body;
  if (typeof messageId !== "string" || !UUID.test(messageId)) {
    return { reason: "messageId must be a UUID" };
  }
  if (typeof terminalId !== "string" || !TERMINAL.test(terminalId)) {
    return { reason: "terminalId must be 1-64 letters, digits, '.', '_' or '-'" };
  }
  if (typeof topic !== "string" || !TOPICS.has(topic)) {
    return { reason: `unknown topic ${JSON.stringify(topic)}` };
  }
  if (!isObject(data)) return { reason: "data must be a JSON object" };
  if (!isIsoUtc(timestamp)) return { reason: "timestamp must be an ISO 8601 UTC time" };
  if (peerAckedAt !== undefined && peerAckedAt !== null && !isIsoUtc(peerAckedAt)) {
    return { reason: "peerAckedAt must be an ISO 8601 UTC time or null" };
  }
  if (storeId !== undefined && (typeof storeId !== "string" || !STORE.test(storeId))) {
    return { reason: "storeId must be 1-64 letters, digits, '.', '_' or '-'" };
  }
  const problem = topic === "transaction"
    ? transactionProblem(data)
    : topic === "shift"
    ? shiftProblem(data, terminalId)
    : topic === "z.report"
    ? zReportProblem(data, terminalId)
    : null;
  if (problem) return { reason: problem };
  // PostgreSQL's jsonb refuses \u0000 in strings; say so here instead of failing the batch.
  if (mayHoldNul && JSON.stringify(data).includes("\\u0000")) {
    return { reason: "data must not contain NUL characters" };
  }
  return {
    row: {
      message_id: messageId.toLowerCase(),
      store_id: (storeId as string | undefined) ?? DEFAULT_STORE_ID,
      terminal_id: terminalId,
      topic,
      data,
      message_timestamp: timestamp,
      peer_acked_at: (peerAckedAt as string | null | undefined) ?? null,
      uploaded_by: null,
    },
  };
}

// Inserts the rows in one statement; returns the ids that were new. The rows travel as one JSON
// document that PostgreSQL takes apart (jsonb_to_recordset): one serialization, no array quoting.
async function insertRows(sql: Sql, rows: Row[]): Promise<Set<string>> {
  const doc = JSON.stringify(rows);
  const inserted = await sql.begin((tx) =>
    tx`
    insert into public.pos_messages
      (message_id, store_id, terminal_id, topic, data, message_timestamp, peer_acked_at,
       uploaded_by)
    select message_id, store_id, terminal_id, topic, data, message_timestamp, peer_acked_at,
           uploaded_by
    from jsonb_to_recordset(${doc}::text::jsonb) as m(
      message_id uuid, store_id text, terminal_id text, topic text, data jsonb,
      message_timestamp timestamptz, peer_acked_at timestamptz, uploaded_by uuid)
    on conflict (message_id) do nothing
    returning message_id`
  );
  return new Set(inserted.map((r) => r.message_id as string));
}

type Capped = { bytes: Uint8Array<ArrayBuffer> } | { tooLarge: true; read: number };

// The bytes of stream, or how many were read when they passed cap (then nothing more is read).
async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  cap: number,
): Promise<Capped> {
  if (!stream) return { bytes: new Uint8Array(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      return { tooLarge: true, read: total };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes };
}

export type Inflated = { bytes: Uint8Array<ArrayBuffer> } | { tooLarge: true; inflated: number } | {
  corrupt: true;
};

// Undoes gzip, stopping as soon as the output passes cap (a decompression bomb is refused after
// cap bytes, not after inflating all of it). The input goes in slices, pulled as the output is
// read, so one huge input chunk cannot inflate at once.
export async function gunzipCapped(gz: Uint8Array, cap: number): Promise<Inflated> {
  let at = 0;
  const input = new ReadableStream<BufferSource>({
    pull(controller) {
      if (at >= gz.length) {
        controller.close();
        return;
      }
      controller.enqueue(gz.slice(at, at + INFLATE_SLICE));
      at += INFLATE_SLICE;
    },
  }, { highWaterMark: 0 });
  try {
    const out = await readCapped(input.pipeThrough(new DecompressionStream("gzip")), cap);
    return "bytes" in out ? out : { tooLarge: true, inflated: out.read };
  } catch {
    return { corrupt: true };
  }
}

// SQLSTATE class 22 (data exception) and 23 (integrity) come from one bad row, not from the
// database being unavailable.
function isDataError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

// Why the database refused one row. A Z report numbered like another of its terminal is refused
// for good: its lane must not send it again.
async function refusal(sql: Sql, row: Row, e: unknown): Promise<string> {
  const constraint = (e as { constraint_name?: unknown })?.constraint_name;
  if (row.topic === "z.report" && constraint === "pos_z_reports_number_key") {
    const held = await sql`
      select z_id::text as z_id from public.pos_z_reports
      where store_id = ${row.store_id} and terminal_id = ${row.terminal_id}
        and z_number = ${row.data.zNumber as number}`;
    const other = held.length > 0 ? ` ${held[0].z_id}` : "";
    return `z.report number ${row.data.zNumber} of terminal ${row.terminal_id} is held already ` +
      `with another zId${other}: a Z number is never reused, this one is refused for good`;
  }
  return `database refused it: ${(e as Error).message}`;
}

// Stores the rows; the results line up with them. A row repeated in the batch is a duplicate.
async function store(sql: Sql, rows: Row[]): Promise<MessageResult[]> {
  const results: MessageResult[] = new Array(rows.length);
  const first = new Map<string, number>();
  const unique: Row[] = [];
  rows.forEach((r, i) => {
    if (first.has(r.message_id)) {
      results[i] = { messageId: r.message_id, status: "duplicate" };
    } else {
      first.set(r.message_id, i);
      unique.push(r);
    }
  });
  if (unique.length === 0) return results;
  try {
    const inserted = await insertRows(sql, unique);
    // A message id held already is a duplicate only for the store that holds it: another
    // store's lane must not hide (or learn of) that store's message by sending its id first.
    const held = unique.filter((r) => !inserted.has(r.message_id));
    const heldBy = new Map<string, string>();
    if (held.length > 0) {
      const ids = held.map((r) => r.message_id);
      const rows = await sql`
        select message_id::text as message_id, store_id from public.pos_messages
        where message_id = any(${ids}::uuid[])`;
      for (const row of rows) heldBy.set(row.message_id as string, row.store_id as string);
    }
    for (const r of unique) {
      const i = first.get(r.message_id)!;
      if (inserted.has(r.message_id)) {
        results[i] = { messageId: r.message_id, status: "stored" };
      } else if (heldBy.get(r.message_id.toLowerCase()) === r.store_id) {
        results[i] = { messageId: r.message_id, status: "duplicate" };
      } else {
        results[i] = {
          messageId: r.message_id,
          status: "rejected",
          reason: "this message id is taken",
        };
      }
    }
  } catch (e) {
    if (!isDataError(e)) throw e;
    if (unique.length === 1) {
      results[first.get(unique[0].message_id)!] = {
        messageId: unique[0].message_id,
        status: "rejected",
        reason: await refusal(sql, unique[0], e),
      };
      return results;
    }
    // One row the validation let through broke the batch: store the others one by one so that
    // it cannot hold them back.
    for (const r of unique) results[first.get(r.message_id)!] = (await store(sql, [r]))[0];
  }
  return results;
}

export function createHandler(options: HandlerOptions): (req: Request) => Promise<Response> {
  const maxBatch = options.maxBatch ?? MAX_BATCH;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  return async (req: Request): Promise<Response> => {
    if (req.method !== "POST") {
      return error(405, "only POST is allowed", { allow: "POST" });
    }
    const caller = await authenticate(
      options.sql,
      options.serviceKey,
      req.headers.get("authorization"),
      { functionName: "sync-pos-message", unavailable: UNAVAILABLE },
    );
    if (caller instanceof Response) return caller;
    const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
    if (encoding !== "identity" && encoding !== "gzip") {
      return error(415, "Content-Encoding must be gzip or identity (none)", {
        "accept-encoding": "gzip, identity",
      });
    }
    const tooLarge = () => error(413, `body larger than ${maxBodyBytes} bytes`);
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > maxBodyBytes) return tooLarge();
    const wire = await readCapped(req.body, maxBodyBytes);
    if (!("bytes" in wire)) return tooLarge();
    let bytes = wire.bytes;
    if (encoding === "gzip") {
      const inflated = await gunzipCapped(bytes, maxBodyBytes);
      if ("corrupt" in inflated) return error(400, "body is not valid gzip");
      if ("tooLarge" in inflated) return tooLarge();
      bytes = inflated.bytes;
    }
    let body: unknown;
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      body = JSON.parse(text);
    } catch {
      return error(400, "body is not valid UTF-8 JSON");
    }
    const batch = Array.isArray(body);
    const items = batch ? body as unknown[] : [body];
    if (!batch && !isObject(body)) {
      return error(400, "body must be a message object or an array of them");
    }
    if (batch && items.length === 0) return error(400, "empty batch");
    if (items.length > maxBatch) {
      return error(413, `batch of ${items.length} messages; at most ${maxBatch} per request`);
    }

    if (caller.kind === "lane") {
      // A lane writes its own store's rows only: a body naming another store is refused as a
      // whole (the lane's storeId setting is wrong, or the credential is not its own).
      const other = items.some((item) =>
        isObject(item) && typeof item.storeId === "string" && STORE.test(item.storeId) &&
        item.storeId !== caller.storeId
      );
      if (other) {
        return error(
          403,
          `this lane is enrolled for store ${caller.storeId}; the body names another store: ` +
            "nothing stored",
        );
      }
    }

    const mayHoldNul = text.includes("\\u0000");
    const validated = items.map((item) => {
      const v = validateMessage(item, mayHoldNul);
      if (!("row" in v) || caller.kind === "service") return v;
      const problem = originProblem(caller, v.row);
      if (problem) return { reason: problem };
      return { row: { ...v.row, store_id: caller.storeId, uploaded_by: caller.laneId } };
    });
    const rows = validated.flatMap((v) => "row" in v ? [v.row] : []);
    let stored: MessageResult[];
    try {
      stored = await store(options.sql, rows);
    } catch (e) {
      console.error(`sync-pos-message: database unavailable: ${(e as Error).message}`);
      return error(503, UNAVAILABLE, { "retry-after": "5" });
    }
    let next = 0;
    const results: MessageResult[] = validated.map((v, i) => {
      if ("row" in v) return stored[next++];
      const id = isObject(items[i]) ? items[i] as Record<string, unknown> : {};
      const messageId = typeof id.messageId === "string" ? id.messageId : null;
      return { messageId, status: "rejected", reason: v.reason };
    });
    const count = (s: MessageStatus) => results.filter((r) => r.status === s).length;
    const summary = {
      stored: count("stored"),
      duplicate: count("duplicate"),
      rejected: count("rejected"),
    };
    if (!batch) {
      const only = results[0];
      return json(only.status === "rejected" ? 422 : 200, { ...only, ...summary, results });
    }
    return json(200, { ...summary, results });
  };
}

export const handlerFromEnv = (): (req: Request) => Promise<Response> => fromEnv(createHandler);

// Served locally (tools/cloud-dev) under the same path as on Supabase.
export const route = (handler: (req: Request) => Promise<Response>) =>
  routeTo("sync-pos-message", handler);

if (import.meta.main) {
  serveAs("sync-pos-message", handlerFromEnv());
}
