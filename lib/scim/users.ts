import "server-only";
import { env } from "@/lib/config/env";
import { identityStore, type Account } from "@/lib/identity";
import { hasBearer } from "./auth";
import { scimError, scimJson } from "./responses";
import { parseUserCreate, USER_SCHEMA } from "./schemas";

// POST /scim/v2/Users (RFC 7644 §3.3): provisioning from an HR system or IdM.

export async function createUser(request: Request): Promise<Response> {
  if (!hasBearer(request.headers.get("authorization"), env().TOBIRA_ADMIN_TOKEN)) {
    return scimError(401, "A valid bearer token is required.", undefined, { "www-authenticate": 'Bearer realm="scim"' });
  }
  const parsed = parseUserCreate(await request.text());
  if (!parsed.ok) return scimError(400, parsed.detail, parsed.scimType);

  const { user } = parsed;
  const email = user.emails?.find((e) => e.primary) ?? user.emails?.[0];
  const store = await identityStore();
  const created = await store.accounts.create({
    userName: user.userName,
    password: user.password,
    email: email?.value,
    givenName: user.name?.givenName,
    familyName: user.name?.familyName,
    displayName: user.displayName ?? user.name?.formatted,
    active: user.active,
  });
  if (!created.ok) return scimError(409, "userName is already in use.", "uniqueness");

  const resource = toScimUser(created.account);
  return scimJson(201, resource, { location: resource.meta.location, etag: resource.meta.version });
}

export function toScimUser(account: Account) {
  const location = new URL(`/scim/v2/Users/${account.id}`, env().TOBIRA_PUBLIC_URL).toString();
  const formatted = [account.givenName, account.familyName].filter(Boolean).join(" ") || undefined;
  return {
    schemas: [USER_SCHEMA],
    id: account.id,
    userName: account.userName,
    name: { givenName: account.givenName, familyName: account.familyName, formatted },
    displayName: account.displayName,
    emails: account.email ? [{ value: account.email, primary: true }] : [],
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
