import { spawn } from "node:child_process";
import path from "node:path";
import { startClientApp } from "../../demo/client-app";
import { createClient, uniqueName } from "./admin";
import { ADMIN_API_TOKEN, ADMIN_TOKEN, E2E_DATA_DIR, port, SMTP_PORT } from "./env";
import type { TestClient } from "./fixtures";

// A core and a UI of a spec's own, on ports and a data directory of their own, for a spec that
// must stop and start them with other settings (the harness's servers run for the whole suite).
// They run as the harness's do: production builds, the UI in front of the core's admin API.

export interface OwnTobira {
  uiUrl: string;
  issuer: string;
  adminUrl: string;
  dataDir: string;
}

export interface RunningServer {
  /** What it printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** Ports from `base` (UI), `base + 1` (issuer) and `base + 2` (admin API), shifted like the harness's. */
export function ownTobira(name: string, base: number): OwnTobira {
  return {
    uiUrl: `http://localhost:${port(base)}`,
    issuer: `http://localhost:${port(base + 1)}`,
    adminUrl: `http://127.0.0.1:${port(base + 2)}`,
    dataDir: path.resolve(E2E_DATA_DIR, name),
  };
}

async function ready(url: string, exited: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited()) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function startServer(name: string, args: string[], env: Record<string, string>, readyUrl: string): Promise<RunningServer> {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env } });
  let output = "";
  let exited = false;
  const done = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const server: RunningServer = {
    output: () => output,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
  if (!(await ready(readyUrl, () => exited, 60_000))) {
    await server.stop();
    throw new Error(`${name} did not start:\n${output}`);
  }
  return server;
}

/** The embedded core, sending browsers to the own UI. */
export function startOwnCore(tobira: OwnTobira, env: Record<string, string>): Promise<RunningServer> {
  const screen = (route: string) => `${tobira.uiUrl}${route}`;
  return startServer("core", [path.resolve("node_modules/tsx/dist/cli.mjs"), "core/main.ts"], {
    TOBIRA_DATA_DIR: tobira.dataDir,
    CORE_PUBLIC_PORT: new URL(tobira.issuer).port,
    CORE_ADMIN_PORT: new URL(tobira.adminUrl).port,
    CORE_ADMIN_TOKEN: ADMIN_API_TOKEN,
    URLS_SELF_ISSUER: tobira.issuer,
    URLS_LOGIN: screen("/login"),
    URLS_CONSENT: screen("/consent"),
    URLS_LOGOUT: screen("/logout"),
    URLS_ERROR: screen("/error"),
    URLS_POST_LOGOUT_REDIRECT: screen("/logout/done"),
    ...env,
  }, `${tobira.adminUrl}/health/ready`);
}

/** The UI, mailing to the harness's test SMTP server (e2e/support/mailbox.ts reads it). */
export function startOwnUi(tobira: OwnTobira, env: Record<string, string>): Promise<RunningServer> {
  const uiPort = new URL(tobira.uiUrl).port;
  return startServer("ui", [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", uiPort, "-H", "localhost"], {
    NEXT_TELEMETRY_DISABLED: "1",
    TOBIRA_DATA_DIR: tobira.dataDir,
    PORT: uiPort,
    TOBIRA_PUBLIC_URL: tobira.uiUrl,
    HYDRA_ADMIN_URL: tobira.adminUrl,
    HYDRA_ADMIN_TOKEN: ADMIN_API_TOKEN,
    HYDRA_PUBLIC_URL: tobira.issuer,
    TOBIRA_ADMIN_TOKEN: ADMIN_TOKEN,
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    TOBIRA_MAIL_FROM: "Tobira test <no-reply@tobira.test>",
    ...env,
  }, `${tobira.uiUrl}/api/health`);
}

/** A client app registered with the own core (consent skipped: the spec is about sign-in). */
export async function startOwnClient(tobira: OwnTobira, options: { name: string; metadata?: Record<string, unknown> }): Promise<TestClient> {
  const pending = { clientId: uniqueName("client"), clientSecret: "" };
  const app = await startClientApp({
    issuer: tobira.issuer,
    port: 0,
    title: options.name,
    scope: "openid profile",
    get clientId() { return pending.clientId; },
    get clientSecret() { return pending.clientSecret; },
  });
  const created = await createClient({
    client_id: pending.clientId,
    client_name: options.name,
    redirect_uris: [app.redirectUri],
    post_logout_redirect_uris: [`${app.url}/`],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: "openid profile",
    token_endpoint_auth_method: "client_secret_basic",
    skip_consent: true,
    ...(options.metadata ? { metadata: options.metadata } : {}),
  }, tobira.adminUrl);
  pending.clientSecret = created.clientSecret;
  return { clientId: created.clientId, app };
}
