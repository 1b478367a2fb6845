import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../common/log";
import { withAccessLog } from "./access-log";
import { createAdminApi } from "./admin";
import { adminBoundary, adminUrlFor } from "./admin/boundary";
import { ClientRepository } from "./clients";
import { parseConfig, secretRingOf, sqliteFile, warnAboutInsecureDefaults, type CoreConfig, type CoreConfigInput } from "./config";
import { ConsentRepository } from "./consents";
import { sweepExpired } from "./db/adapter";
import { openCoreStore } from "./db/store";
import { DeviceChallengeRepository } from "./device";
import { HEALTH_PATHS, publicHealth } from "./health";
import { LiveProvider } from "./live-provider";
import { coreLog } from "./log";
import { LogoutRepository } from "./logout";
import { CoreMetrics, routeLabeler } from "./metrics";
import { createProvider, PUBLIC_PATHS } from "./provider";
import { pairwiseSalt } from "./settings";
import { VerifierRepository } from "./verifiers";

export { configFromEnv, parseConfig, type CoreConfig, type CoreConfigInput } from "./config";

export interface RunningCore {
  /** Issuer identifier (public base URL). */
  issuer: string;
  /** Base URL of the Hydra-compatible admin API. */
  adminUrl: string;
  config: CoreConfig;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
/** How soon a key change made by another core process on the same database takes effect here. */
const KEY_REFRESH_INTERVAL_MS = 30 * 1000;

/** The public paths the metrics name; anything else counts as `other`. */
const PUBLIC_ROUTES = [...Object.values(PUBLIC_PATHS), "/.well-known/openid-configuration", ...Object.values(HEALTH_PATHS)];

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** What a previous TOBIRA_SECRET sealed is sealed again with the current one, and the operator
 * is told whether TOBIRA_SECRET_PREVIOUS is still needed (README "Rotating the secret"). */
async function resealAtStart(clients: ClientRepository, rotating: boolean, log: Logger): Promise<void> {
  const { resealed, unreadable } = await clients.resealSecrets();
  if (unreadable.length > 0) {
    log.error("client_secret_jwt secrets open with no secret of TOBIRA_SECRET / TOBIRA_SECRET_PREVIOUS: add the secret they were sealed with to TOBIRA_SECRET_PREVIOUS, or give these clients a new secret", { clients: unreadable });
  }
  if (resealed > 0 || rotating) {
    log.info(
      `${resealed} client secret(s) sealed again with TOBIRA_SECRET${rotating && unreadable.length === 0 ? "; nothing in the core's store needs TOBIRA_SECRET_PREVIOUS any more (its session cookies signed with it stop working when it is dropped: people sign in again)" : ""}`,
    );
  }
}

/**
 * Starts the public (OAuth 2.0 / OIDC) and admin (Hydra v2 API) listeners in this process.
 * A public port of 0 binds a free port and, unless an issuer was given, makes the issuer
 * `http://<host>:<port>` (for tests).
 */
export interface StartOptions {
  /** Where the core writes; requests are logged only when `accessLog` is set (core/main.ts). */
  log?: Logger;
  accessLog?: boolean;
}

export async function startCore(input: CoreConfigInput = {}, options: StartOptions = {}): Promise<RunningCore> {
  const log = options.log ?? coreLog;
  const logged = (listener: http.RequestListener, port: "public" | "admin") => (options.accessLog ? withAccessLog(listener, log, port) : listener);
  const parsed = parseConfig(input);
  warnAboutInsecureDefaults(parsed);

  // Ports are bound first (a port of 0 decides the issuer), so until the store is open every
  // request gets a plain 503 instead of waiting on a listener that does not exist yet.
  const starting: http.RequestListener = (_req, res) => {
    res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1" });
    res.end(JSON.stringify({ error: "temporarily_unavailable", error_description: "starting", status_code: 503 }));
  };
  const publicServer = http.createServer(starting);
  const adminServer = http.createServer(starting);
  const publicPort = await listen(publicServer, parsed.publicPort, parsed.host);
  const adminPort = await listen(adminServer, parsed.adminPort, parsed.adminHost);
  const config: CoreConfig =
    parsed.publicPort === 0 && input.issuer === undefined
      ? { ...parsed, issuer: `http://${parsed.host}:${publicPort}`, publicPort, adminPort }
      : { ...parsed, publicPort, adminPort };

  let store: Awaited<ReturnType<typeof openCoreStore>> | undefined;
  try {
    store = await openCoreStore({
      databaseUrl: config.databaseUrl,
      sqliteFile: sqliteFile(config),
      schema: config.databaseSchema,
    });
    const db = store.db;
    const ring = secretRingOf(config);
    const clients = new ClientRepository(db, ring);
    const salt = await pairwiseSalt(db, config);
    await resealAtStart(clients, ring.previous.length > 0, log);
    const consents = new ConsentRepository(db);
    const logouts = new LogoutRepository(db);
    const devices = new DeviceChallengeRepository(db);
    const verifiers = new VerifierRepository(db);
    const metrics = new CoreMetrics();
    const signing = await LiveProvider.open(db, store.engine, (signingKeys) => {
      const provider = createProvider({ config, db, clients, consents, signingKeys, pairwiseSalt: salt });
      provider.on("server_error", (_ctx, err) => log.error("server error", { error: err }));
      metrics.watch(provider);
      return provider;
    });

    const publicApp = metrics.instrument(routeLabeler(PUBLIC_ROUTES), publicHealth(db, signing.listener));
    publicServer.off("request", starting).on("request", logged(publicApp, "public"));
    const deps = {
      config, db, atomic: store.atomic, clients, consents, logouts, devices, verifiers, signing, metrics,
      get provider() {
        return signing.provider;
      },
    };
    const adminApi = createAdminApi(deps, adminBoundary(config, adminPort));
    adminServer.off("request", starting).on("request", logged(adminApi.callback(), "admin"));

    const sweeper = setInterval(() => {
      sweepExpired(db).catch((err: unknown) => log.error("sweeping expired rows failed", { error: err }));
    }, SWEEP_INTERVAL_MS);
    sweeper.unref();
    const keyRefresher = setInterval(() => {
      signing.refresh().catch((err: unknown) => log.error("reloading the signing keys failed", { error: err }));
    }, KEY_REFRESH_INTERVAL_MS);
    keyRefresher.unref();

    const opened = store;
    return {
      issuer: config.issuer,
      adminUrl: adminUrlFor(config, adminPort),
      config,
      async close() {
        clearInterval(sweeper);
        clearInterval(keyRefresher);
        await Promise.all([closeServer(publicServer), closeServer(adminServer)]);
        await opened.close();
      },
    };
  } catch (err) {
    await Promise.all([closeServer(publicServer), closeServer(adminServer)]);
    await store?.close();
    throw err;
  }
}
