// The test harness's own ports and secrets: distinct from `npm start`'s, so both can run at once.
// TOBIRA_E2E_PORT_OFFSET shifts every port, so that several checkouts can run the suite side by side.
const offset = Number(process.env.TOBIRA_E2E_PORT_OFFSET ?? 0);
export const port = (base: number) => base + offset;

/** Which authorization server the suite runs against: the embedded core, or real Ory Hydra v2.3. */
export const AUTH_SERVER: "core" | "hydra" = process.env.TOBIRA_E2E_SERVER === "hydra" ? "hydra" : "core";
/** Where one pass keeps its data and its artefacts: each pass (server and port offset) its own, so
 * that passes can run side by side (scripts/e2e.ts runs the core's and Hydra's at once). */
export function passDirs(server: "core" | "hydra", portOffset: number) {
  const name = portOffset ? `${server}-${portOffset}` : server;
  return { data: `.test-data/${name}`, results: `test-results/${name}` };
}
const dirs = passDirs(AUTH_SERVER, offset);
export const E2E_DATA_DIR = dirs.data;
export const E2E_RESULTS_DIR = dirs.results;
export const UI_URL = `http://localhost:${port(3100)}`;
export const ISSUER = `http://localhost:${port(4544)}`;
export const ADMIN_URL = `http://127.0.0.1:${port(4545)}`;
export const ADMIN_TOKEN = "e2e-admin-token-not-for-production-0123456789";
/** Bearer token of the admin API, for the harness to give the core (CORE_ADMIN_TOKEN) and the UI
 * (HYDRA_ADMIN_TOKEN); the test helpers always send it, and a core without a token ignores it. */
export const ADMIN_API_TOKEN = "e2e-admin-api-token-not-for-production-0123";
export const SECRET = "e2e-secret-not-for-production-0123456789abcdef";
/** The test SMTP server (e2e/support/global-setup.ts) and where it files what it receives. */
export const SMTP_PORT = port(2525);
export const MAILBOX_DIR = `${E2E_DATA_DIR}/mailbox`;
