import "server-only";
import { z } from "zod";
import { DEFAULT_ACR_NAMES } from "@/common/acr";
import { keyRing, parseSecretList, type KeyRing } from "@/common/key-ring";
import { parseNetworks } from "./networks";

// The UI's environment (docs/contracts.md), validated once per process. A bad value stops the
// process with a message naming the variable. In production the development defaults of the
// secrets are refused (anyone could forge sessions or provision accounts with them), and so is
// writing mail to the console (its links are bearer secrets) unless asked for explicitly.

export const DEV_SECRET = "tobira-development-secret-change-me-0000000000";
export const DEV_ADMIN_TOKEN = "tobira-development-admin-token";

/** An unset variable and an empty one mean the same: use the default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);

/** Profile fields an operator may ask for at registration. */
export const REGISTRATION_FIELDS = ["givenName", "familyName", "phoneNumber", "birthdate"] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

const httpUrl = z.url({ protocol: /^https?$/ });

const schema = z.object({
  PORT: optional(z.coerce.number().int().min(1).max(65535).default(3000)),
  TOBIRA_PUBLIC_URL: optional(httpUrl.default("http://localhost:3000")),
  HYDRA_ADMIN_URL: optional(httpUrl.default("http://127.0.0.1:4445")),
  /** Bearer token for the admin API (the embedded core's CORE_ADMIN_TOKEN, or a gateway's in front of Hydra); none when unset. */
  HYDRA_ADMIN_TOKEN: optional(z.string().min(1).optional()),
  /** How long one admin API call may take before the person is shown "try again" (milliseconds). */
  HYDRA_ADMIN_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(60_000).default(3000)),
  /** The authorization server's issuer (public URL): the account area signs in through it. */
  HYDRA_PUBLIC_URL: optional(httpUrl.default("http://localhost:4444")),
  TOBIRA_DATA_DIR: optional(z.string().min(1).default("./.data")),
  TOBIRA_BRANDING_DIR: optional(z.string().min(1).default("./branding")),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  TOBIRA_SECRET: optional(z.string().min(32, "must be at least 32 characters").default(DEV_SECRET)),
  /** Secrets TOBIRA_SECRET replaced, comma-separated, newest first: what they sealed or signed
   * still opens, and is sealed again with TOBIRA_SECRET (README "Rotating the secret"). */
  TOBIRA_SECRET_PREVIOUS: z
    .string()
    .optional()
    .transform(parseSecretList)
    .pipe(z.array(z.string().min(32, "each secret must be at least 32 characters"))),
  TOBIRA_ADMIN_TOKEN: optional(z.string().min(24, "must be at least 24 characters").default(DEV_ADMIN_TOKEN)),
  TOBIRA_ACR_LEVEL2: optional(z.string().min(1).default(DEFAULT_ACR_NAMES.level2)),
  TOBIRA_ACR_LEVEL3: optional(z.string().min(1).default(DEFAULT_ACR_NAMES.level3)),
  TOBIRA_SCOPE_CATALOGUE: optional(z.string().min(1).default("config/scopes.json")),
  /** smtp://user:pass@host:587 or smtps://…; without it mail is written to the console. */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/ }).optional()),
  TOBIRA_MAIL_FROM: optional(z.string().min(3).default("Tobira <no-reply@localhost>")),
  /** Mails registration and recovery may send an hour to one address, and for one client address. */
  TOBIRA_MAIL_PER_RECIPIENT: optional(z.coerce.number().int().min(1).max(1000).default(3)),
  TOBIRA_MAIL_PER_CLIENT: optional(z.coerce.number().int().min(1).max(100000).default(30)),
  /** "on": without SMTP_URL, mail is written to the console even in production (npm start on a
   * laptop sets it and says so in its banner). */
  TOBIRA_MAIL_CONSOLE: optional(z.enum(["on", "off"]).default("off")),
  /** Self-service registration at /register: on (default) or off. */
  TOBIRA_REGISTRATION: optional(z.enum(["on", "off"]).default("on")),
  /** Profile fields registration asks for, comma-separated, all required; "none" for none. */
  TOBIRA_REGISTRATION_FIELDS: optional(
    z
      .string()
      .default("givenName,familyName")
      .transform((value) => (value.trim() === "none" ? [] : value.split(",").map((f) => f.trim()).filter(Boolean)))
      .pipe(z.array(z.enum(REGISTRATION_FIELDS))),
  ),
  /** How many reverse proxies append to X-Forwarded-For in front of the UI; the client address is
   * taken that many entries from the right. Next.js keeps a client-sent header, so only a proxy
   * that overwrites it makes the address trustworthy. */
  TOBIRA_PROXY_HOPS: optional(z.coerce.number().int().min(1).max(10).default(1)),
  // Second factors and step-up (README "Second factors and step-up").
  TOBIRA_TRUSTED_NETWORKS: optional(
    z.string().default("").refine((value) => parseNetworks(value).ok, "must be CIDR blocks such as 10.0.0.0/8, separated by commas or spaces"),
  ),
  /** After SIGTERM, how long requests in flight may take before the process ends anyway (ms). */
  TOBIRA_SHUTDOWN_GRACE_MS: optional(z.coerce.number().int().min(0).max(600_000).default(10_000)),
  /** "on": the HSTS policy sent over https covers the subdomains of Tobira's host too. */
  TOBIRA_HSTS_INCLUDE_SUBDOMAINS: optional(z.enum(["on", "off"]).default("off").transform((value) => value === "on")),
  TOBIRA_MFA_REQUIRED: optional(z.enum(["true", "false"]).default("false").transform((value) => value === "true")),
  NODE_ENV: optional(z.enum(["development", "production", "test"]).default("development")),
});

