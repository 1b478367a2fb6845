import { routeConsoleTo } from "../common/log";
import { ConfigError, configFromEnv } from "./config";
import { startCore } from "./index";
import { coreLog as log } from "./log";

// The embedded core as its own process: started by scripts/start.ts from its bundle
// (scripts/lib/bundle.ts), or `npm run core` (tsx) while developing.

// What oidc-provider and the libraries print becomes JSON lines too.
routeConsoleTo(log);

async function main() {
  let config;
  try {
    config = configFromEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      log.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  let core;
  try {
    core = await startCore(config, { log, accessLog: true });
  } catch (err) {
    // What the store says about the configuration (core/settings.ts): a message, not a stack.
    if (err instanceof ConfigError) {
      log.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  log.info("started", { issuer: core.issuer, adminUrl: core.adminUrl });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info("closing", { signal });
    core.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error("close failed", { error: err });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  log.error("failed to start", { error: err });
  process.exit(1);
});
