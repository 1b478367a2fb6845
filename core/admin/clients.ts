import type { Context } from "koa";
import type { ClientMetadata } from "oidc-provider";
import {
  clientInputSchema,
  generateClientId,
  generateSecret,
  hashSecret,
  normalizeClient,
  toProviderMetadata,
  type ClientView,
  type HydraClient,
} from "../clients";
import type { AdminDeps } from "./deps";
import { HydraError, notFound, parse, pathParam, queryParam, readJson } from "./http";
import { linkHeader, pageSize } from "./pagination";

// POST/GET /admin/clients, GET/PUT/DELETE /admin/clients/{id} — Hydra's OAuth2Client JSON.

const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** oidc-provider's own metadata rules (redirect URIs, grant/response type pairs, …) → 400. */
async function validateForProvider(deps: AdminDeps, client: HydraClient) {
  try {
    await deps.provider.Client.validate(toProviderMetadata(client, "scrypt$validation$only") as ClientMetadata);
  } catch (err) {
    const error = err as { error?: string; error_description?: string };
    throw new HydraError(400, error.error ?? "invalid_client_metadata", error.error_description ?? "invalid client metadata", err);
  }
}

export function createClient(deps: AdminDeps) {
  return async (ctx: Context) => {
    const raw = asObject(await readJson(ctx));
    const input = parse(clientInputSchema, raw);
    const client = normalizeClient(input, raw, input.client_id ?? generateClientId());
    await validateForProvider(deps, client);
    if (await deps.clients.get(client.client_id)) {
      throw new HydraError(409, "resource_conflict", "A client with this client_id exists already.");
    }
    const secret = client.token_endpoint_auth_method === "none" ? undefined : (input.client_secret ?? generateSecret());
    const created: ClientView = await deps.clients.insert(client, secret ? await hashSecret(secret) : null);
    ctx.status = 201;
    ctx.body = secret ? { ...created, client_secret: secret } : created;
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

export function replaceClient(deps: AdminDeps) {
  return async (ctx: Context) => {
    const clientId = pathParam(ctx, "id");
    const raw = asObject(await readJson(ctx));
    const input = parse(clientInputSchema, raw);
    const existingHash = await deps.clients.secretHashOf(clientId);
    if (existingHash === undefined) throw notFound("Unable to locate the resource");
    const client = normalizeClient(input, raw, clientId);
    await validateForProvider(deps, client);

    // Hydra: a secret in the body replaces the stored one; without one the stored secret stays.
    let secret: string | undefined;
    let hash: string | null | undefined;
    if (client.token_endpoint_auth_method === "none") {
      hash = null;
    } else if (input.client_secret) {
      secret = input.client_secret;
      hash = await hashSecret(secret);
    } else if (!existingHash) {
      secret = generateSecret();
      hash = await hashSecret(secret);
    }
    const updated = await deps.clients.replace(client, hash);
    if (!updated) throw notFound("Unable to locate the resource");
    ctx.body = secret ? { ...updated, client_secret: secret } : updated;
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
