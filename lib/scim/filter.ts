import { canonicalName } from "./schemas";

// RFC 7644 §3.4.2.2 filters, the subset provisioning clients use to find an account before
// creating it: one `eq` comparison on userName, externalId, id or an email address. Anything
// else is refused with invalidFilter rather than silently ignored (an ignored filter would list
// everyone and let a client act on the wrong account).

export type UserFilter =
  | { attribute: "userName" | "externalId" | "id" | "email"; value: string }
  | undefined;

export type ParsedFilter = { ok: true; filter: UserFilter } | { ok: false; detail: string };

const EQ = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;
const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User:";

export function parseUserFilter(raw: string | null): ParsedFilter {
  if (raw === null || raw.trim() === "") return { ok: true, filter: undefined };
  const match = EQ.exec(raw);
  if (!match) return { ok: false, detail: 'Only filters of the form attribute eq "value" are supported.' };
  const [, rawPath = "", quoted = ""] = match;
  const path = rawPath.toLowerCase().startsWith(USER_URN.toLowerCase()) ? rawPath.slice(USER_URN.length) : rawPath;
  let value: string;
  try {
    value = JSON.parse(`"${quoted}"`) as string;
  } catch {
    return { ok: false, detail: "The filter value is not a valid string." };
  }
  const lower = path.toLowerCase();
  if (lower === "emails" || lower === "emails.value") return { ok: true, filter: { attribute: "email", value } };
  const attribute = canonicalName("", path);
  if (attribute === "userName" || attribute === "externalId" || attribute === "id") return { ok: true, filter: { attribute, value } };
  return { ok: false, detail: `Filtering on "${path}" is not supported (userName, externalId, id, emails.value are).` };
}
