import { z } from "zod";
import { canonicalName, canonicalUser, PATCH_SCHEMA, USER_SCHEMA } from "./schemas";

// RFC 7644 §3.5.2 PATCH on a User, applied to a copy of its JSON representation; the caller
// validates the result as a whole and writes it in one statement, so a request that fails at
// its third operation has changed nothing.
//
// Paths understood (RFC 7644 §3.10, attribute names case-insensitive):
//   attr | attr.sub | attr[sub eq "v"] | attr[sub eq "v"].sub, optionally prefixed by the User
//   schema URN. Filters inside paths support `eq` only (what provisioning clients send, e.g.
//   emails[type eq "work"].value).

export type PatchError = {
  status: 400;
  scimType: "invalidSyntax" | "invalidPath" | "invalidFilter" | "noTarget" | "invalidValue" | "mutability";
  detail: string;
};

type Json = Record<string, unknown>;

const operation = z.object({
  op: z.string().transform((v) => v.toLowerCase()).pipe(z.enum(["add", "replace", "remove"])),
  path: z.string().max(512).optional(),
  value: z.unknown().optional(),
});

const patchBody = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(PATCH_SCHEMA), `"schemas" must contain "${PATCH_SCHEMA}"`),
  Operations: z.array(operation).min(1).max(100),
});

interface ParsedPath {
  attribute: string;
  filter?: { sub: string; value: unknown };
  sub?: string;
}

const READ_ONLY = new Set(["id", "meta", "schemas"]);
const MULTI = new Set(["emails", "phoneNumbers", "addresses"]);
const COMPLEX = new Set(["name"]);

const fail = (scimType: PatchError["scimType"], detail: string): PatchError => ({ status: 400, scimType, detail });

function parsePath(raw: string): ParsedPath | PatchError {
  const path = raw.startsWith(`${USER_SCHEMA}:`) ? raw.slice(USER_SCHEMA.length + 1) : raw;
  const match = /^([A-Za-z][\w$-]*)(?:\[\s*([A-Za-z][\w$-]*)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false|null|-?\d+(?:\.\d+)?)\s*\])?(?:\.([A-Za-z][\w$-]*))?$/i.exec(path);
  if (!match) return fail("invalidPath", `The path "${raw}" is not supported.`);
  const [, attr = "", filterSub, filterValue, sub] = match;
  const attribute = canonicalName("", attr);
  if (!attribute) return fail("invalidPath", `Unknown attribute "${attr}".`);
  if (READ_ONLY.has(attribute)) return fail("mutability", `"${attribute}" cannot be modified.`);
  const parsed: ParsedPath = { attribute };
  if (filterSub !== undefined) {
    if (!MULTI.has(attribute)) return fail("invalidPath", `"${attribute}" is not multi-valued.`);
    const name = canonicalName(attribute, filterSub);
    if (!name) return fail("invalidPath", `Unknown sub-attribute "${filterSub}".`);
    const value = filterLiteral(filterValue ?? "null");
    // RFC 7644 §3.12: a filter in a PATCH path that cannot be read is invalidFilter.
    if (!value.ok) return fail("invalidFilter", `The filter value ${filterValue} is not a valid JSON literal (RFC 7644 §3.4.2.2).`);
    parsed.filter = { sub: name, value: value.value };
  }
  if (sub !== undefined) {
    const name = canonicalName(attribute, sub);
    if (!name || (!MULTI.has(attribute) && !COMPLEX.has(attribute))) return fail("invalidPath", `Unknown sub-attribute "${sub}".`);
    parsed.sub = name;
  }
  return parsed;
}

/** A filter's comparison value: RFC 7644 §3.4.2.2 spells it as a JSON literal, so a string with
 * an escape JSON does not know (`"\q"`) is the client's mistake, not a failure of ours. */
