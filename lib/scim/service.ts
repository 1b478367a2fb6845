import type { Account, IdentityStore } from "@/lib/identity";
import { parseUserFilter } from "./filter";
import { applyPatch } from "./patch";
import { scimError, scimJson } from "./responses";
import { LIST_SCHEMA, parseJson, toNewAccount, USER_SCHEMA, validateUser } from "./schemas";

// The SCIM 2.0 Users endpoint's behaviour (RFC 7644 §3), free of Next.js and of the admin API
// so that it is tested against a real identity store. Routes add authentication and wiring.

export interface ScimDeps {
  store: IdentityStore;
  /** The UI's public URL: resource locations are absolute (RFC 7643 §3.1 meta.location). */
  baseUrl: string;
  /** Ends the person's login and consent sessions at the authorization server. */
  endSessions: (subject: string) => Promise<void>;
}

export const MAX_PAYLOAD = 1_048_576;
export const MAX_RESULTS = 200;

export function toScimUser(account: Account, baseUrl: string) {
  const location = new URL(`/scim/v2/Users/${account.id}`, baseUrl).toString();
  const formatted = [account.givenName, account.familyName].filter(Boolean).join(" ") || undefined;
  const a = account.address;
  return {
    schemas: [USER_SCHEMA],
    id: account.id,
    ...(account.externalId ? { externalId: account.externalId } : {}),
    userName: account.userName,
    name: { givenName: account.givenName, familyName: account.familyName, formatted },
    displayName: account.displayName,
    emails: account.email ? [{ value: account.email, type: "work", primary: true }] : [],
    phoneNumbers: account.phoneNumber ? [{ value: account.phoneNumber, type: "work", primary: true }] : [],
    addresses: a ? [{ ...a, type: "work", primary: true }] : [],
    locale: account.locale,
    timezone: account.zoneinfo,
    active: account.active,
    meta: {
      resourceType: "User",
      created: account.createdAt.toISOString(),
      lastModified: account.updatedAt.toISOString(),
      location,
      version: `W/"${account.updatedAt.getTime()}"`,
    },
  };
}

const notFound = (id: string) => scimError(404, `User ${JSON.stringify(id)} not found.`);

async function readBody(request: Request): Promise<{ ok: true; json: unknown } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_PAYLOAD) return { ok: false, response: scimError(413, `The body exceeds ${MAX_PAYLOAD} bytes.`) };
  const text = await request.text();
  if (text.length > MAX_PAYLOAD) return { ok: false, response: scimError(413, `The body exceeds ${MAX_PAYLOAD} bytes.`) };
  const parsed = parseJson(text);
  return parsed.ok ? parsed : { ok: false, response: scimError(400, "The request body is not valid JSON.", "invalidSyntax") };
}

/** RFC 7644 §3.4.2.4: startIndex is 1-based (below 1 means 1); count below 0 means 0. */
function paging(params: URLSearchParams): { startIndex: number; count: number } | { error: string } {
  const number = (name: string) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return undefined;
    return /^-?\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  };
  const start = number("startIndex");
  const count = number("count");
  if (Number.isNaN(start) || Number.isNaN(count)) return { error: "startIndex and count must be integers." };
  return { startIndex: Math.max(1, start ?? 1), count: Math.min(MAX_RESULTS, Math.max(0, count ?? 100)) };
}

export function scimUsers(deps: ScimDeps) {
  const { store, baseUrl } = deps;
  const resource = (account: Account) => toScimUser(account, baseUrl);
  const written = (status: number, account: Account) => {
    const body = resource(account);
    return scimJson(status, body, { location: body.meta.location, etag: body.meta.version });
  };

  /** Validates a whole User and writes it over `id` in one statement; ends sessions when the
   * account stops being active. */
  async function replaceWith(id: string, json: unknown): Promise<Response> {
    const parsed = validateUser(json);
    if (!parsed.ok) return scimError(400, parsed.detail, parsed.scimType);
    const replaced = await store.accounts.replace(id, toNewAccount(parsed.user));
    if (!replaced.ok) return replaced.error === "not_found" ? notFound(id) : scimError(409, "userName is already in use.", "uniqueness");
    if (replaced.previous.active && !replaced.account.active) await deps.endSessions(id);
    return written(200, replaced.account);
  }

  return {
    /** POST /Users (RFC 7644 §3.3). */
    async create(request: Request): Promise<Response> {
      const body = await readBody(request);
      if (!body.ok) return body.response;
      const parsed = validateUser(body.json);
      if (!parsed.ok) return scimError(400, parsed.detail, parsed.scimType);
      const created = await store.accounts.create(toNewAccount(parsed.user));
      if (!created.ok) return scimError(409, "userName is already in use.", "uniqueness");
      return written(201, created.account);
    },

    /** GET /Users/{id} (RFC 7644 §3.4.1). */
    async get(id: string): Promise<Response> {
      const account = await store.accounts.findById(id);
      if (!account) return notFound(id);
      const body = resource(account);
      return scimJson(200, body, { etag: body.meta.version });
    },

    /** GET /Users with filter and paging (RFC 7644 §3.4.2). */
    async list(params: URLSearchParams): Promise<Response> {
      const filter = parseUserFilter(params.get("filter"));
      if (!filter.ok) return scimError(400, filter.detail, "invalidFilter");
      const page = paging(params);
      if ("error" in page) return scimError(400, page.error, "invalidValue");
      const f = filter.filter;
      if (f?.attribute === "id") {
        const account = await store.accounts.findById(f.value);
        const all = account ? [account] : [];
        const slice = all.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
        return listResponse(all.length, page.startIndex, slice.map(resource));
      }
      const { total, accounts } = await store.accounts.list({
        userName: f?.attribute === "userName" ? f.value : undefined,
        externalId: f?.attribute === "externalId" ? f.value : undefined,
        email: f?.attribute === "email" ? f.value : undefined,
        offset: page.startIndex - 1,
        limit: page.count,
      });
      return listResponse(total, page.startIndex, accounts.map(resource));
    },

    /** PUT /Users/{id} (RFC 7644 §3.5.1). */
    async replace(id: string, request: Request): Promise<Response> {
      const body = await readBody(request);
      if (!body.ok) return body.response;
      return replaceWith(id, body.json);
    },

    /** PATCH /Users/{id} (RFC 7644 §3.5.2): every operation applies, or none. */
    async patch(id: string, request: Request): Promise<Response> {
      const body = await readBody(request);
      if (!body.ok) return body.response;
      const account = await store.accounts.findById(id);
      if (!account) return notFound(id);
      const patched = applyPatch(resource(account) as unknown as Record<string, unknown>, body.json);
      if (!patched.ok) return scimError(patched.error.status, patched.error.detail, patched.error.scimType);
      return replaceWith(id, patched.user);
    },

    /** DELETE /Users/{id} (RFC 7644 §3.6): the account is gone and so are its sessions. */
    async remove(id: string): Promise<Response> {
      const deleted = await store.accounts.delete(id);
      if (!deleted) return notFound(id);
      await deps.endSessions(id);
      return new Response(null, { status: 204 });
    },
  };
}

function listResponse(total: number, startIndex: number, resources: unknown[]): Response {
  return scimJson(200, { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources });
}
