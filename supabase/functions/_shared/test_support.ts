// What both functions' test suites set up first: the database the suite runs against (from
// tools/cloud-dev), and every line the function logs, to check at the end that no secret shows.

export function requireDbUrl(): string {
  const dbUrl = Deno.env.get("SUPABASE_DB_URL");
  if (!dbUrl) {
    throw new Error("SUPABASE_DB_URL is not set: run this through tools/cloud-dev -- deno test");
  }
  return dbUrl;
}

// From now on console output is also kept in the returned array.
export function captureConsole(): string[] {
  const logged: string[] = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
      original(...args);
    };
  }
  return logged;
}
