import { z } from "zod";
import { checkNewPassword, PASSWORD_MAX, PASSWORD_MIN, type PasswordProblem } from "@/lib/identity/password-policy";
import type { NewAccount } from "@/lib/identity/accounts";

// RFC 7643 §4.1 User, the attributes Tobira keeps. Attribute names are case-insensitive
// (RFC 7643 §2.1), so known names are canonicalised before validation. Attributes Tobira does
// not keep (title, the enterprise extension, …) are accepted and ignored.

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** No control characters (C0, DEL, C1): never part of a name or an identifier, and PostgreSQL
 * cannot store NUL at all (it answered 500). Bidi marks (format characters) stay allowed. */
const plain = () => z.string().regex(/^\P{Cc}*$/u, "must not contain control characters");
const text = (max: number) => plain().trim().max(max);

const email = z.object({
  value: z.email(),
  primary: z.boolean().optional(),
  type: plain().max(64).optional(),
});

const phoneNumber = z.object({
  // RFC 7643 §4.1.2 recommends RFC 3966 but accepts any text; keep it printable and short.
  value: z.string().trim().min(1).max(64).regex(/^[0-9+().\-\s;=a-zA-Z:]+$/, "must be a phone number"),
  primary: z.boolean().optional(),
  type: plain().max(64).optional(),
});

const address = z.object({
  formatted: text(512).optional(),
  streetAddress: text(256).optional(),
  locality: text(128).optional(),
  region: text(128).optional(),
  postalCode: text(32).optional(),
  country: text(64).optional(),
  primary: z.boolean().optional(),
  type: plain().max(64).optional(),
});

const PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  tooShort: `must be at least ${PASSWORD_MIN} characters`,
  tooLong: `must be at most ${PASSWORD_MAX} characters`,
  common: "is a commonly used password",
  containsIdentifier: "must not be the user name or an email address of the account",
};

const user = z.object({
  schemas: z.array(z.string()),
  userName: plain().trim().min(1).max(256),
  password: z.string().optional(),
  name: z
    .object({
      givenName: text(256).optional(),
      familyName: text(256).optional(),
      formatted: text(512).optional(),
    })
    .optional(),
  displayName: text(256).optional(),
  emails: z.array(email).max(20).optional(),
  phoneNumbers: z.array(phoneNumber).max(20).optional(),
  addresses: z.array(address).max(20).optional(),
  // RFC 7643 §4.1.1: locale (e.g. "ja-JP") and timezone (IANA, e.g. "Asia/Tokyo").
  locale: z.string().trim().max(35).regex(/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/, "must be a language tag").optional(),
  timezone: z.string().trim().max(64).regex(/^[A-Za-z0-9_+\-/]+$/, "must be an IANA time zone").optional(),
  active: z.boolean().optional(),
  externalId: plain().max(256).optional(),
});

/** A User as SCIM sends it. The password meets the same policy as everywhere else
 * (lib/identity/password-policy.ts), checked against the user name and addresses of the User it
 * is part of: on create, on replace, and on PATCH (which is validated as the whole User it makes). */
export const scimUser = user.superRefine((value, ctx) => {
  if (value.password === undefined) return;
  const problem = checkNewPassword(value.password, [value.userName, ...(value.emails ?? []).map((email) => email.value)]);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: PASSWORD_PROBLEMS[problem] });
});

export type ScimUser = z.infer<typeof scimUser>;
/** Kept for the create path's callers. */
export type ScimUserCreate = ScimUser;

/** Canonical spelling of every attribute Tobira knows, by parent ("" is the top level). */
export const ATTRIBUTES: Record<string, string[]> = {
  "": [
    "schemas",
    "id",
    "meta",
    "userName",
    "password",
    "name",
    "displayName",
    "emails",
    "phoneNumbers",
    "addresses",
    "locale",
    "timezone",
    "active",
    "externalId",
  ],
  name: ["givenName", "familyName", "formatted"],
  emails: ["value", "primary", "type", "display"],
  phoneNumbers: ["value", "primary", "type", "display"],
  addresses: ["formatted", "streetAddress", "locality", "region", "postalCode", "country", "primary", "type"],
};

