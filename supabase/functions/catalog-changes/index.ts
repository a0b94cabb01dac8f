// catalog-changes: the Supabase Edge Function from which lanes learn of their store's catalog as
// head office keeps it in the cloud (catalog_products, catalog_price_changes).
//
// POST {"storeId": "S1", "terminalId": "L1", "cursor": 0, "limit": 500} with
// `Authorization: Bearer <lane credential>` (as for sync-pos-message: the store and terminal come
// from the credential, a body naming another one is refused with 403; the service-role key is
// taken too, trusting the body's storeId). The reply holds the store's products and scheduled
// price changes whose change_seq is above the cursor, in change_seq order, at most `limit`:
// {"changes": [{"seq", "kind": "product" | "price", "updatedAt", "product" | "price"}],
//  "cursor": <last seq returned, or the request's>, "more": <rows remain>}. README.md here.
import postgres from "postgres";
import { fromEnv, routeTo, serveAs } from "../_shared/entry.ts";
import { authenticate, error, json, STORE, TERMINAL } from "../_shared/lane_auth.ts";

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 1000;
export const MAX_BODY_BYTES = 16 * 1024;
// The store a service-key request without storeId reads (as sync-pos-message stores it).
export const DEFAULT_STORE_ID = "store-1";
const UNAVAILABLE = "database unavailable; retry later";

type Sql = ReturnType<typeof postgres>;

export interface HandlerOptions {
  sql: Sql;
  serviceKey: string;
}

export interface Product {
  productId: string;
  sku: string;
  name: string;
  category: string;
  barcodes: string[];
  priceCents: number;
  taxRateBp: number;
  active: boolean;
  priceSetAt: string;
}

export interface PriceChange {
  changeId: string;
  productId: string;
  priceCents: number;
  effectiveAt: string;
}

export type Change =
  | { seq: number; kind: "product"; updatedAt: string; product: Product }
  | { seq: number; kind: "price"; updatedAt: string; price: PriceChange };

