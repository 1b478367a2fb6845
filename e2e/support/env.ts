// The test harness's own ports and secrets: distinct from `npm start`'s, so both can run at once.
export const E2E_DATA_DIR = ".test-data";
export const UI_URL = "http://localhost:3100";
export const ISSUER = "http://localhost:4544";
export const ADMIN_URL = "http://127.0.0.1:4545";
export const ADMIN_TOKEN = "e2e-admin-token-not-for-production-0123456789";
export const SECRET = "e2e-secret-not-for-production-0123456789abcdef";
