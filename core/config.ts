import path from "node:path";
import { z } from "zod";
import { DEFAULT_ACR_NAMES } from "../common/acr";
import { keyRing, parseSecretList, type KeyRing } from "../common/key-ring";

// Every option of the embedded core, its default and a one-line description. Names follow Ory
// Hydra's configuration keys (urls.self.issuer → URLS_SELF_ISSUER) so operators can move between
// the two without relearning. Model: panva/node-oidc-provider lib/helpers/defaults.js.

/** The development secret: fine on a laptop, never in production (a loud warning says so). */
export const DEVELOPMENT_SECRET = "tobira-development-secret-change-me-0000";

const url = z.url({ protocol: /^https?$/ });
const port = z.coerce.number().int().min(0).max(65535);
const seconds = z.coerce.number().int().positive();
const flag = z.preprocess((value) => (value === "true" || value === "1" ? true : value === "false" || value === "0" ? false : value), z.boolean());

export const coreConfigSchema = z.object({
  /** Issuer identifier and public base URL of the core (Hydra `urls.self.issuer`). */
  issuer: url.default("http://localhost:4444"),
  /** UI login screen; the browser lands on `?login_challenge=` (Hydra `urls.login`). */
  loginUrl: url.default("http://localhost:3000/login"),
  /** UI consent screen; the browser lands on `?consent_challenge=` (Hydra `urls.consent`). */
  consentUrl: url.default("http://localhost:3000/consent"),
  /** UI logout screen; the browser lands on `?logout_challenge=` (Hydra `urls.logout`). */
  logoutUrl: url.default("http://localhost:3000/logout"),
  /** UI error screen; the browser lands on `?error=&error_description=` (Hydra `urls.error`). */
  errorUrl: url.default("http://localhost:3000/error"),
  /** Where a logout without a client's post_logout_redirect_uri ends (Hydra `urls.post_logout_redirect`). */
  postLogoutRedirectUrl: url.default("http://localhost:3000/logout/done"),
  /** UI page where a person enters a device's user code; the browser lands on `?device_challenge=` and devices show this address (Hydra `urls.device.verification`). */
  deviceVerificationUrl: url.default("http://localhost:3000/device"),
  /** UI page shown when a device sign-in is complete (Hydra `urls.device.success`). */
  deviceSuccessUrl: url.default("http://localhost:3000/device/done"),
  /** Lifetime of a device code and its user code, seconds (Hydra `ttl.device_user_code`, default 10m). */
  deviceCodeTtl: seconds.default(600),
  /** Interface the public (OAuth 2.0 / OIDC) listener binds to (Hydra `serve.public.host`). */
  host: z.string().min(1).default("127.0.0.1"),
  /** Public (OAuth 2.0 / OIDC) listener port; 0 picks a free port. */
  publicPort: port.default(4444),
  /** Interface the admin listener binds to: loopback whatever `host` is (Hydra `serve.admin.host`). Never expose it publicly. */
  adminHost: z.string().min(1).default("127.0.0.1"),
  /** Admin (Hydra v2 admin API) listener port; 0 picks a free port. */
  adminPort: port.default(4445),
  /** Host headers the admin API answers (exactly, as `name` or `name:port`); others get 421. Default: 127.0.0.1, localhost, [::1] and a non-wildcard adminHost, each with the admin port. Stops DNS rebinding. */
  adminAllowedHosts: z
    .preprocess(
      (value) => (typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : value),
      z.array(z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i, "must be host names, host:port or [ipv6]:port")).min(1),
    )
    .optional(),
  /** Bearer token every admin request but /health/* must carry (`Authorization: Bearer …`); unset: none (Hydra has none either). At least 24 characters. */
  adminToken: z.string().min(24).optional(),
  /** Directory of the embedded SQLite file `core.db`. */
  dataDir: z.string().min(1).default("./.data"),
  /** PostgreSQL connection string; when set the core uses schema `tobira_core` there instead of SQLite. */
  databaseUrl: z.string().min(1).optional(),
  /** PostgreSQL schema of the core's store (keeps it apart from the UI's `tobira_identity`). */
  databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/).default("tobira_core"),
  /** Secret the cookie signing keys and the sealing keys are derived from (at least 32 characters); the UI's variable of the same name. */
  secret: z.string().min(32).default(DEVELOPMENT_SECRET),
  /** Secrets `secret` replaced, comma-separated, newest first: cookies they signed and values they sealed still open, and are sealed again with `secret` (README "Rotating the secret"). */
  secretPrevious: z
    .preprocess((value) => (typeof value === "string" ? parseSecretList(value) : value), z.array(z.string().min(32, "each secret must be at least 32 characters")))
    .default([]),
  /** Salt of pairwise subject identifiers (Hydra `oidc.subject_identifiers.pairwise.salt`); default: derived from `secret` on the first start and kept, sealed, in the core's store, so that a new secret does not change it. Changing it changes every pairwise `sub`. */
  pairwiseSalt: z.string().min(8).optional(),
  /** Refuse outgoing requests for client URLs (jwks_uri, sector_identifier_uri, backchannel_logout_uri) that resolve to private, loopback or other special-use addresses (Hydra `clients.http.disallow_private_ip_ranges`; Hydra's default is false, the core's true, against SSRF). */
  clientsHttpDisallowPrivateIpRanges: flag.default(true),
  /** Lifetime of access tokens and ID tokens, seconds (Hydra `ttl.access_token`, default 1h). */
  accessTokenTtl: seconds.default(3600),
  /** Lifetime of refresh tokens, seconds (Hydra `ttl.refresh_token`, default 720h). */
  refreshTokenTtl: seconds.default(720 * 3600),
  /** Lifetime of authorization codes, seconds (Hydra `ttl.auth_code`, default 10m). */
  authorizationCodeTtl: seconds.default(600),
  /** Lifetime of login/consent/logout challenges, seconds (Hydra `ttl.login_consent_request`, 30m). */
  challengeTtl: seconds.default(1800),
  /** Lifetime of a remembered login session when `remember_for` is 0, seconds (Hydra `ttl.authentication_session`, 720h). */
  sessionTtl: seconds.default(720 * 3600),
  /** Lifetime of a consent grant when `remember_for` is 0, seconds (bounded below by the refresh token lifetime). */
  grantTtl: seconds.default(365 * 24 * 3600),
  /** acr of a password sign-in, listed in discovery's acr_values_supported; the UI's variable of the same name, which the UI sets on login accept. */
  acrLevel2: z.string().min(1).default(DEFAULT_ACR_NAMES.level2),
  /** acr of a sign-in with a second factor or a passkey, listed in acr_values_supported (the UI's variable of the same name). */
  acrLevel3: z.string().min(1).default(DEFAULT_ACR_NAMES.level3),
});

