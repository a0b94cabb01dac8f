// Validates JSON instances against the protocol's JSON Schemas (protocol/schemas/) with Ajv.
//
//   node validate.mjs SCHEMA_DIR CASES.json|CASES.mjs
//
// CASES.json is an array of {"what": "...", "schema": "message.schema.json", "instance": ...,
// "expect": "valid" | "invalid", "errorIncludes": "..."} ("valid" when absent; errorIncludes: a
// text Ajv's errors must contain for an invalid one, so that it fails for the intended reason).
// CASES may also be a JavaScript module (.mjs) whose default export is that array.
// Prints one line per case that does not come out as expected (with Ajv's errors) and a
// summary; exits 0 only when every case did.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { createValidator } from "./protocolvalidator.mjs";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const [schemaDir, casesFile] = process.argv.slice(2);
if (!schemaDir || !casesFile) {
  console.error("usage: node validate.mjs SCHEMA_DIR CASES.json");
  process.exit(2);
}
const schemas = readdirSync(schemaDir).filter((f) => f.endsWith(".schema.json")).sort()
  .map((f) => JSON.parse(readFileSync(join(schemaDir, f), "utf8")));
const check = createValidator(Ajv2020, addFormats, schemas);
const cases = casesFile.endsWith(".mjs")
  ? (await import(pathToFileURL(resolve(casesFile)).href)).default
  : JSON.parse(readFileSync(casesFile, "utf8"));
let failed = 0;
const counts = {};
for (const c of cases) {
  const expect = c.expect ?? "valid";
  const errors = check(c.schema, c.instance);
  let got = errors === null ? "valid" : "invalid";
  if (got === "invalid" && c.errorIncludes && !errors.includes(c.errorIncludes)) {
    got = `invalid for another reason than ${c.errorIncludes}`;
  }
  counts[c.schema] = (counts[c.schema] ?? 0) + 1;
  if (got !== expect) {
    failed++;
    console.log(
      `FAIL ${c.what} (${c.schema}): expected ${expect}, got ${got}` +
        (errors ? `: ${errors}` : ""),
    );
  }
}
console.log(
  `${cases.length - failed}/${cases.length} cases as expected; per schema: ` +
    JSON.stringify(counts),
);
process.exit(failed === 0 && cases.length > 0 ? 0 : 1);
