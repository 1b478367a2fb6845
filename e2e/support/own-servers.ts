import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { ADMIN_TOKEN, SECRET, SMTP_PORT } from "./env";

// Processes a spec starts for itself (the failure drills), beside the suite's shared servers,
// which other specs use and which must never be stopped: a UI (`next start`, as in production),
// an embedded core, and a PostgreSQL database of their own on the machine's cluster.

export interface OwnProcess {
  name: string;
  url: string;
  pid: number;
  output: () => string;
  /** Resolves when the process has ended, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (SIGKILL after 10 s); resolves when it has ended. */
  stop: () => Promise<void>;
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
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.kill("SIGTERM");
    await exited;
    clearTimeout(force);
  };
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

export interface OwnUiOptions {
  port: number;
  adminUrl: string;
  adminToken?: string;
  issuer: string;
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}

/** A UI as the suite's, on its own port, authorization server and database. */
export function startOwnUi(options: OwnUiOptions): Promise<OwnProcess> {
  const url = `http://localhost:${options.port}`;
  // Ready means answering at all: a drill may start a UI whose authorization server is down.
  return launch("ui", url, `${url}/api/health`, () => true, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(options.port), "-H", "localhost"], {
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(options.port),
    TOBIRA_PUBLIC_URL: url,
    TOBIRA_DATA_DIR: path.resolve(options.dataDir),
    TOBIRA_SECRET: SECRET,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    HYDRA_ADMIN_URL: options.adminUrl,
    ...(options.adminToken ? { HYDRA_ADMIN_TOKEN: options.adminToken } : {}),
    HYDRA_PUBLIC_URL: options.issuer,
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

export interface OwnCoreOptions {
  publicPort: number;
  adminPort: number;
  adminToken: string;
  uiUrl: string;
  dataDir: string;
  databaseUrl?: string;
}

/** An embedded core whose screens are the given UI's. */
export function startOwnCore(options: OwnCoreOptions): Promise<OwnProcess> {
  const issuer = `http://localhost:${options.publicPort}`;
  const admin = `http://127.0.0.1:${options.adminPort}`;
  return launch("core", issuer, `${admin}/health/ready`, (status) => status === 200, [path.resolve("node_modules/tsx/dist/cli.mjs"), "core/main.ts"], {
    TOBIRA_DATA_DIR: path.resolve(options.dataDir),
    TOBIRA_SECRET: SECRET,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    CORE_PUBLIC_PORT: String(options.publicPort),
    CORE_ADMIN_PORT: String(options.adminPort),
    CORE_ADMIN_TOKEN: options.adminToken,
    URLS_SELF_ISSUER: issuer,
    URLS_LOGIN: `${options.uiUrl}/login`,
    URLS_CONSENT: `${options.uiUrl}/consent`,
    URLS_LOGOUT: `${options.uiUrl}/logout`,
    URLS_ERROR: `${options.uiUrl}/error`,
    URLS_POST_LOGOUT_REDIRECT: `${options.uiUrl}/logout/done`,
    URLS_DEVICE_VERIFICATION: `${options.uiUrl}/device`,
    URLS_DEVICE_SUCCESS: `${options.uiUrl}/device/done`,
  });
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