export function canonicalName(parent: string, name: string): string | undefined {
  const lower = name.toLowerCase();
  return ATTRIBUTES[parent]?.find((known) => known.toLowerCase() === lower);
}

function canonical(value: unknown, parent: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [canonicalName(parent, key) ?? key, v]));
}

/** Canonicalises attribute-name case of a parsed JSON body (top level and sub-attributes). */
export function canonicalUser(body: unknown): unknown {
  const top = canonical(body, "");
  if (typeof top !== "object" || top === null || Array.isArray(top)) return top;
  const record = { ...(top as Record<string, unknown>) };
  if (record.name !== undefined) record.name = canonical(record.name, "name");
  for (const multi of ["emails", "phoneNumbers", "addresses"]) {
    if (Array.isArray(record[multi])) record[multi] = (record[multi] as unknown[]).map((e) => canonical(e, multi));
  }
  return record;
}

export type ParsedUser =
  | { ok: true; user: ScimUser }
  | { ok: false; scimType: "invalidSyntax" | "invalidValue"; detail: string };

export function parseJson(text: string): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Validates a User resource (create or replace, RFC 7644 §3.3, §3.5.1): structure errors are
 * invalidSyntax, bad or missing attribute values invalidValue. */
export function validateUser(json: unknown): ParsedUser {
  const body = canonicalUser(json);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, scimType: "invalidSyntax", detail: "The request body must be a JSON object." };
  }
  const schemas = (body as Record<string, unknown>).schemas;
  if (!Array.isArray(schemas) || !schemas.includes(USER_SCHEMA)) {
    return { ok: false, scimType: "invalidSyntax", detail: `"schemas" must contain "${USER_SCHEMA}".` };
  }
  const parsed = scimUser.safeParse(body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("; ");
    return { ok: false, scimType: "invalidValue", detail };
  }
  return { ok: true, user: parsed.data };
}

export function parseUserCreate(text: string): ParsedUser {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, scimType: "invalidSyntax", detail: "The request body is not valid JSON." };
  return validateUser(parsed.json);
}

/** The primary element of a multi-valued attribute, else the first (RFC 7643 §2.4). */
function primaryOf<T extends { primary?: boolean }>(values: T[] | undefined): T | undefined {
  return values?.find((v) => v.primary) ?? values?.[0];
}

/** name.formatted stands in for a missing displayName, unless it only repeats the given and
 * family names (as Tobira's own representation does), so that a read-modify-write round trip
 * does not invent a displayName. */
function distinctFormatted(user: ScimUser): string | undefined {
  const formatted = user.name?.formatted;
  const composed = [user.name?.givenName, user.name?.familyName].filter(Boolean).join(" ");
  return formatted && formatted !== composed ? formatted : undefined;
}

/** What a SCIM User says, as an account. Absent attributes are absent (a replace clears them). */
export function toNewAccount(user: ScimUser): NewAccount {
  const email = primaryOf(user.emails);
  const phone = primaryOf(user.phoneNumbers);
  const postal = primaryOf(user.addresses);
  return {
    userName: user.userName,
    password: user.password,
    email: email?.value,
    // An HR system vouches for the addresses it provisions.
    emailVerified: email !== undefined,
    givenName: user.name?.givenName || undefined,
    familyName: user.name?.familyName || undefined,
    displayName: user.displayName || distinctFormatted(user) || undefined,
    phoneNumber: phone?.value,
    phoneNumberVerified: false,
    locale: user.locale,
    zoneinfo: user.timezone,
    address: postal
      ? {
          formatted: postal.formatted,
          streetAddress: postal.streetAddress,
          locality: postal.locality,
          region: postal.region,
          postalCode: postal.postalCode,
          country: postal.country,
        }
      : undefined,
    externalId: user.externalId,
    active: user.active,
  };
}
