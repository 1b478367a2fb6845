import crypto from "node:crypto";
import { promisify } from "node:util";
import type { AdapterPayload } from "oidc-provider";
import { z } from "zod";
import { nowSeconds } from "../common/db/connect";
import { num, type CoreDatabase } from "./db/store";

// OAuth 2.0 clients in Hydra's JSON shape (OAuth2Client), stored in the core's DB and served to
// oidc-provider through the adapter's `Client` model, so a change through the admin API applies to
// the next request and survives restart. Secrets are stored as scrypt hashes only.

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export const DEFAULT_SCOPE = "offline_access offline openid";

/** `client_name#ja`, `logo_uri#en-US`, …: OIDC Dynamic Registration §2.1 language-tagged fields. */
const LOCALIZED_KEY = /^(client_name|logo_uri|client_uri|policy_uri|tos_uri)#[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

const optionalUrl = z.union([z.literal(""), z.url()]).optional();

/** Admin API input (create / replace). Unknown top-level fields are ignored, like Hydra. */
export const clientInputSchema = z.object({
  client_id: z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, "client_id must be printable ASCII").optional(),
  client_secret: z.string().min(6).max(512).optional(),
  client_name: z.string().max(1024).optional(),
  redirect_uris: z.array(z.url()).optional(),
  post_logout_redirect_uris: z.array(z.url()).optional(),
  grant_types: z
    .array(z.enum(["authorization_code", "refresh_token", "client_credentials", "implicit", "urn:ietf:params:oauth:grant-type:device_code"]))
    .optional(),
  response_types: z.array(z.string().min(1)).optional(),
  scope: z.string().max(4096).optional(),
  audience: z.array(z.string().min(1)).optional(),
  token_endpoint_auth_method: z.enum(["client_secret_basic", "client_secret_post", "none"]).optional(),
  logo_uri: optionalUrl,
  tos_uri: optionalUrl,
  policy_uri: optionalUrl,
  client_uri: optionalUrl,
  contacts: z.array(z.string()).nullable().optional(),
  owner: z.string().max(255).optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  skip_consent: z.boolean().optional(),
});

export type ClientInput = z.infer<typeof clientInputSchema>;

/** Stored and returned client (Hydra OAuth2Client subset). `client_secret` appears only on create. */
export interface HydraClient {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  scope: string;
  audience: string[];
  token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "none";
  logo_uri: string;
  tos_uri: string;
  policy_uri: string;
  client_uri: string;
  contacts: string[];
  owner: string;
  metadata: Record<string, unknown>;
  skip_consent: boolean;
  subject_type: "public";
  client_secret_expires_at: 0;
  /** Language-tagged variants (`client_name#ja`) given at the top level, kept verbatim. */
  [localized: `${string}#${string}`]: string;
}

export interface ClientView extends HydraClient {
  created_at: string;
  updated_at: string;
  client_secret?: string;
}

export class ClientInputError extends Error {}

/** Applies Hydra's defaults; `raw` is the request body (for language-tagged keys). */
export function normalizeClient(input: ClientInput, raw: Record<string, unknown>, clientId: string): HydraClient {
  const client: HydraClient = {
    client_id: clientId,
    client_name: input.client_name ?? "",
    redirect_uris: input.redirect_uris ?? [],
    post_logout_redirect_uris: input.post_logout_redirect_uris ?? [],
    grant_types: input.grant_types ?? ["authorization_code"],
    response_types: input.response_types ?? ["code"],
    scope: input.scope?.trim() || DEFAULT_SCOPE,
    audience: input.audience ?? [],
    token_endpoint_auth_method: input.token_endpoint_auth_method ?? "client_secret_basic",
    logo_uri: input.logo_uri ?? "",
    tos_uri: input.tos_uri ?? "",
    policy_uri: input.policy_uri ?? "",
    client_uri: input.client_uri ?? "",
    contacts: input.contacts ?? [],
    owner: input.owner ?? "",
    metadata: input.metadata ?? {},
    skip_consent: input.skip_consent ?? false,
    subject_type: "public",
    client_secret_expires_at: 0,
  };
  for (const [key, value] of Object.entries(raw)) {
    if (LOCALIZED_KEY.test(key) && typeof value === "string") {
      client[key as `${string}#${string}`] = value;
    }
  }
  return client;
}

