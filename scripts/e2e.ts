import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { buildIfNeeded } from "./lib/build";
import { findChromium } from "./lib/chromium";
import { E2E_DATA_DIR } from "../e2e/support/env";

// `npm run test:e2e`: the Playwright suite against a fresh data directory, with the system
// Chromium and a current build. Extra arguments go to `playwright test`.

function main(): number {
  const chromium = findChromium();
  buildIfNeeded();
  fs.rmSync(path.resolve(E2E_DATA_DIR), { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [path.resolve("node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)],
    { stdio: "inherit", env: { ...process.env, CHROMIUM_PATH: chromium } },
  );
  return result.status ?? 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