export type CoreConfig = z.infer<typeof coreConfigSchema>;
export type CoreConfigInput = z.input<typeof coreConfigSchema>;

/** Environment variable → option. Unset variables fall back to the defaults above. */
const ENV: Record<string, keyof CoreConfig> = {
  URLS_SELF_ISSUER: "issuer",
  URLS_LOGIN: "loginUrl",
  URLS_CONSENT: "consentUrl",
  URLS_LOGOUT: "logoutUrl",
  URLS_ERROR: "errorUrl",
  URLS_POST_LOGOUT_REDIRECT: "postLogoutRedirectUrl",
  URLS_DEVICE_VERIFICATION: "deviceVerificationUrl",
  URLS_DEVICE_SUCCESS: "deviceSuccessUrl",
  CORE_HOST: "host",
  CORE_PUBLIC_PORT: "publicPort",
  CORE_ADMIN_HOST: "adminHost",
  CORE_ADMIN_PORT: "adminPort",
  CORE_ADMIN_ALLOWED_HOSTS: "adminAllowedHosts",
  CORE_ADMIN_TOKEN: "adminToken",
  TOBIRA_DATA_DIR: "dataDir",
  DATABASE_URL: "databaseUrl",
  CORE_DATABASE_SCHEMA: "databaseSchema",
  TOBIRA_SECRET: "secret",
  TOBIRA_SECRET_PREVIOUS: "secretPrevious",
  OIDC_SUBJECT_IDENTIFIERS_PAIRWISE_SALT: "pairwiseSalt",
  CLIENTS_HTTP_DISALLOW_PRIVATE_IP_RANGES: "clientsHttpDisallowPrivateIpRanges",
  TTL_ACCESS_TOKEN: "accessTokenTtl",
  TTL_REFRESH_TOKEN: "refreshTokenTtl",
  TTL_AUTH_CODE: "authorizationCodeTtl",
  TTL_LOGIN_CONSENT_REQUEST: "challengeTtl",
  TTL_DEVICE_USER_CODE: "deviceCodeTtl",
  TTL_AUTHENTICATION_SESSION: "sessionTtl",
  TOBIRA_ACR_LEVEL2: "acrLevel2",
  TOBIRA_ACR_LEVEL3: "acrLevel3",
};

