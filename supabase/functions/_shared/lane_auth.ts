// Who calls a function: a lane with its own credential (`elc1.<laneId>.<secret>`, enrolled in
// pos_lanes; tools/cloud-dev enroll), or a holder of the service-role key. Shared by the
// functions that lanes call, so every one of them refuses and accepts the same credentials.
import type postgres from "postgres";

type Sql = ReturnType<typeof postgres>;

// Who is calling: a lane (its store and terminal from pos_lanes, with every terminal ever enrolled
// in that store), or a holder of the service-role key.
export type Caller =
  | { kind: "service" }
  | {
    kind: "lane";
    laneId: string;
    storeId: string;
    terminalId: string;
    storeTerminals: Set<string>;
  };

// Store and terminal ids: the pattern of pos_lanes' check constraints.
export const STORE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const TERMINAL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// A lane credential: elc1.<lane id, a lower-case UUID>.<secret, 32 random bytes in base64url>.
export const CREDENTIAL =
  /^elc1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...extra },
  });
}

export function error(status: number, message: string, extra: Record<string, string> = {}) {
  return json(status, { error: message }, extra);
}

const encoder = new TextEncoder();

// Compares the SHA-256 digests of both keys byte by byte without an early exit, so neither the
// length nor the first differing byte of the configured key shows in the time taken.
export async function keysMatch(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0 && expected.length > 0;
}

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

// Equal lengths and bytes, in a time that depends on the length only.
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// Compared with when the lane id is unknown, so an unknown id costs the same as a wrong secret.
const NO_DIGEST = new Uint8Array(32);

export interface AuthenticateOptions {
  // Names the function in what it logs.
  functionName: string;
  // The 503's message when the registry cannot be read.
  unavailable: string;
}

// Who sent the request, or the 401 (503 when the registry cannot be read) to answer. Looked up
// on every request, never cached: a revoked credential is refused from the next request on.
// No answer repeats what was sent.
export async function authenticate(
  sql: Sql,
  serviceKey: string,
  authorization: string | null,
  options: AuthenticateOptions,
): Promise<Caller | Response> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!bearer) {
    return error(401, "missing credential: send Authorization: Bearer <lane credential>");
  }
  const token = bearer[1];
  if (!token.startsWith("elc1.")) {
    if (await keysMatch(token, serviceKey)) return { kind: "service" };
    return error(401, "unknown credential: a lane sends its own (elc1.…)");
  }
  const parts = CREDENTIAL.exec(token);
  if (!parts) return error(401, "malformed lane credential");
  const [, laneId, secret] = parts;
  let rows;
  try {
    rows = await sql`
      select l.store_id, l.terminal_id, l.active, l.secret_sha256,
             array(select distinct o.terminal_id from public.pos_lanes o
                   where o.store_id = l.store_id) as terminals
      from public.pos_lanes l where l.lane_id = ${laneId}::uuid`;
  } catch (e) {
    console.error(
      `${options.functionName}: cannot read the lane registry: ${(e as Error).message}`,
    );
    return error(503, options.unavailable, { "retry-after": "5" });
  }
  const lane = rows[0];
  const stored = lane ? new Uint8Array(lane.secret_sha256 as Uint8Array) : NO_DIGEST;
  const secretMatches = bytesEqual(await sha256(secret), stored);
  if (!lane || !secretMatches) return error(401, "unknown lane credential");
  if (!lane.active) {
    console.warn(
      `${options.functionName}: revoked lane ${laneId} (store ${lane.store_id}, terminal ` +
        `${lane.terminal_id}) refused`,
    );
    return error(401, "lane credential revoked");
  }
  return {
    kind: "lane",
    laneId,
    storeId: lane.store_id as string,
    terminalId: lane.terminal_id as string,
    storeTerminals: new Set(lane.terminals as string[]),
  };
}
