import type { AdapterPayload } from "oidc-provider";
import { z } from "zod";
import {
  formatDuration,
  LIFESPAN_FIELDS,
  lifespanSeconds,
  noLifespans,
  parseDuration,
  PROVIDER_PROPERTY,
  type LifespanField,
  type Lifespans,
} from "./client-lifespans";
import { fapiProviderMetadata } from "./fapi";
import { servedResponseTypes } from "./response-types";

// Hydra v2.3's OAuth2Client (client/client.go) field by field. Each field is one of:
// - honoured: stored, returned, and acted on by oidc-provider or the core;
// - refused: the core cannot do what it asks, so a value that asks for something is a 400 naming
//   the field (null, "", false, [] and {} ask for nothing and are accepted);
// - read-only: set by the server; Hydra's tools send the whole object back on PUT, so it is
//   accepted and ignored.
// Fields Hydra does not know are ignored, as Hydra's JSON decoder does.

export const DEFAULT_SCOPE = "offline_access offline openid";

/** `client_name#ja`, `logo_uri#en-US`, …: OIDC Dynamic Registration §2.1 language-tagged fields. */
const LOCALIZED_KEY = /^(client_name|logo_uri|client_uri|policy_uri|tos_uri)#[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

/** Why each refused field cannot be honoured (the 400 says it). */
export const REFUSED_FIELDS: Record<string, string> = {
  allowed_cors_origins: "the core does not answer CORS requests for clients",
  request_uris: "request objects by reference are not fetched; send them by value (request=) or through PAR",
  jwt_bearer_grant_access_token_lifespan: "the core has no RFC 7523 JWT bearer grant",
};

export const READ_ONLY_FIELDS = ["created_at", "updated_at", "client_secret_expires_at", "registration_client_uri", "registration_access_token"];

const AUTH_METHODS = ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

const optionalUrl = z.union([z.literal(""), z.url()]).nullable().optional();
const optionalString = z.string().nullable().optional();

const jwk = z.looseObject({ kty: z.string().min(1) });
/** Hydra returns `{}` for a client without keys and accepts it back. */
const jwkSet = z.looseObject({ keys: z.array(jwk).optional() });

const lifespan = z
  .union([z.null(), z.literal(""), z.string().refine((value) => parseDuration(value) !== undefined, "must be a duration such as 1h30m")])
  .refine((value) => !value || (Number.isInteger(parseDuration(value)) && (parseDuration(value) ?? 0) >= 1), "must be whole seconds, at least 1s")
  .optional();

export const lifespansSchema = z.object(Object.fromEntries(LIFESPAN_FIELDS.map((field) => [field, lifespan])) as Record<LifespanField, typeof lifespan>);

/** Admin API input (create / replace / the result of a patch). */
export const clientInputSchema = z
  .object({
    client_id: z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, "client_id must be printable ASCII").optional(),
    client_secret: z.string().max(512).refine((value) => value === "" || value.length >= 6, "client_secret must be at least 6 characters").optional(),
    client_name: z.string().max(1024).optional(),
    redirect_uris: z.array(z.url()).nullable().optional(),
    post_logout_redirect_uris: z.array(z.url()).nullable().optional(),
    grant_types: z
      .array(z.enum(["authorization_code", "refresh_token", "client_credentials", "implicit", "urn:ietf:params:oauth:grant-type:device_code"]))
      .nullable()
      .optional(),
    response_types: z.array(z.string().min(1)).nullable().optional(),
    scope: z.string().max(4096).optional(),
    audience: z.array(z.string().min(1)).nullable().optional(),
    token_endpoint_auth_method: z.union([z.literal(""), z.enum(AUTH_METHODS)]).optional(),
    token_endpoint_auth_signing_alg: optionalString,
    /** RFC 9101 request objects: the algorithm the client signs them with (then required). */
    request_object_signing_alg: optionalString,
    jwks: jwkSet.nullable().optional(),
    jwks_uri: optionalUrl,
    userinfo_signed_response_alg: optionalString,
    /** Not Hydra's (its ID tokens are RS256), but OIDC Registration's and oidc-provider's. */
    id_token_signed_response_alg: optionalString,
    subject_type: z.union([z.literal(""), z.enum(["public", "pairwise"])]).nullable().optional(),
    sector_identifier_uri: optionalUrl,
    /** Rendered by the core's logout completion (frontchannel.ts): oidc-provider 9 has none. */
    frontchannel_logout_uri: optionalUrl,
    frontchannel_logout_session_required: z.boolean().nullable().optional(),
    backchannel_logout_uri: optionalUrl,
    backchannel_logout_session_required: z.boolean().nullable().optional(),
    logo_uri: optionalUrl,
    tos_uri: optionalUrl,
    policy_uri: optionalUrl,
    client_uri: optionalUrl,
    contacts: z.array(z.string()).nullable().optional(),
    owner: z.string().max(255).optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    skip_consent: z.boolean().nullable().optional(),
    skip_logout_consent: z.boolean().nullable().optional(),
    /** "opaque" is what the core issues; "jwt" is refused by refuseUnsupported. */
    access_token_strategy: z.union([z.literal(""), z.literal("opaque"), z.literal("jwt")]).nullable().optional(),
  })
  .extend(lifespansSchema.shape);

