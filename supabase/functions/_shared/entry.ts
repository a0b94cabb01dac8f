// What every function of this project does around its handler: its database and service key
// from the environment Supabase gives it, its path when served locally (tools/cloud-dev), and
// serving itself when run as a program.
import postgres from "postgres";
import { error } from "./lane_auth.ts";

type Sql = ReturnType<typeof postgres>;
type Handler = (req: Request) => Promise<Response>;

// Supabase passes a function the database URL and the service role key.
export function fromEnv<H>(
  create: (options: { sql: Sql; serviceKey: string }) => H,
): H {
  const url = Deno.env.get("SUPABASE_DB_URL");
  const serviceKey = Deno.env.get("SUPABASE_SERVICE_ROLE_KEY");
  if (!url || !serviceKey) {
    throw new Error(
      "SUPABASE_DB_URL and SUPABASE_SERVICE_ROLE_KEY must be set",
    );
  }
  // prepare: false keeps it working through Supabase's transaction pooler.
  const sql = postgres(url, { max: 4, prepare: false, onnotice: () => {} });
  return create({ sql, serviceKey });
}

// Served locally under the same path as on Supabase (/functions/v1/<name>, or /<name>).
export function routeTo(name: string, handler: Handler) {
  return (req: Request): Promise<Response> | Response => {
    const path = new URL(req.url).pathname.replace(/\/+$/, "");
    if (path === `/functions/v1/${name}` || path === `/${name}`) {
      return handler(req);
    }
    return error(404, `no function at ${path}`);
  };
}

// Run as a program: serves the function on HOST:PORT (127.0.0.1:8000).
export function serveAs(name: string, handler: Handler) {
  const port = Number(Deno.env.get("PORT") ?? "8000");
  const hostname = Deno.env.get("HOST") ?? "127.0.0.1";
  Deno.serve({
    port,
    hostname,
    onListen: ({ port }) => console.log(`${name} listening on ${hostname}:${port}`),
  }, routeTo(name, handler));
}
