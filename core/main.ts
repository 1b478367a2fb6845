import { ConfigError, configFromEnv } from "./config";
import { startCore } from "./index";

// `tsx core/main.ts`: the embedded core as its own process (started by scripts/start.ts).

async function main() {
  let config;
  try {
    config = configFromEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const core = await startCore(config);
  console.info(`tobira core: issuer ${core.issuer}`);
  console.info(`tobira core: admin API ${core.adminUrl}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.info(`tobira core: ${signal}, closing`);
    core.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("tobira core: close failed", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error("tobira core: failed to start", err);
  process.exit(1);
});
