import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { messageKeys } from "../../common/i18n/keys";
import { BrandError, loadBrandDirectory } from "../../lib/branding/load";
import { LanguageError, loadLanguageDirectory, type Language } from "../../common/i18n/languages";
import { defaultLocale } from "../../lib/i18n/routing";

// What `npm start` reads from the environment. Validated up front so a bad value stops the
// start with one clear line instead of a failure deep inside a child process.

const port = z.coerce.number().int().min(1).max(65535);
const httpUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/$/, ""));

const schema = z.object({
  PORT: port.default(3000),
  TOBIRA_PUBLIC_URL: httpUrl.optional(),
  HYDRA_ADMIN_URL: httpUrl.optional(),
  HYDRA_PUBLIC_URL: httpUrl.optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string").optional(),
  TOBIRA_DATA_DIR: z.string().min(1).default("./.data"),
  TOBIRA_BRANDING_DIR: z.string().min(1).default("./branding"),
  TOBIRA_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  TOBIRA_ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** The admin API's bearer token: the UI sends it, the embedded core (CORE_ADMIN_TOKEN) requires it. */
  HYDRA_ADMIN_TOKEN: z.string().min(1).optional(),
  CORE_ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  CORE_PUBLIC_PORT: port.default(4444),
  CORE_ADMIN_PORT: port.default(4445),
  DEMO_PORT: port.default(5555),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  TOBIRA_DEMO: z.enum(["on", "off"]).optional(),
});

export type StartConfig = ReturnType<typeof loadStartConfig>;

export function loadStartConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.TOBIRA_DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const warnings: string[] = [];
  const secret = c.TOBIRA_SECRET ?? persistedDevValue(dataDir, "dev-secret", warnings, "TOBIRA_SECRET");
  const adminToken = c.TOBIRA_ADMIN_TOKEN ?? persistedDevValue(dataDir, "dev-admin-token", warnings, "TOBIRA_ADMIN_TOKEN");
  const embedded = !c.HYDRA_ADMIN_URL;
  const adminApiToken = adminApiTokenOf(c, embedded);
  const brandingDir = path.resolve(c.TOBIRA_BRANDING_DIR);
  const languages = checkLanguages();
  // Brand text overrides are checked against the default language's keys (it comes first).
  const brands = checkBrands(brandingDir, new Set(messageKeys(languages[0]?.messages)));
  return {
    port: c.PORT,
    publicUrl: c.TOBIRA_PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    embedded,
    adminUrl: c.HYDRA_ADMIN_URL ?? `http://127.0.0.1:${c.CORE_ADMIN_PORT}`,
    issuer: embedded ? `http://localhost:${c.CORE_PUBLIC_PORT}` : c.HYDRA_PUBLIC_URL,
    corePublicPort: c.CORE_PUBLIC_PORT,
    coreAdminPort: c.CORE_ADMIN_PORT,
    demoPort: c.DEMO_PORT,
    /** The demo user and client: by default only into the embedded core, never into an external
     * server unless the operator asks for them (TOBIRA_DEMO=on). */
    demo: (c.TOBIRA_DEMO ?? (embedded ? "on" : "off")) === "on",
    databaseUrl: c.DATABASE_URL,
    /** Where the UI sends mail; undefined: it writes messages to its console instead. */
    smtpHost: c.SMTP_URL ? new URL(c.SMTP_URL).host : undefined,
    dataDir,
    brandingDir,
    brands,
    languages: languages.map((language) => language.tag),
    secret,
    adminToken,
    /** Bearer token of the admin API, given to the UI and to the embedded core alike (none: unset). */
    adminApiToken,
    warnings,
  };
}

/** One token under either name, so the UI always sends what the embedded core requires. */
function adminApiTokenOf(c: z.infer<typeof schema>, embedded: boolean): string | undefined {
  if (c.HYDRA_ADMIN_TOKEN && c.CORE_ADMIN_TOKEN && c.HYDRA_ADMIN_TOKEN !== c.CORE_ADMIN_TOKEN) {
    throw new ConfigError("Invalid configuration:\n  HYDRA_ADMIN_TOKEN: differs from CORE_ADMIN_TOKEN (the UI would be refused by the core); set one of them");
  }
  const token = c.HYDRA_ADMIN_TOKEN ?? c.CORE_ADMIN_TOKEN;
  if (embedded && token && token.length < 24) {
    throw new ConfigError("Invalid configuration:\n  HYDRA_ADMIN_TOKEN: must be at least 24 characters (the embedded core requires it as CORE_ADMIN_TOKEN)");
  }
  return token;
}

export class ConfigError extends Error {}

/** A language file lacking a key would show raw keys to people: it stops the start, every
 * problem listed. Returns the languages, default first. */
function checkLanguages(): readonly Language[] {
  // From the working directory (npm runs scripts in the package root): this code also runs
  // bundled into .build/, where a path relative to the module would point elsewhere.
  const { languages, problems } = loadLanguageDirectory(path.resolve("locales"), defaultLocale);
  if (problems.length) throw new ConfigError(new LanguageError(problems).message);
  return languages;
}

/** The UI validates brands too (lib/branding), but refusing them here stops a bad brand before
 * anything starts, with every problem listed at once. Returns the brand ids found. */
function checkBrands(dir: string, messageKeySet: ReadonlySet<string>): string[] {
  const { brands, problems } = loadBrandDirectory(dir, messageKeySet);
  if (problems.length) throw new ConfigError(new BrandError(problems).message);
  return [...brands.keys()];
}

// A development value is generated once per data directory and kept, so restarts keep cookies
// and tokens valid; it is announced loudly because production must set its own.
function persistedDevValue(dataDir: string, file: string, warnings: string[], variable: string): string {
  const location = path.join(dataDir, file);
  if (!fs.existsSync(location)) {
    fs.writeFileSync(location, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  warnings.push(`${variable} is not set: using a development value kept in ${location}. Set ${variable} in production.`);
  return fs.readFileSync(location, "utf8").trim();
}
