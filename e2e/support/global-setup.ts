import path from "node:path";
import { MAILBOX_DIR, SMTP_PORT } from "./env";
import { startTestSmtp } from "./smtp";

// Starts the test SMTP server the UI sends to (playwright.config.ts sets the UI's SMTP_URL);
// the returned function is Playwright's global teardown.
export default async function globalSetup() {
  return startTestSmtp(SMTP_PORT, path.resolve(MAILBOX_DIR));
}