export type ClientInput = z.infer<typeof clientInputSchema>;

export interface JwkSet {
  keys?: Array<Record<string, unknown>>;
}

/** The stored client: every field Hydra returns, with Hydra's defaults. */
export type HydraClient = {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  scope: string;
  audience: string[];
  owner: string;
  policy_uri: string;
  allowed_cors_origins: string[];
  tos_uri: string;
  client_uri: string;
  logo_uri: string;
  contacts: string[];
  client_secret_expires_at: 0;
  subject_type: "public" | "pairwise";
  sector_identifier_uri: string;
  jwks: JwkSet;
  jwks_uri: string;
  token_endpoint_auth_method: AuthMethod;
  token_endpoint_auth_signing_alg: string;
  request_object_signing_alg: string;
  userinfo_signed_response_alg: string;
  id_token_signed_response_alg: string;
  frontchannel_logout_uri: string;
  frontchannel_logout_session_required: boolean;
  backchannel_logout_uri: string;
  backchannel_logout_session_required: boolean;
  access_token_strategy: "" | "opaque";
  metadata: Record<string, unknown>;
  skip_consent: boolean;
  skip_logout_consent: boolean | null;
} & Lifespans & {
  /** Language-tagged variants (`client_name#ja`) given at the top level, kept verbatim. */
  [localized: `${string}#${string}`]: string;
};

export interface ClientView extends HydraClient {
  created_at: string;
  updated_at: string;
  client_secret?: string;
}

/** Hydra's client JSON leaves these out when empty (`omitempty`); so does the core. */
const OMIT_WHEN_EMPTY = [
  "sector_identifier_uri",
  "request_object_signing_alg",
  "jwks_uri",
  "token_endpoint_auth_signing_alg",
  "id_token_signed_response_alg",
  "frontchannel_logout_uri",
  "frontchannel_logout_session_required",
  "backchannel_logout_uri",
  "backchannel_logout_session_required",
  "access_token_strategy",
] as const;