export class ConfigError extends Error {}

/** Reads the environment; a bad value stops start with a message naming the variable. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): CoreConfig {
  const input: Record<string, string> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== "") input[key] = value;
  }
  return parseConfig(input);
}

export function parseConfig(input: CoreConfigInput | Record<string, unknown>): CoreConfig {
  const parsed = coreConfigSchema.safeParse(input);
  if (!parsed.success) {
    const byKey = Object.fromEntries(Object.entries(ENV).map(([name, key]) => [key, name]));
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "");
      return `  ${byKey[key] ?? key}: ${issue.message}`;
    });
    throw new ConfigError(`invalid core configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function isDevelopmentSecret(config: CoreConfig): boolean {
  return config.secret === DEVELOPMENT_SECRET;
}

/** `secret` and `secretPrevious`: what the core signs and seals with (common/key-ring.ts). */
export function secretRingOf(config: CoreConfig): KeyRing {
  return keyRing(config.secret, config.secretPrevious);
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** True for an address that accepts connections from other machines (a wildcard or a real interface). */
export function isExposed(host: string): boolean {
  return !LOOPBACK.has(host.toLowerCase()) && !host.startsWith("127.");
}

/**
 * Loud, once per start:
 * - the development secret makes every cookie forgeable;
 * - an admin API reachable from other machines without a token lets anyone there create
 *   clients and accept sign-ins for anyone.
 */
export function warnAboutInsecureDefaults(config: CoreConfig): void {
  const bar = "!".repeat(78);
  const lines: string[] = [];
  if (isDevelopmentSecret(config)) {
    lines.push(
      "!! TOBIRA_SECRET is not set: the core uses the PUBLIC development secret.",
      "!! Anyone can forge its session cookies. Set TOBIRA_SECRET (32+ random characters)",
      "!! before this core serves anyone but you.",
    );
  }
  if (config.secretPrevious.includes(DEVELOPMENT_SECRET)) {
    lines.push(
      "!! TOBIRA_SECRET_PREVIOUS holds the PUBLIC development secret: cookies anyone could have signed",
      "!! with it are still accepted. Drop it once the core has sealed its values again.",
    );
  }
  if (isExposed(config.adminHost) && !config.adminToken) {
    lines.push(
      `!! CORE_ADMIN_HOST=${config.adminHost} without CORE_ADMIN_TOKEN: whoever reaches the admin port`,
      "!! can create clients and sign anyone in. Set CORE_ADMIN_TOKEN or bind it to 127.0.0.1.",
    );
  }
  if (lines.length) console.warn([bar, ...lines, bar].join("\n"));
}

export function sqliteFile(config: CoreConfig): string {
  return path.join(config.dataDir, "core.db");
}
