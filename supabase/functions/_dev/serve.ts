// Every function of this project on one port, under the paths Supabase gives them
// (/functions/v1/<name>), as `supabase functions serve` does; tools/cloud-dev runs it with
// sync-pos-message's deno.json, whose imports hold those of every function (the same pins).
// Directories starting with `_` are not deployed as functions.
import * as catalogChanges from "../catalog-changes/index.ts";
import * as syncPosMessage from "../sync-pos-message/index.ts";

const functions: Record<string, (req: Request) => Promise<Response>> = {
  "sync-pos-message": syncPosMessage.handlerFromEnv(),
  "catalog-changes": catalogChanges.handlerFromEnv(),
};

export function serveAll(req: Request): Promise<Response> | Response {
  const path = new URL(req.url).pathname.replace(/\/+$/, "");
  const name = /^(?:\/functions\/v1)?\/([^/]+)$/.exec(path)?.[1];
  const handler = name === undefined ? undefined : functions[name];
  if (handler) return handler(req);
  return new Response(JSON.stringify({ error: `no function at ${path}` }), {
    status: 404,
    headers: { "content-type": "application/json" },
  });
}

if (import.meta.main) {
  const port = Number(Deno.env.get("PORT") ?? "8000");
  const hostname = Deno.env.get("HOST") ?? "127.0.0.1";
  Deno.serve({
    port,
    hostname,
    onListen: ({ port }) =>
      console.log(`${Object.keys(functions).join(", ")} listening on ${hostname}:${port}`),
  }, serveAll);
}
