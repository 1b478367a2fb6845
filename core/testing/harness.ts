import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as oidc from "openid-client";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { startCore, type RunningCore, type StartOptions } from "../index";
import type { CoreConfigInput } from "../config";

// Test helpers: an in-process core on free ports with its own data dir, the admin API over
// fetch, and a headless "browser" (cookie jar + manual redirects) for the front channel.

export const TEST_SECRET = "test-secret-test-secret-test-secret-0123";
export const UI = "http://ui.test";
export const RP = "http://rp.test/callback";

/** Hydra's admin paths for the three challenges, and what their accept/reject answer. */
export const LOGIN = "/admin/oauth2/auth/requests/login";
export const CONSENT = "/admin/oauth2/auth/requests/consent";
export const LOGOUT = "/admin/oauth2/auth/requests/logout";
export type Redirect = { redirect_to: string };

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "tobira-core-"));
}

export function startTestCore(dataDir: string, overrides: CoreConfigInput = {}, options: StartOptions = {}): Promise<RunningCore> {
  return startCore(
    {
    host: "127.0.0.1",
    publicPort: 0,
    adminPort: 0,
    dataDir,
    secret: TEST_SECRET,
    loginUrl: `${UI}/login`,
    consentUrl: `${UI}/consent`,
    logoutUrl: `${UI}/logout`,
    errorUrl: `${UI}/error`,
    postLogoutRedirectUrl: `${UI}/logout/done`,
    ...overrides,
    },
    options,
  );
}

/** One core for a test file: started before its tests (handed to `use`), closed and its data
 * removed after them. */