export type Env = z.infer<typeof schema>;

export class EnvironmentError extends Error {
  override name = "EnvironmentError";
}

/** Validates an environment; throws an EnvironmentError listing every bad variable by name. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  const problems = result.success ? [] : result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  // The network rule believes X-Forwarded-For, which is the client's to write unless the
  // operator's own proxies append to it (Next.js keeps a client-sent header as it is): the
  // number of those proxies must be stated, not defaulted.
  if (source.TOBIRA_TRUSTED_NETWORKS?.trim() && !source.TOBIRA_PROXY_HOPS?.trim()) {
    problems.push("  TOBIRA_PROXY_HOPS: set it to the number of your reverse proxies that append to X-Forwarded-For (TOBIRA_TRUSTED_NETWORKS relies on it)");
  }
  if (result.success && result.data.TOBIRA_SECRET_PREVIOUS.includes(result.data.TOBIRA_SECRET)) {
    problems.push("  TOBIRA_SECRET_PREVIOUS: must not repeat TOBIRA_SECRET (it lists the secrets TOBIRA_SECRET replaced)");
  }
  if (result.success && result.data.NODE_ENV === "production") {
    for (const name of insecureDefaults(result.data)) {
      problems.push(`  ${name}: must be set in production to a unique random value (the development default is public: anyone could forge sessions or provision accounts)`);
    }
    // Whatever a public secret opens, anyone could have sealed: keeping it in the ring would keep
    // accepting their forgeries after the rotation that was meant to end them.
    if (result.data.TOBIRA_SECRET_PREVIOUS.includes(DEV_SECRET)) {
      problems.push("  TOBIRA_SECRET_PREVIOUS: must not hold the public development secret in production (anyone could have sealed values with it)");
    }
    if (!result.data.SMTP_URL && result.data.TOBIRA_MAIL_CONSOLE !== "on") {
      problems.push("  SMTP_URL: must be set in production: verification and reset links are bearer secrets and are not written to the console (TOBIRA_MAIL_CONSOLE=on allows it, e.g. on a laptop)");
    }
  }
  if (!result.success || problems.length > 0) {
    throw new EnvironmentError(`Invalid environment for the Tobira UI:\n${problems.join("\n")}`);
  }
  return result.data;
}

/** Names of variables still at their development default; they must be changed in production. */
export function insecureDefaults(env: Env): string[] {
  const names: string[] = [];
  if (env.TOBIRA_SECRET === DEV_SECRET) names.push("TOBIRA_SECRET");
  if (env.TOBIRA_ADMIN_TOKEN === DEV_ADMIN_TOKEN) names.push("TOBIRA_ADMIN_TOKEN");
  return names;
}

/** TOBIRA_SECRET and TOBIRA_SECRET_PREVIOUS: what the UI seals and signs with (common/key-ring.ts). */
export function secretRing(): KeyRing {
  const { TOBIRA_SECRET, TOBIRA_SECRET_PREVIOUS } = env();
  return keyRing(TOBIRA_SECRET, TOBIRA_SECRET_PREVIOUS);
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  cached = parsed;
  return parsed;
}