/** What oidc-provider sees: only the fields it understands, empty strings left out. */
export function toProviderMetadata(client: HydraClient, secretHash: string | null): AdapterPayload {
  const metadata: AdapterPayload = {
    client_id: client.client_id,
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris,
    grant_types: client.grant_types,
    response_types: client.response_types as AdapterPayload["response_types"],
    scope: client.scope,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
  };
  if (client.token_endpoint_auth_method !== "none" && secretHash) metadata.client_secret = secretHash;
  if (client.client_name) metadata.client_name = client.client_name;
  for (const key of ["logo_uri", "tos_uri", "policy_uri", "client_uri"] as const) {
    if (client[key]) metadata[key] = client[key];
  }
  if (client.contacts.length) metadata.contacts = client.contacts;
  return metadata;
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(secret, salt, 32);
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

export async function verifySecret(secret: string, stored: string | undefined): Promise<boolean> {
  const [scheme, salt, hash] = stored?.split("$") ?? [];
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(secret, Buffer.from(salt, "base64url"), expected.length);
  return crypto.timingSafeEqual(expected, actual);
}

export function generateSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function generateClientId(): string {
  return crypto.randomUUID();
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

interface ClientRow {
  client_id: string;
  data: string;
  secret_hash: string | null;
  created_at: number | string;
  updated_at: number | string;
}

function view(row: ClientRow): ClientView {
  return {
    ...(JSON.parse(row.data) as HydraClient),
    created_at: iso(num(row.created_at) ?? 0),
    updated_at: iso(num(row.updated_at) ?? 0),
  };
}

export class ClientRepository {
  constructor(private readonly db: CoreDatabase) {}

  async get(clientId: string): Promise<ClientView | undefined> {
    const row = await this.db.selectFrom("oidc_clients").selectAll().where("client_id", "=", clientId).executeTakeFirst();
    return row ? view(row) : undefined;
  }

  /** oidc-provider's Client model source. */
  async providerMetadata(clientId: string): Promise<AdapterPayload | undefined> {
    const row = await this.db.selectFrom("oidc_clients").selectAll().where("client_id", "=", clientId).executeTakeFirst();
    return row ? toProviderMetadata(JSON.parse(row.data) as HydraClient, row.secret_hash) : undefined;
  }

  async insert(client: HydraClient, secretHash: string | null): Promise<ClientView> {
    const now = nowSeconds();
    await this.db
      .insertInto("oidc_clients")
      .values({ client_id: client.client_id, data: JSON.stringify(client), secret_hash: secretHash, created_at: now, updated_at: now })
      .execute();
    return { ...client, created_at: iso(now), updated_at: iso(now) };
  }

  async replace(client: HydraClient, secretHash: string | null | undefined): Promise<ClientView | undefined> {
    const now = nowSeconds();
    const result = await this.db
      .updateTable("oidc_clients")
      .set({
        data: JSON.stringify(client),
        updated_at: now,
        ...(secretHash !== undefined ? { secret_hash: secretHash } : {}),
      })
      .where("client_id", "=", client.client_id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return this.get(client.client_id);
  }

  async secretHashOf(clientId: string): Promise<string | null | undefined> {
    const row = await this.db.selectFrom("oidc_clients").select("secret_hash").where("client_id", "=", clientId).executeTakeFirst();
    return row ? row.secret_hash : undefined;
  }

  async delete(clientId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("oidc_clients").where("client_id", "=", clientId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Keyset pagination ordered by client_id; `after` is the last id of the previous page. */
  async list(options: { limit: number; after?: string; clientName?: string; owner?: string }): Promise<ClientView[]> {
    let query = this.db.selectFrom("oidc_clients").selectAll().orderBy("client_id").limit(options.limit);
    if (options.after) query = query.where("client_id", ">", options.after);
    const rows = (await query.execute()).map(view);
    return rows.filter(
      (c) => (!options.clientName || c.client_name === options.clientName) && (!options.owner || c.owner === options.owner),
    );
  }
}
