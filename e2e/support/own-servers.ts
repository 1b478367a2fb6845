import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startClientApp } from "../../demo/client-app";
import { CORE_ARGS } from "../../scripts/lib/bundle";
import { stopChild } from "../../scripts/lib/processes";
import { createClient, uniqueName } from "./admin";
import { ADMIN_API_TOKEN, ADMIN_TOKEN, E2E_DATA_DIR, port, SECRET, SMTP_PORT } from "./env";
import type { TestClient } from "./fixtures";

// Processes a spec starts for itself, beside the suite's shared servers (which other specs use
// and which must never be stopped): a UI (`next start`, as in production), an embedded core, and
// a PostgreSQL database of their own on the machine's cluster. For a spec that stops, kills or
// restarts them with other settings (secret rotation, the failure drills).

/** Where a spec's own UI and core listen, and their data directory. */
export interface OwnTobira {
  uiUrl: string;
  issuer: string;
  adminUrl: string;
  dataDir: string;
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

export interface OwnProcess {
  name: string;
  url: string;
  pid: number;
  /** What it printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves when the process has ended, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (SIGKILL after 10 s); resolves when it has ended. */
  stop: () => Promise<void>;
}

export interface OwnOptions {
  /** PostgreSQL instead of the embedded database in the data directory. */
  databaseUrl?: string;
  /** Settings on top of the suite's (e.g. another TOBIRA_SECRET). */
  env?: Record<string, string>;
  /** Ports this process listens on when they are not the ones `tobira` names: an instance
   * behind a load balancer, whose address is the public one in `tobira` (`ui` for a UI,
   * `issuer` and `admin` for a core). */
  listen?: { ui?: number; issuer?: number; admin?: number };
}

/** `ready`: the status that says the process serves (the core answers 503 while it opens its store). */
function launch(name: string, url: string, readyUrl: string, ready: (status: number) => boolean, args: string[], env: Record<string, string>): Promise<OwnProcess> {
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const stop = () => stopChild(child, 10_000);
  return (async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answered = await fetch(readyUrl, { signal: AbortSignal.timeout(5_000) }).then((response) => ready(response.status), () => false);
      if (answered) break;
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`${name} did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { name, url, pid: child.pid ?? 0, output: () => output, exited, stop };
  })();
}

const database = (options: OwnOptions): Record<string, string> => (options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {});

/** A UI configured as the suite's, in front of `tobira.adminUrl`, mailing to the suite's test SMTP server. */
export function startOwnUi(tobira: OwnTobira, options: OwnOptions = {}): Promise<OwnProcess> {
  const uiPort = String(options.listen?.ui ?? new URL(tobira.uiUrl).port);
  const url = `http://localhost:${uiPort}`;
  // Ready means answering at all: a drill may start a UI whose authorization server is down.
  return launch("ui", url, `${url}/api/health`, () => true, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", uiPort, "-H", "localhost"], {
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: uiPort,
    TOBIRA_PUBLIC_URL: tobira.uiUrl,
    TOBIRA_DATA_DIR: tobira.dataDir,
    TOBIRA_SECRET: SECRET,
    ...database(options),
    HYDRA_ADMIN_URL: tobira.adminUrl,
    HYDRA_ADMIN_TOKEN: ADMIN_API_TOKEN,
    HYDRA_PUBLIC_URL: tobira.issuer,
    TOBIRA_ADMIN_TOKEN: ADMIN_TOKEN,
    TOBIRA_SCOPE_CATALOGUE: "e2e/support/scopes.json",
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    TOBIRA_MAIL_FROM: "Tobira test <no-reply@tobira.test>",
    TOBIRA_REGISTRATION: "on",
    TOBIRA_REGISTRATION_FIELDS: "givenName,familyName",
    TOBIRA_PROXY_HOPS: "1",
    TOBIRA_MAIL_PER_CLIENT: "100000",
    ...options.env,
  });
}

/** An embedded core whose screens are the own UI's. */
export function startOwnCore(tobira: OwnTobira, options: OwnOptions = {}): Promise<OwnProcess> {
  const screen = (route: string) => `${tobira.uiUrl}${route}`;
  const publicPort = String(options.listen?.issuer ?? new URL(tobira.issuer).port);
  const adminPort = String(options.listen?.admin ?? new URL(tobira.adminUrl).port);
  return launch("core", `http://localhost:${publicPort}`, `http://127.0.0.1:${adminPort}/health/ready`, (status) => status === 200, CORE_ARGS, {
    TOBIRA_DATA_DIR: tobira.dataDir,
    TOBIRA_SECRET: SECRET,
    ...database(options),
    CORE_PUBLIC_PORT: publicPort,
    CORE_ADMIN_PORT: adminPort,
    CORE_ADMIN_TOKEN: ADMIN_API_TOKEN,
    URLS_SELF_ISSUER: tobira.issuer,
    URLS_LOGIN: screen("/login"),
    URLS_CONSENT: screen("/consent"),
    URLS_LOGOUT: screen("/logout"),
    URLS_ERROR: screen("/error"),
    URLS_POST_LOGOUT_REDIRECT: screen("/logout/done"),
    URLS_DEVICE_VERIFICATION: screen("/device"),
    URLS_DEVICE_SUCCESS: screen("/device/done"),
    ...options.env,
  });
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

export interface OwnDatabase {
  /** Where PostgreSQL listens, to put a relay in front of it. */
  host: string;
  port: number;
  /** The connection string with the host and port replaced (e.g. by a relay's). */
  urlVia: (host: string, port: number) => string;
  query: (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  drop: () => Promise<void>;
}

/**
 * A database of its own on the PostgreSQL server of DATABASE_URL when the suite has one, else of
 * TOBIRA_E2E_POSTGRES, else on the machine's cluster (127.0.0.1:5432) as the role `tobira_ci`
 * (password `tobira_ci`, allowed to create databases), which `.ci/run` creates before the suite
 * runs; dropped afterwards.
 */
export async function createOwnDatabase(): Promise<OwnDatabase> {
  const server = new URL(process.env.DATABASE_URL ?? process.env.TOBIRA_E2E_POSTGRES ?? "postgres://tobira_ci:tobira_ci@127.0.0.1:5432/postgres");
  const name = `tobira_drill_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.href });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`the failure drills need PostgreSQL at ${server.host} as ${server.username} (see .ci/run): ${String(error)}`);
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(server.href);
  own.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: own.href });
  await client.connect();
  return {
    host: server.hostname,
    port: Number(server.port || 5432),
    urlVia: (host, port) => {
      const via = new URL(own.href);
      via.hostname = host;
      via.port = String(port);
      return via.href;
    },
    query: (text, values) => client.query(text, values),
    drop: async () => {
      await client.end();
      const dropper = new pg.Client({ connectionString: server.href });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
