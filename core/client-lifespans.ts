import type { Client, KoaContextWithOIDC } from "oidc-provider";

// Hydra's per-client token lifespans (OAuth2Client `*_grant_*_lifespan`, `PUT
// /admin/clients/{id}/lifespans`): Go duration strings ("1h30m"), null or "" for the server's
// default. They reach oidc-provider as one extra client property, so the `ttl` functions (which
// must answer synchronously) read them off the Client instance instead of the database.

/** Hydra v2.3's lifespans, plus the device grant's from Hydra's later versions (the core has that grant). */
export const LIFESPAN_FIELDS = [
  "authorization_code_grant_access_token_lifespan",
  "authorization_code_grant_id_token_lifespan",
  "authorization_code_grant_refresh_token_lifespan",
  "client_credentials_grant_access_token_lifespan",
  "implicit_grant_access_token_lifespan",
  "implicit_grant_id_token_lifespan",
  "jwt_bearer_grant_access_token_lifespan",
  "refresh_token_grant_id_token_lifespan",
  "refresh_token_grant_access_token_lifespan",
  "refresh_token_grant_refresh_token_lifespan",
  "device_authorization_grant_id_token_lifespan",
  "device_authorization_grant_access_token_lifespan",
  "device_authorization_grant_refresh_token_lifespan",
] as const;

export type LifespanField = (typeof LIFESPAN_FIELDS)[number];
export type Lifespans = Record<LifespanField, string | null>;
/** What oidc-provider carries: the set lifespans in whole seconds. */
export type LifespanSeconds = Partial<Record<LifespanField, number>>;

export const PROVIDER_PROPERTY = "tobira_lifespans";

export const noLifespans = (): Lifespans =>
  Object.fromEntries(LIFESPAN_FIELDS.map((field) => [field, null])) as Lifespans;

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/** Go's time.ParseDuration (without signs), in seconds; undefined when it is not one. */
export function parseDuration(value: string): number | undefined {
  if (!DURATION.test(value)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of value.matchAll(PART)) seconds += Number(amount) * (UNIT_SECONDS[unit ?? ""] ?? 0);
  return seconds;
}

/** Go's Duration.String() for whole seconds: 5400 → "1h30m0s", 90 → "1m30s", 30 → "30s". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

export function lifespanSeconds(lifespans: Lifespans): LifespanSeconds {
  const out: LifespanSeconds = {};
  for (const field of LIFESPAN_FIELDS) {
    const value = lifespans[field];
    const seconds = value ? parseDuration(value) : undefined;
    if (seconds) out[field] = seconds;
  }
  return out;
}

type Grant = "authorization_code" | "refresh_token" | "client_credentials" | "implicit" | "device_authorization";
export type TokenKind = "access_token" | "id_token" | "refresh_token";

const TOKEN_GRANTS: Record<string, Grant> = {
  authorization_code: "authorization_code",
  refresh_token: "refresh_token",
  client_credentials: "client_credentials",
  "urn:ietf:params:oauth:grant-type:device_code": "device_authorization",
};

/**
 * The grant a token is being issued by:
 * - at the token endpoint, its grant_type
 * - at the authorization endpoint (and its resume route after login/consent): implicit or hybrid
 * - anywhere else (a back-channel logout token has no request at all): none, the server default
 */
function grantOf(ctx: KoaContextWithOIDC | undefined): Grant | undefined {
  const route = ctx?.oidc?.route;
  if (route === "token") return TOKEN_GRANTS[String(ctx?.oidc?.params?.grant_type ?? "")];
  if (route === "authorization" || route === "resume") return "implicit";
  return undefined;
}

/** The client's lifespan for this token, in seconds; undefined: the server's default applies. */
export function clientLifespan(ctx: KoaContextWithOIDC | undefined, client: Client | undefined, kind: TokenKind): number | undefined {
  const grant = grantOf(ctx);
  if (!grant || !client) return undefined;
  const lifespans = (client as unknown as Record<string, LifespanSeconds | undefined>)[PROVIDER_PROPERTY];
  return lifespans?.[`${grant}_grant_${kind}_lifespan` as LifespanField];
}
