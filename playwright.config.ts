import path from "node:path";
import { defineConfig } from "@playwright/test";
import { ADMIN_API_TOKEN, ADMIN_TOKEN, ADMIN_URL, AUTH_SERVER, E2E_DATA_DIR, E2E_RESULTS_DIR, ISSUER, SECRET, SMTP_PORT, UI_URL } from "./e2e/support/env";
import { CORE_ARGS } from "./scripts/lib/bundle";
import { hydraBinaryPath } from "./scripts/lib/hydra";

const dataDir = path.resolve(E2E_DATA_DIR);
const shared = {
  TOBIRA_DATA_DIR: dataDir,
  TOBIRA_SECRET: SECRET,
  NODE_ENV: "production",
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
};
const issuerPort = new URL(ISSUER).port;
const adminPort = new URL(ADMIN_URL).port;
const uiPort = new URL(UI_URL).port;

// Where either authorization server sends browsers (Hydra's configuration keys, which the core shares).
const screens = {
  URLS_SELF_ISSUER: ISSUER,
  URLS_LOGIN: `${UI_URL}/login`,
  URLS_CONSENT: `${UI_URL}/consent`,
  URLS_LOGOUT: `${UI_URL}/logout`,
  URLS_ERROR: `${UI_URL}/error`,
  URLS_POST_LOGOUT_REDIRECT: `${UI_URL}/logout/done`,
};

const coreServer = {
  name: "core",
  // Bundled by scripts/e2e.ts (scripts/lib/bundle.ts), and run as npm start runs it.
  command: ["node", ...CORE_ARGS].map((arg) => JSON.stringify(arg)).join(" "),
  url: `${ADMIN_URL}/health/ready`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  env: {
    ...shared,
    CORE_PUBLIC_PORT: issuerPort,
    CORE_ADMIN_PORT: adminPort,
    // The core's admin API wants a bearer token in this run, so every admin call of the UI and
    // of the tests proves it sends one (Hydra's admin port has no token of its own).
    CORE_ADMIN_TOKEN: ADMIN_API_TOKEN,
    ...screens,
    URLS_DEVICE_VERIFICATION: `${UI_URL}/device`,
    URLS_DEVICE_SUCCESS: `${UI_URL}/device/done`,
  },
};

// Real Ory Hydra v2.3.0 (scripts/lib/hydra.ts builds it), configured by e2e/support/hydra.yml;
// what depends on this run comes from Hydra's environment variables.
const hydraServer = {
  name: "hydra",
  command: `${hydraBinaryPath()} serve all --dev --config e2e/support/hydra.yml`,
  url: `${ADMIN_URL}/health/ready`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  env: {
    SERVE_PUBLIC_PORT: issuerPort,
    SERVE_ADMIN_PORT: adminPort,
    ...screens,
  },
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // The preview renders fixed sample data, neither the authorization server's nor the database's:
  // photographing it once (against the embedded core on the embedded database) is enough. Its
  // sign-in limit is the store's limiter, which the unit suite runs on PostgreSQL too.
  // The failure drills and the several-instances spec run on PostgreSQL databases of their own
  // whatever the suite's database is: on the PostgreSQL pass they would repeat the first pass.
  testIgnore: [
    ...(AUTH_SERVER === "hydra" || process.env.DATABASE_URL ? ["**/preview.spec.ts"] : []),
    ...(process.env.DATABASE_URL ? ["**/drills-*.spec.ts", "**/instances.spec.ts"] : []),
  ],
  // An in-process SMTP server that the UI sends its mail to (e2e/support/smtp.ts).
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A limit for a hung test, not a speed check: CI runs three suites at once on two cores
  // (scripts/e2e.ts, .ci/run), where the longest stories (account area, step-up) passed 60 s.
  timeout: 120_000,
  expect: {
    timeout: 10_000,
    // Screens are compared with committed baselines (e2e/__screenshots__); a small tolerance
    // absorbs anti-aliasing differences between machines with the same fonts.
    toHaveScreenshot: { maxDiffPixelRatio: 0.02, animations: "disabled", caret: "hide" },
  },
  snapshotPathTemplate: "e2e/__screenshots__/{arg}{ext}",
  reporter: [["list"]],
  // Each pass keeps its own artefacts (Playwright empties this folder when a pass starts).
  outputDir: E2E_RESULTS_DIR,
  use: {
    baseURL: UI_URL,
    locale: "ja-JP",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: [
    AUTH_SERVER === "hydra" ? hydraServer : coreServer,
    {
      name: "ui",
      command: `node node_modules/next/dist/bin/next start -p ${uiPort} -H localhost`,
      url: `${UI_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        ...shared,
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: uiPort,
        TOBIRA_PUBLIC_URL: UI_URL,
        HYDRA_ADMIN_URL: ADMIN_URL,
        ...(AUTH_SERVER === "core" ? { HYDRA_ADMIN_TOKEN: ADMIN_API_TOKEN } : {}),
        HYDRA_PUBLIC_URL: ISSUER,
        TOBIRA_ADMIN_TOKEN: ADMIN_TOKEN,
        TOBIRA_SCOPE_CATALOGUE: "e2e/support/scopes.json",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        TOBIRA_MAIL_FROM: "Tobira test <no-reply@tobira.test>",
        TOBIRA_REGISTRATION: "on",
        TOBIRA_REGISTRATION_FIELDS: "givenName,familyName",
        // Second factors: the loopback addresses are the only trusted network; the test browser's
        // X-Forwarded-For plays the operator's reverse proxy (TOBIRA_PROXY_HOPS, one hop).
        TOBIRA_TRUSTED_NETWORKS: "127.0.0.0/8, ::1/128",
        TOBIRA_PROXY_HOPS: "1",
        // Every test mails from one address: the per-client cap would stop the suite, not an
        // attacker. The per-recipient cap keeps its default (e2e/recover.spec.ts tests it).
        TOBIRA_MAIL_PER_CLIENT: "100000",
      },
    },
  ],
});