const asksForSomething = (value: unknown): boolean => {
  if (value === undefined || value === null || value === "" || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
};

export class UnsupportedClientField extends Error {
  constructor(readonly field: string, reason: string) {
    super(`${field} is not supported by this server: ${reason}`);
  }
}

/** Step 1 of every write: a refused field with a value is a 400 that names it. */
export function refuseUnsupported(raw: Record<string, unknown>): void {
  for (const [field, reason] of Object.entries(REFUSED_FIELDS)) {
    if (asksForSomething(raw[field])) throw new UnsupportedClientField(field, reason);
  }
  if (raw.access_token_strategy === "jwt") {
    throw new UnsupportedClientField("access_token_strategy", 'the core issues opaque access tokens only ("opaque")');
  }
}

const hasKeys = (jwks: JwkSet | null | undefined): jwks is JwkSet & { keys: Array<Record<string, unknown>> } => Boolean(jwks?.keys?.length);

const canonicalLifespan = (value: string | null | undefined) => {
  const seconds = value ? parseDuration(value) : undefined;
  return seconds ? formatDuration(seconds) : null;
};

export function normalizeLifespans(input: Partial<Record<LifespanField, string | null | undefined>>): Lifespans {
  const lifespans = noLifespans();
  for (const field of LIFESPAN_FIELDS) lifespans[field] = canonicalLifespan(input[field]);
  return lifespans;
}

/** Applies Hydra's defaults; `raw` is the request body (for language-tagged keys). */
export function normalizeClient(input: ClientInput, raw: Record<string, unknown>, clientId: string): HydraClient {
  const userinfoAlg = input.userinfo_signed_response_alg?.trim();
  const client: HydraClient = {
    client_id: clientId,
    client_name: input.client_name ?? "",
    redirect_uris: input.redirect_uris ?? [],
    post_logout_redirect_uris: input.post_logout_redirect_uris ?? [],
    grant_types: input.grant_types ?? ["authorization_code"],
    response_types: input.response_types ?? ["code"],
    scope: input.scope?.trim() || DEFAULT_SCOPE,
    audience: input.audience ?? [],
    owner: input.owner ?? "",
    policy_uri: input.policy_uri ?? "",
    allowed_cors_origins: [],
    tos_uri: input.tos_uri ?? "",
    client_uri: input.client_uri ?? "",
    logo_uri: input.logo_uri ?? "",
    contacts: input.contacts ?? [],
    client_secret_expires_at: 0,
    subject_type: input.subject_type || "public",
    sector_identifier_uri: input.sector_identifier_uri ?? "",
    jwks: hasKeys(input.jwks) ? { keys: input.jwks.keys } : {},
    jwks_uri: input.jwks_uri ?? "",
    token_endpoint_auth_method: input.token_endpoint_auth_method || "client_secret_basic",
    token_endpoint_auth_signing_alg: input.token_endpoint_auth_signing_alg ?? "",
    request_object_signing_alg: input.request_object_signing_alg ?? "",
    userinfo_signed_response_alg: userinfoAlg || "none",
    id_token_signed_response_alg: input.id_token_signed_response_alg ?? "",
    frontchannel_logout_uri: input.frontchannel_logout_uri ?? "",
    frontchannel_logout_session_required: input.frontchannel_logout_session_required ?? false,
    backchannel_logout_uri: input.backchannel_logout_uri ?? "",
    backchannel_logout_session_required: input.backchannel_logout_session_required ?? false,
    access_token_strategy: input.access_token_strategy === "opaque" ? "opaque" : "",
    metadata: input.metadata ?? {},
    skip_consent: input.skip_consent ?? false,
    skip_logout_consent: input.skip_logout_consent ?? null,
    ...normalizeLifespans(input),
  };
  for (const [key, value] of Object.entries(raw)) {
    if (LOCALIZED_KEY.test(key) && typeof value === "string") {
      client[key as `${string}#${string}`] = value;
    }
  }
  return client;
}

/** A stored client with every field: rows written before a field existed get its default. */
export function withDefaults(stored: Partial<HydraClient> & { client_id: string }): HydraClient {
  return { ...normalizeClient({}, {}, stored.client_id), ...stored } as HydraClient;
}

/** A stored client as Hydra returns it. */
export function hydraJson(stored: Partial<HydraClient> & { client_id: string }): HydraClient {
  const out: Record<string, unknown> = { ...withDefaults(stored) };
  for (const key of OMIT_WHEN_EMPTY) {
    if (!asksForSomething(out[key])) delete out[key];
  }
  return out as HydraClient;
}

/**
 * What oidc-provider sees: only the fields it understands, empty ones left out. `secret` is what
 * it compares or verifies with: the hash for client_secret_basic/post, the secret itself for
 * client_secret_jwt (client-secrets.ts), nothing for key-based and public clients.
 */
export function toProviderMetadata(client: HydraClient, secret: string | null): AdapterPayload {
  const metadata: Record<string, unknown> = {
    client_id: client.client_id,
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris,
    ...servedResponseTypes(client),
    scope: client.scope,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    [PROVIDER_PROPERTY]: lifespanSeconds(client),
  };
  const usesSecret = ["client_secret_basic", "client_secret_post", "client_secret_jwt"].includes(client.token_endpoint_auth_method);
  if (usesSecret && secret) metadata.client_secret = secret;
  if (client.client_name) metadata.client_name = client.client_name;
  for (const key of [
    "logo_uri",
    "tos_uri",
    "policy_uri",
    "client_uri",
    "jwks_uri",
    "sector_identifier_uri",
    "token_endpoint_auth_signing_alg",
    "request_object_signing_alg",
    "id_token_signed_response_alg",
    "backchannel_logout_uri",
  ] as const) {
    if (client[key]) metadata[key] = client[key];
  }
  if (client.contacts.length) metadata.contacts = client.contacts;
  if (hasKeys(client.jwks)) metadata.jwks = { keys: client.jwks.keys };
  if (client.userinfo_signed_response_alg && client.userinfo_signed_response_alg !== "none") {
    metadata.userinfo_signed_response_alg = client.userinfo_signed_response_alg;
  }
  if (client.subject_type === "pairwise") metadata.subject_type = "pairwise";
  if (client.backchannel_logout_uri) metadata.backchannel_logout_session_required = client.backchannel_logout_session_required;
  Object.assign(metadata, fapiProviderMetadata(client));
  return metadata as AdapterPayload;
}