function filterLiteral(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Provisioning clients (notably Azure AD) send booleans as "True"/"False". */
function coerce(attribute: string, value: unknown): unknown {
  if (attribute === "active" && typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return value;
}

const matches = (element: unknown, filter: NonNullable<ParsedPath["filter"]>) =>
  typeof element === "object" &&
  element !== null &&
  (() => {
    const actual = (element as Json)[filter.sub];
    return typeof actual === "string" && typeof filter.value === "string"
      ? actual.toLowerCase() === filter.value.toLowerCase()
      : actual === filter.value;
  })();

function applyWithPath(user: Json, op: "add" | "replace" | "remove", path: ParsedPath, rawValue: unknown): PatchError | undefined {
  const { attribute, filter, sub } = path;
  const value = coerce(attribute, rawValue);

  if (filter) {
    const list = Array.isArray(user[attribute]) ? [...(user[attribute] as unknown[])] : [];
    const hits = list.map((element, index) => (matches(element, filter) ? index : -1)).filter((i) => i >= 0);
    if (op === "remove") {
      if (hits.length === 0) return fail("noTarget", `No value of "${attribute}" matches the filter.`);
      if (sub) for (const i of hits) list[i] = Object.fromEntries(Object.entries(list[i] as Json).filter(([k]) => k !== sub));
      user[attribute] = sub ? list : list.filter((_, i) => !hits.includes(i));
      return undefined;
    }
    if (hits.length === 0) {
      if (op === "replace" && !sub) return fail("noTarget", `No value of "${attribute}" matches the filter.`);
      // A sub-attribute set on a filter that matches nothing adds that element (what Azure AD
      // expects when it first sets emails[type eq "work"].value).
      list.push(sub ? { [filter.sub]: filter.value, [sub]: value } : canonicalUser({ [attribute]: [value] }));
      user[attribute] = list;
      return undefined;
    }
    for (const i of hits) {
      list[i] = sub ? { ...(list[i] as Json), [sub]: value } : value;
    }
    user[attribute] = list;
    return undefined;
  }

  if (sub) {
    if (MULTI.has(attribute)) return fail("invalidPath", `Use a filter to change one value of "${attribute}".`);
    const current = typeof user[attribute] === "object" && user[attribute] !== null ? (user[attribute] as Json) : {};
    if (op === "remove") {
      user[attribute] = Object.fromEntries(Object.entries(current).filter(([k]) => k !== sub));
    } else {
      user[attribute] = { ...current, [sub]: value };
    }
    return undefined;
  }

  if (op === "remove") {
    delete user[attribute];
    return undefined;
  }
  const canonicalValue = (canonicalUser({ [attribute]: value }) as Json)[attribute];
  if (MULTI.has(attribute)) {
    const values = Array.isArray(canonicalValue) ? canonicalValue : [canonicalValue];
    const existing = Array.isArray(user[attribute]) ? (user[attribute] as unknown[]) : [];
    // RFC 7644 §3.5.2.1: add appends to a multi-valued attribute; replace replaces it whole.
    user[attribute] = op === "add" ? [...existing, ...values] : values;
    return undefined;
  }
  // RFC 7644 §3.5.2.1/.3: sub-attributes not in the value are left unchanged, for add and replace.
  if (COMPLEX.has(attribute) && typeof canonicalValue === "object" && canonicalValue !== null) {
    const current = typeof user[attribute] === "object" && user[attribute] !== null ? (user[attribute] as Json) : {};
    user[attribute] = { ...current, ...(canonicalValue as Json) };
    return undefined;
  }
  user[attribute] = canonicalValue;
  return undefined;
}

/** Applies a PatchOp body to a User's representation; answers the new representation (still to
 * be validated) or the first error. */
export function applyPatch(current: Json, body: unknown): { ok: true; user: Json } | { ok: false; error: PatchError } {
  const parsed = patchBody.safeParse(body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("; ");
    return { ok: false, error: fail("invalidSyntax", detail) };
  }
  const user: Json = structuredClone(current);
  for (const [index, op] of parsed.data.Operations.entries()) {
    let error: PatchError | undefined;
    if (op.path === undefined) {
      // RFC 7644 §3.5.2.1/.3: without a path the value is an object of attributes to add/replace.
      if (op.op === "remove") error = fail("noTarget", `Operations[${index}]: "remove" needs a path.`);
      else if (typeof op.value !== "object" || op.value === null || Array.isArray(op.value)) {
        error = fail("invalidValue", `Operations[${index}]: without a path, "value" must be an object.`);
      } else {
        for (const [key, value] of Object.entries(op.value)) {
          const target = parsePath(key);
          if ("status" in target) {
            error = { ...target, detail: `Operations[${index}]: ${target.detail}` };
            break;
          }
          error = applyWithPath(user, op.op, target, value);
          if (error) break;
        }
      }
    } else {
      const target = parsePath(op.path);
      if ("status" in target) error = target;
      else if (op.op !== "remove" && op.value === undefined) error = fail("invalidValue", `"value" is required for "${op.op}".`);
      else error = applyWithPath(user, op.op, target, op.value);
      if (error) error = { ...error, detail: `Operations[${index}]: ${error.detail}` };
    }
    if (error) return { ok: false, error };
  }
  return { ok: true, user };
}
