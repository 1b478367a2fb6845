import type { Context } from "koa";
import type { ClientMetadata } from "oidc-provider";
import { LIFESPAN_FIELDS } from "../client-lifespans";
import {
  clientInputSchema,
  normalizeClient,
  refuseUnsupported,
  toProviderMetadata,
  UnsupportedClientField,
  withDefaults,
  type HydraClient,
} from "../client-model";
import { generateSecret, hashSecret, sealSecret } from "../client-secrets";
import { generateClientId, type StoredSecret } from "../clients";
import { secretRingOf } from "../config";
import { fapiClientProblem } from "../fapi";
import { ALLOW_IMPLICIT_FIELD, asksForImplicit, implicitAllowed } from "../response-types";
import type { AdminDeps } from "./deps";
import { HydraError, notFound, parse, pathParam, queryParam, readJson } from "./http";
import { applyJsonPatch, jsonPatchSchema } from "./json-patch";
import { linkHeader, pageSize } from "./pagination";

// POST/GET /admin/clients, GET/PUT/PATCH/DELETE /admin/clients/{id}, PUT
// /admin/clients/{id}/lifespans — Hydra's OAuth2Client JSON (core/client-model.ts).

const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const invalidMetadata = (description: string, detail?: unknown) => new HydraError(400, "invalid_client_metadata", description, detail);

/**
 * A client as written (create, replace, or the result of a patch):
 * 1. a Hydra field the core cannot honour, with a value → 400 invalid_client_metadata naming it
 * 2. the shape of every field → 400 invalid_request naming it
 * 3. a response type other than `code` (implicit, hybrid, `none`) without the operator's
 *    `metadata.tobira.allow_implicit: true` (RFC 9700 2.1.2) → 400 invalid_client_metadata
 * 4. a FAPI profile in `metadata.tobira.fapi_profile` whose rules the client breaks (core/fapi.ts)
 *    → 400 invalid_client_metadata naming the field
 * 5. oidc-provider's metadata rules: redirect URIs, grant/response type pairs, algorithms,
 *    private_key_jwt needs jwks or jwks_uri (never both), a pairwise client's sector (its
 *    sector_identifier_uri is fetched and must list every redirect URI, OIDC Registration §5)
 *    → 400 invalid_client_metadata
 */
async function readClient(deps: AdminDeps, raw: Record<string, unknown>, clientId?: string) {
  try {
    refuseUnsupported(raw);
  } catch (err) {
    if (err instanceof UnsupportedClientField) throw invalidMetadata(err.message);
    throw err;
  }
  const input = parse(clientInputSchema, raw);
  const client = normalizeClient(input, raw, clientId ?? input.client_id ?? generateClientId());
  if (asksForImplicit(client) && !implicitAllowed(client.metadata)) {
    const field = client.response_types.some((type) => type !== "code") ? "response_types" : "grant_types";
    throw invalidMetadata(
      `${field}: only the "code" response type is offered (RFC 9700: no implicit or hybrid flows); set ${ALLOW_IMPLICIT_FIELD}: true to enable others for this client.`,
    );
  }
  const fapi = fapiClientProblem(client);
  if (fapi) throw invalidMetadata(`${fapi.message}.`);
  await validateForProvider(deps, client);
  return { input, client };
}

async function validateForProvider(deps: AdminDeps, client: HydraClient) {
  try {
    await deps.provider.Client.validate(toProviderMetadata(client, "validation-only-secret") as ClientMetadata);
  } catch (err) {
    const error = err as { error?: string; error_description?: string };
    throw invalidMetadata(error.error_description ?? "invalid client metadata", err);
  }
}

async function storedSecret(deps: AdminDeps, client: HydraClient, secret: string): Promise<StoredSecret> {
  const sealed = client.token_endpoint_auth_method === "client_secret_jwt";
  return {
    hash: await hashSecret(secret),
    sealed: sealed ? sealSecret(secretRingOf(deps.config), client.client_id, secret) : null,
  };
}

/**
 * The secret after a write (Hydra: a secret in the body replaces the stored one, otherwise it stays):
 * 1. public clients (`none`) keep no secret
 * 2. a secret given, or none stored yet → that one, or a new one, returned once
 * 3. client_secret_jwt needs the secret itself, which a client that had another method kept
 *    only as a hash → 400 unless the body brings client_secret
 * 4. otherwise the stored secret stays (sealed only while the method is client_secret_jwt)
 */
async function nextSecret(
  deps: AdminDeps,
  client: HydraClient,
  given: string | undefined,
  existing: StoredSecret | undefined,
): Promise<{ stored: StoredSecret | undefined; returned?: string }> {
  if (client.token_endpoint_auth_method === "none") return { stored: { hash: null, sealed: null } };
  if (given || !existing?.hash) {
    const secret = given ?? generateSecret();
    return { stored: await storedSecret(deps, client, secret), returned: secret };
  }
  const jwt = client.token_endpoint_auth_method === "client_secret_jwt";
  if (jwt && !existing.sealed) {
    throw invalidMetadata("client_secret: client_secret_jwt needs the client_secret in this request (the stored one is only a hash).");
  }
  if (!jwt && existing.sealed) return { stored: { hash: existing.hash, sealed: null } };
  return { stored: undefined };
}

