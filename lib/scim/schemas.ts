import { z } from "zod";

// RFC 7643 §4.1 User, the attributes Tobira keeps. Attribute names are case-insensitive
// (RFC 7643 §2.1), so known names are canonicalised before validation.

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

const email = z.object({
  value: z.email(),
  primary: z.boolean().optional(),
  type: z.string().optional(),
});

export const scimUserCreate = z.object({
  schemas: z.array(z.string()),
  userName: z.string().trim().min(1).max(256),
  // A password policy (length, breached-password check) arrives with registration; 8 is NIST
  // SP 800-63B's floor.
  password: z.string().min(8).max(1024).optional(),
  name: z
    .object({
      givenName: z.string().trim().max(256).optional(),
      familyName: z.string().trim().max(256).optional(),
      formatted: z.string().trim().max(512).optional(),
    })
    .optional(),
  displayName: z.string().trim().max(256).optional(),
  emails: z.array(email).max(20).optional(),
  active: z.boolean().optional(),
  externalId: z.string().max(256).optional(),
});

export type ScimUserCreate = z.infer<typeof scimUserCreate>;

const TOP = ["schemas", "userName", "password", "name", "displayName", "emails", "active", "externalId"];
const NAME = ["givenName", "familyName", "formatted"];
const EMAIL = ["value", "primary", "type"];

function canonical(value: unknown, names: string[]): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [byLower.get(key.toLowerCase()) ?? key, v]));
}

/** Canonicalises attribute-name case of a parsed JSON body (top level, name, emails[]). */
export function canonicalUser(body: unknown): unknown {
  const top = canonical(body, TOP);
  if (typeof top !== "object" || top === null || Array.isArray(top)) return top;
  const record = top as Record<string, unknown>;
  return {
    ...record,
    ...(record.name !== undefined ? { name: canonical(record.name, NAME) } : {}),
    ...(Array.isArray(record.emails) ? { emails: record.emails.map((e) => canonical(e, EMAIL)) } : {}),
  };
}

export type ParsedUser =
  | { ok: true; user: ScimUserCreate }
  | { ok: false; scimType: "invalidSyntax" | "invalidValue"; detail: string };

/** Validates a create-User body (RFC 7644 §3.3): structure errors are invalidSyntax, bad or
 * missing attribute values invalidValue. */
export function parseUserCreate(text: string): ParsedUser {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, scimType: "invalidSyntax", detail: "The request body is not valid JSON." };
  }
  const body = canonicalUser(json);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, scimType: "invalidSyntax", detail: "The request body must be a JSON object." };
  }
  const schemas = (body as Record<string, unknown>).schemas;
  if (!Array.isArray(schemas) || !schemas.includes(USER_SCHEMA)) {
    return { ok: false, scimType: "invalidSyntax", detail: `"schemas" must contain "${USER_SCHEMA}".` };
  }
  const parsed = scimUserCreate.safeParse(body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("; ");
    return { ok: false, scimType: "invalidValue", detail };
  }
  return { ok: true, user: parsed.data };
}