export function withTestCore(use: (core: RunningCore) => void, overrides: CoreConfigInput = {}): void {
  let dataDir: string | undefined;
  let core: RunningCore | undefined;
  beforeAll(async () => {
    dataDir = tempDir();
    core = await startTestCore(dataDir, overrides);
    use(core);
  });
  afterAll(async () => {
    await core?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
}

export interface AdminResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function admin<T = Record<string, unknown>>(
  core: RunningCore,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<AdminResponse<T>> {
  const res = await fetch(`${core.adminUrl}${pathAndQuery}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(core.config.adminToken ? { authorization: `Bearer ${core.config.adminToken}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

interface StoredCookie {
  value: string;
  expires?: number;
}

/** A cookie jar per origin that follows redirects itself, like a browser without JavaScript. */
export class Browser {
  private readonly jars = new Map<string, Map<string, StoredCookie>>();

  cookieHeader(url: URL): string {
    const jar = this.jars.get(url.host);
    if (!jar) return "";
    const now = Date.now();
    return [...jar.entries()]
      .filter(([, c]) => c.expires === undefined || c.expires > now)
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }

  hasCookie(host: string, name: string): boolean {
    return Boolean(this.jars.get(host)?.has(name));
  }

  store(url: URL, res: Response): void {
    const jar = this.jars.get(url.host) ?? new Map<string, StoredCookie>();
    this.jars.set(url.host, jar);
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let expires: number | undefined;
      for (const attribute of attributes) {
        const [key, val] = attribute.trim().split("=");
        if (key?.toLowerCase() === "expires" && val) expires = Date.parse(val);
        if (key?.toLowerCase() === "max-age" && val) expires = Date.now() + Number(val) * 1000;
      }
      if (value === "" || (expires !== undefined && expires <= Date.now())) jar.delete(name);
      else jar.set(name, { value, expires });
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target);
    if (cookie) headers.set("cookie", cookie);
    const res = await fetch(target, { ...init, headers, redirect: "manual" });
    this.store(target, res);
    return res;
  }

  /**
   * Follows redirects while they stay on one of `origins` (the core); returns the first URL that
   * leaves them (the UI or the client's redirect_uri).
   */
  async follow(url: string, origins: string[], init: RequestInit = {}): Promise<URL> {
    let current = url;
    let options = init;
    for (let hops = 0; hops < 20; hops++) {
      const target = new URL(current);
      if (!origins.includes(target.origin)) return target;
      const res = await this.request(current, options);
      options = {};
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) {
        const text = await res.text();
        throw new Error(`expected a redirect from ${current}, got ${res.status}: ${text.slice(0, 500)}`);
      }
      await res.arrayBuffer().catch(() => undefined);
      current = new URL(location, current).href;
    }
    throw new Error("too many redirects");
  }
}

export interface TestClient {
  client_id: string;
  client_secret: string;
}

export async function createClient(core: RunningCore, body: Record<string, unknown> = {}): Promise<TestClient> {
  const res = await admin<TestClient>(core, "POST", "/admin/clients", {
    client_name: "Test RP",
    redirect_uris: [RP],
    post_logout_redirect_uris: ["http://rp.test/logged-out"],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: "openid offline_access offline profile email",
    ...body,
  });
  if (res.status !== 201) throw new Error(`client create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function rpConfig(core: RunningCore, client: TestClient): Promise<oidc.Configuration> {
  const discover = () =>
    oidc.discovery(new URL(core.issuer), client.client_id, client.client_secret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
  try {
    return await discover();
  } catch (err) {
    // After a restart on the same port the fetch pool may still hold a socket the old server
    // closed; one retry opens a fresh connection.
    if ((err as { cause?: { code?: string } }).cause?.code !== "UND_ERR_SOCKET") throw err;
    return discover();
  }
}

export interface StartedAuthorization {
  /** Where the core sent the browser (UI login screen, or the redirect_uri). */
  landed: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function startAuthorization(
  browser: Browser,
  core: RunningCore,
  config: oidc.Configuration,
  params: Record<string, string> = {},
): Promise<StartedAuthorization> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: RP,
    scope: "openid offline_access profile email",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...params,
  });
  const landed = await browser.follow(url.href, [new URL(core.issuer).origin]);
  return { landed, verifier, state, nonce };
}

/** Follows an admin `redirect_to` through the core until the browser leaves it. */
export function continueAt(browser: Browser, core: RunningCore, redirectTo: string): Promise<URL> {
  return browser.follow(redirectTo, [new URL(core.issuer).origin]);
}

export function challengeOf(url: URL, name: "login_challenge" | "consent_challenge" | "logout_challenge"): string {
  const value = url.searchParams.get(name);
  if (!value) throw new Error(`expected ${name} in ${url.href}`);
  return value;
}

/** The stores a core test runs on: the embedded SQLite file, and PostgreSQL in its own schema
 * when DATABASE_URL is set (undefined: that case is skipped). */
export function storageCases(schema: string): Array<[string, CoreConfigInput | undefined]> {
  const url = process.env.DATABASE_URL;
  return [
    ["sqlite", {}],
    ["postgres", url ? { databaseUrl: url, databaseSchema: schema } : undefined],
  ];
}

/** Starts a PostgreSQL case from an empty schema. */
export async function resetStorage(storage: CoreConfigInput | undefined): Promise<void> {
  if (!storage?.databaseUrl || !storage.databaseSchema) return;
  const client = new pg.Client({ connectionString: storage.databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${storage.databaseSchema} CASCADE`);
  await client.end();
}

/** A first sign-in through login and consent (both accepted through the admin API), tokens
 * included. `config` decides how the client authenticates at the token endpoint. */
export async function signIn(
  browser: Browser,
  core: RunningCore,
  config: oidc.Configuration,
  subject: string,
  params: Record<string, string> = {},
) {
  const started = await startAuthorization(browser, core, config, params);
  const login = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challengeOf(started.landed, "login_challenge")}`, {
    subject,
    remember: true,
    remember_for: 3600,
  });
  const atConsent = await continueAt(browser, core, login.body.redirect_to);
  const consent = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challengeOf(atConsent, "consent_challenge")}`, {
    grant_scope: ["openid", "offline_access", "profile", "email"],
  });
  const callback = await continueAt(browser, core, consent.body.redirect_to);
  return oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
  });
}