export function createClient(deps: AdminDeps) {
  return async (ctx: Context) => {
    const raw = asObject(await readJson(ctx));
    const { input, client } = await readClient(deps, raw);
    const exists = () => new HydraError(409, "resource_conflict", "A client with this client_id exists already.");
    if (await deps.clients.get(client.client_id)) throw exists();
    const secret = await nextSecret(deps, client, input.client_secret || undefined, undefined);
    const created = await deps.clients.insert(client, secret.stored ?? { hash: null, sealed: null });
    if (!created) throw exists();
    ctx.status = 201;
    ctx.body = secret.returned ? { ...created, client_secret: secret.returned } : created;
  };
}

export function listClients(deps: AdminDeps) {
  return async (ctx: Context) => {
    const limit = pageSize(ctx, 250);
    const token = queryParam(ctx, "page_token");
    const after = token ? Buffer.from(token, "base64url").toString("utf8") : undefined;
    const rows = await deps.clients.list({
      limit: limit + 1,
      after,
      clientName: queryParam(ctx, "client_name"),
      owner: queryParam(ctx, "owner"),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last ? Buffer.from(last.client_id).toString("base64url") : undefined;
    ctx.set("Link", linkHeader(ctx, limit, next));
    ctx.body = page;
  };
}

export function getClient(deps: AdminDeps) {
  return async (ctx: Context) => {
    const client = await deps.clients.get(pathParam(ctx, "id"));
    if (!client) throw notFound("Unable to locate the resource");
    ctx.body = client;
  };
}

/** Stores `raw` as the whole client `clientId` (PUT, and PATCH once the patch is applied). */
async function write(deps: AdminDeps, ctx: Context, clientId: string, raw: Record<string, unknown>) {
  const existing = await deps.clients.secretOf(clientId);
  if (!existing) throw notFound("Unable to locate the resource");
  const { input, client } = await readClient(deps, raw, clientId);
  const secret = await nextSecret(deps, client, input.client_secret || undefined, existing);
  const updated = await deps.clients.replace(client, secret.stored);
  if (!updated) throw notFound("Unable to locate the resource");
  ctx.body = secret.returned ? { ...updated, client_secret: secret.returned } : updated;
}

export function replaceClient(deps: AdminDeps) {
  return async (ctx: Context) => {
    await write(deps, ctx, pathParam(ctx, "id"), asObject(await readJson(ctx)));
  };
}

/**
 * RFC 6902 JSON Patch on the client as GET returns it, every field present (Hydra's SDK sends it
 * as application/json). The result is written like a PUT, so it is checked like one.
 * 1. not a JSON Patch, or an operation that does not apply (a failed `test`) → 400
 * 2. a patch that changes client_id → 400 (the id is the resource's name)
 */
export function patchClient(deps: AdminDeps) {
  return async (ctx: Context) => {
    const clientId = pathParam(ctx, "id");
    const patch = parse(jsonPatchSchema, await readJson(ctx));
    const current = await deps.clients.get(clientId);
    if (!current) throw notFound("Unable to locate the resource");
    const patched = asObject(applyJsonPatch<Record<string, unknown>>({ ...withDefaults(current) }, patch));
    if (patched.client_id !== clientId) throw new HydraError(400, "invalid_request", "client_id cannot be changed by a patch.");
    await write(deps, ctx, clientId, patched);
  };
}

/** Hydra's setOAuth2ClientLifespans: the body is the whole set of lifespans (absent ones: default). */
export function setClientLifespans(deps: AdminDeps) {
  return async (ctx: Context) => {
    const clientId = pathParam(ctx, "id");
    const raw = asObject(await readJson(ctx));
    const current = await deps.clients.get(clientId);
    if (!current) throw notFound("Unable to locate the resource");
    const lifespans = Object.fromEntries(LIFESPAN_FIELDS.map((field) => [field, raw[field] ?? null]));
    await write(deps, ctx, clientId, { ...withDefaults(current), ...lifespans });
  };
}

export function deleteClient(deps: AdminDeps) {
  return async (ctx: Context) => {
    const clientId = pathParam(ctx, "id");
    if (!(await deps.clients.delete(clientId))) throw notFound("Unable to locate the resource");
    // Like Hydra's foreign keys: the client's grants, tokens and consent sessions go with it.
    await deps.consents.deleteForClient(clientId);
    await deps.db.deleteFrom("oidc_payloads").where("client_id", "=", clientId).execute();
    ctx.status = 204;
  };
}