export interface ChangesRequest {
  storeId: string | null;
  terminalId: string | null;
  cursor: number;
  limit: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// The request's fields, or what is wrong with them (the 400's message).
export function parseRequest(body: unknown): ChangesRequest | string {
  if (!isObject(body)) return "body must be a JSON object";
  const { storeId, terminalId, cursor, limit } = body;
  if (storeId !== undefined && (typeof storeId !== "string" || !STORE.test(storeId))) {
    return "storeId must be 1-64 letters, digits, '.', '_' or '-'";
  }
  if (terminalId !== undefined && (typeof terminalId !== "string" || !TERMINAL.test(terminalId))) {
    return "terminalId must be 1-64 letters, digits, '.', '_' or '-'";
  }
  if (cursor === undefined) return "cursor is missing: send 0 for everything";
  if (typeof cursor !== "number" || !Number.isSafeInteger(cursor) || cursor < 0) {
    return "cursor must be an integer >= 0";
  }
  if (
    limit !== undefined &&
    (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT)
  ) {
    return `limit must be an integer from 1 to ${MAX_LIMIT}`;
  }
  return {
    storeId: storeId ?? null,
    terminalId: terminalId ?? null,
    cursor,
    limit: limit ?? DEFAULT_LIMIT,
  };
}

// ISO 8601 in UTC with milliseconds: 2026-12-01T10:00:00.123Z.
function iso(value: Date): string {
  return value.toISOString();
}

// The store's changes above the cursor, both tables merged in change_seq order; one row more than
// asked for tells whether more remain.
export async function changesSince(
  sql: Sql,
  storeId: string,
  cursor: number,
  limit: number,
): Promise<{ changes: Change[]; cursor: number; more: boolean }> {
  const rows = await sql`
    select * from (
      select change_seq, 'product'::text as kind, updated_at as changed_at,
             product_id::text as product_id, sku, name, category, barcodes, price_cents,
             tax_rate_bp, active, null::text as change_id, null::timestamptz as effective_at,
             price_set_at
      from public.catalog_products
      where store_id = ${storeId} and change_seq > ${cursor}
      order by change_seq limit ${limit + 1}
    ) p
    union all
    select * from (
      select change_seq, 'price'::text, created_at, product_id::text, null::text, null::text,
             null::text, null::text[], price_cents, null::integer, null::boolean,
             change_id::text, effective_at, null::timestamptz
      from public.catalog_price_changes
      where store_id = ${storeId} and change_seq > ${cursor}
      order by change_seq limit ${limit + 1}
    ) c
    order by change_seq
    limit ${limit + 1}`;
  const more = rows.length > limit;
  const changes: Change[] = rows.slice(0, limit).map((r) => {
    const seq = Number(r.change_seq);
    const updatedAt = iso(r.changed_at as Date);
    if (r.kind === "product") {
      return {
        seq,
        kind: "product",
        updatedAt,
        product: {
          productId: r.product_id as string,
          sku: r.sku as string,
          name: r.name as string,
          category: r.category as string,
          barcodes: r.barcodes as string[],
          priceCents: Number(r.price_cents),
          taxRateBp: Number(r.tax_rate_bp),
          active: r.active as boolean,
          priceSetAt: iso(r.price_set_at as Date),
        },
      };
    }
    return {
      seq,
      kind: "price",
      updatedAt,
      price: {
        changeId: r.change_id as string,
        productId: r.product_id as string,
        priceCents: Number(r.price_cents),
        effectiveAt: iso(r.effective_at as Date),
      },
    };
  });
  return {
    changes,
    cursor: changes.length > 0 ? changes[changes.length - 1].seq : cursor,
    more,
  };
}

export function createHandler(options: HandlerOptions): (req: Request) => Promise<Response> {
  return async (req: Request): Promise<Response> => {
    if (req.method !== "POST") {
      return error(405, "only POST is allowed", { allow: "POST" });
    }
    const caller = await authenticate(
      options.sql,
      options.serviceKey,
      req.headers.get("authorization"),
      { functionName: "catalog-changes", unavailable: UNAVAILABLE },
    );
    if (caller instanceof Response) return caller;
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) return error(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    const bytes = new Uint8Array(await req.arrayBuffer());
    if (bytes.length > MAX_BODY_BYTES) {
      return error(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return error(400, "body is not valid UTF-8 JSON");
    }
    const request = parseRequest(body);
    if (typeof request === "string") return error(400, request);

    let storeId: string;
    if (caller.kind === "lane") {
      // A lane reads its own store's catalog only, and says so as itself: a body naming another
      // store or terminal means a wrong setting or a credential that is not its own.
      if (request.storeId !== null && request.storeId !== caller.storeId) {
        return error(
          403,
          `this lane is enrolled for store ${caller.storeId}; the body names another store`,
        );
      }
      if (request.terminalId !== null && request.terminalId !== caller.terminalId) {
        return error(
          403,
          `this credential is lane ${caller.terminalId}'s; the body names another terminal`,
        );
      }
      storeId = caller.storeId;
    } else {
      storeId = request.storeId ?? DEFAULT_STORE_ID;
    }

    try {
      return json(200, await changesSince(options.sql, storeId, request.cursor, request.limit));
    } catch (e) {
      console.error(`catalog-changes: database unavailable: ${(e as Error).message}`);
      return error(503, UNAVAILABLE, { "retry-after": "5" });
    }
  };
}

export const handlerFromEnv = (): (req: Request) => Promise<Response> => fromEnv(createHandler);

// Served locally (tools/cloud-dev) under the same path as on Supabase.
export const route = (handler: (req: Request) => Promise<Response>) =>
  routeTo("catalog-changes", handler);

if (import.meta.main) {
  serveAs("catalog-changes", handlerFromEnv());
}
