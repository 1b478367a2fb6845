import path from "node:path";
import { startClientApp } from "../demo/client-app";
import { buildIfNeeded } from "./lib/build";
import { CORE_ARGS } from "./lib/bundle";
import { ConfigError, loadStartConfig } from "./lib/config";
import { startProcess, stopAll, waitForReady, watchForExit } from "./lib/processes";
import { seedDemo } from "./lib/seed";

// `npm start`: build when needed, then the embedded core (unless HYDRA_ADMIN_URL points to an
// external one), the UI and the demo client app; seed the demo data; Ctrl-C stops everything.

async function main() {
  const config = loadStartConfig();
  for (const warning of config.warnings) console.warn(`\n  WARNING: ${warning}\n`);
  buildIfNeeded();

  const shared = {
    ...process.env,
    TOBIRA_DATA_DIR: config.dataDir,
    TOBIRA_SECRET: config.secret,
    ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
  };
  if (config.embedded) {
    const core = startProcess("core", process.execPath, CORE_ARGS, {
      ...shared,
      NODE_ENV: "production",
      CORE_PUBLIC_PORT: String(config.corePublicPort),
      CORE_ADMIN_PORT: String(config.coreAdminPort),
      URLS_SELF_ISSUER: config.issuer,
      URLS_LOGIN: `${config.publicUrl}/login`,
      URLS_CONSENT: `${config.publicUrl}/consent`,
      URLS_LOGOUT: `${config.publicUrl}/logout`,
      URLS_ERROR: `${config.publicUrl}/error`,
      URLS_POST_LOGOUT_REDIRECT: `${config.publicUrl}/logout/done`,
      URLS_DEVICE_VERIFICATION: `${config.publicUrl}/device`,
      URLS_DEVICE_SUCCESS: `${config.publicUrl}/device/done`,
      ...(config.adminApiToken ? { CORE_ADMIN_TOKEN: config.adminApiToken } : {}),
    });
    await waitForReady(`${config.adminUrl}/health/ready`, core);
  }

  const ui = startProcess("ui", process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(config.port), "-H", "localhost"], {
    ...shared,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(config.port),
    TOBIRA_PUBLIC_URL: config.publicUrl,
    HYDRA_ADMIN_URL: config.adminUrl,
    ...(config.adminApiToken ? { HYDRA_ADMIN_TOKEN: config.adminApiToken } : {}),
    ...(config.issuer ? { HYDRA_PUBLIC_URL: config.issuer } : {}),
    TOBIRA_ADMIN_TOKEN: config.adminToken,
    TOBIRA_BRANDING_DIR: config.brandingDir,
    // On a laptop without SMTP_URL the mails are printed (the banner below says so).
    ...(config.smtpHost ? {} : { TOBIRA_MAIL_CONSOLE: "on" }),
  });
  await waitForReady(`http://localhost:${config.port}/api/health`, ui);

  const demoOrigin = `http://localhost:${config.demoPort}`;
  const demo = config.demo
    ? await seedDemo({
        adminUrl: config.adminUrl,
        adminApiToken: config.adminApiToken,
        uiUrl: `http://localhost:${config.port}`,
        adminToken: config.adminToken,
        dataDir: config.dataDir,
        demoOrigin,
      })
    : undefined;
  const lines = [
    "",
    "  Tobira is running.",
    `    Sign-in service (UI):   ${config.publicUrl}`,
    `    Your account:           ${config.publicUrl}/account  (apps with access, security activity, sign out everywhere)`,
    `    Connect a device:       ${config.publicUrl}/device`,
    config.embedded ? `    Authorization server:   ${config.issuer}  (admin API ${config.adminUrl})` : `    Admin API (external):   ${config.adminUrl}`,
  ];
  if (!demo) {
    lines.push("    Demo app and user: not created in an external server (set TOBIRA_DEMO=on to create them).");
  } else if (config.issuer) {
    const app = await startClientApp({ issuer: config.issuer, clientId: demo.clientId, clientSecret: demo.clientSecret, port: config.demoPort, host: "localhost", publicOrigin: demoOrigin, title: "Tobira demo app" });
    lines.push(`    Demo app — open this:   ${app.url}`);
  } else {
    lines.push("    Demo app: not started (set HYDRA_PUBLIC_URL to the external server's issuer to run it).");
  }
  if (demo) lines.push(`    Demo user:              ${demo.userName} / ${demo.password}`);
  lines.push(
    `    Brands:                 ${config.brands.join(", ")}  (preview: ${config.publicUrl}/preview)`,
    `    Languages:              ${config.languages.join(", ")}`,
    config.smtpHost
      ? `    Mail:                   sent over SMTP via ${config.smtpHost}`
      : "    Mail:                   SMTP_URL is not set: verification and reset mails are printed below ([ui] lines), not sent",
    "",
    "  Press Ctrl-C to stop.",
    "",
  );
  console.info(lines.join("\n"));
  // Half a Tobira is worse than none: when one part dies, stop the rest and say so.
  watchForExit((name, code) => {
    console.error(`Tobira: ${name} stopped unexpectedly (exit code ${code ?? "none"}); stopping everything.`);
    void shutdown(1);
  });
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopAll();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Tobira could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
