// Ajv set up for the protocol's JSON Schemas (protocol/schemas/), shared by the lane's schema
// test (Node.js, tests/schemas/validate.mjs) and the cloud function's tests (Deno): the caller
// passes its own Ajv 2020 class, ajv-formats plugin and the parsed schema files.
//
// The x- keywords that say what JSON Schema cannot are checked too, as lanes check them:
// x-maxPayloadBytes, x-maxUnknownMembers, x-maxUnknownBytes (x-rules is an annotation).

export const BASE = "https://euphoria-lane.invalid/protocol/schemas/";

const encoder = new TextEncoder();
function utf8Bytes(text) {
  return encoder.encode(text).length;
}

export function createValidator(Ajv2020, addFormats, schemas) {
  // Strict about the schemas themselves (unknown keywords, formats); Ajv's style rules on
  // `required` and types inside if/then subschemas are off, as JSON Schema allows those.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
  });
  addFormats(ajv);
  // x-maxPayloadBytes: the payload's compact JSON text in UTF-8 bytes (what lanes measure).
  ajv.addKeyword({
    keyword: "x-maxPayloadBytes",
    schemaType: "number",
    errors: false,
    validate: (max, data) => utf8Bytes(JSON.stringify(data)) <= max,
  });
  // x-maxUnknownMembers: members not in the object schema's properties, at most this many
  // (maxProperties only bounds all members).
  ajv.addKeyword({
    keyword: "x-maxUnknownMembers",
    schemaType: "number",
    errors: false,
    validate: (max, data, parentSchema) => {
      const known = parentSchema.properties;
      if (!known || typeof data !== "object" || data === null || Array.isArray(data)) return true;
      return Object.keys(data).filter((k) => !Object.hasOwn(known, k)).length <= max;
    },
  });
  // x-maxUnknownBytes (on a topic schema): unknown members of the payload and of the objects in
  // its arrays of $defs items, as compact JSON text "key":value, at most this many bytes.
  ajv.addKeyword({
    keyword: "x-maxUnknownBytes",
    schemaType: "number",
    errors: false,
    validate: (max, data, root) => unknownBytes(data, root, root) <= max,
  });
  ajv.addKeyword({ keyword: "x-rules", schemaType: "array" });
  for (const s of schemas) ajv.addSchema(s);
  for (const s of schemas) ajv.getSchema(s.$id); // compiles each now: a bad schema fails here
  return (schema, instance) => {
    const validate = ajv.getSchema(BASE + schema);
    if (!validate) throw new Error(`no schema ${schema}`);
    return validate(instance) ? null : ajv.errorsText(validate.errors, { separator: "; " });
  };
}

// The schema of an object's members: its own properties, or those of the $defs entry its first
// allOf refers to (topic.employee.schema.json).
function objectSchema(schema, root) {
  if (schema.properties) return schema;
  const ref = schema.allOf?.[0]?.$ref;
  return ref?.startsWith("#/$defs/") ? root.$defs[ref.slice(8)] : null;
}

function unknownBytes(data, schema, root) {
  const s = objectSchema(schema, root);
  if (!s || typeof data !== "object" || data === null || Array.isArray(data)) return 0;
  let bytes = 0;
  for (const [key, value] of Object.entries(data)) {
    const member = Object.hasOwn(s.properties, key) ? s.properties[key] : null;
    if (!member) {
      bytes += utf8Bytes(JSON.stringify({ [key]: value })) - 2;
      continue;
    }
    const ref = member.items?.$ref;
    if (Array.isArray(value) && ref?.startsWith("#/$defs/")) {
      for (const item of value) bytes += unknownBytes(item, root.$defs[ref.slice(8)], root);
    }
  }
  return bytes;
}
