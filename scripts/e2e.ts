import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { buildIfNeeded } from "./lib/build";
import { findChromium } from "./lib/chromium";
import { ensureHydra } from "./lib/hydra";
import { drillPostgres } from "./lib/postgres";
import { E2E_DATA_DIR } from "../e2e/support/env";

// `npm run test:e2e`: the Playwright suite against the embedded core and then against real Ory
// Hydra v2.3.0 (built once from its Go module), each with a fresh data directory, the system
// Chromium and a current build. TOBIRA_E2E_SERVER=core or =hydra runs one of them. Extra
// arguments go to `playwright test`. The last line is the total over both runs.

type Server = "core" | "hydra";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function servers(): Server[] {
  const chosen = process.env.TOBIRA_E2E_SERVER;
  if (chosen === "core" || chosen === "hydra") return [chosen];
  if (chosen && chosen !== "both") throw new Error(`TOBIRA_E2E_SERVER=${chosen}: use core, hydra or both`);
  return ["core", "hydra"];
}

function run(server: Server, chromium: string, postgres: string | undefined): Counts {
  fs.rmSync(path.resolve(E2E_DATA_DIR), { recursive: true, force: true });
  const report = path.resolve("test-results", `e2e-${server}.json`);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  console.info(`\n== end-to-end against ${server === "core" ? "the embedded core" : "Ory Hydra v2.3.0"} ==`);
  const result = spawnSync(
    process.execPath,
    [path.resolve("node_modules/@playwright/test/cli.js"), "test", "--reporter=list,json", ...process.argv.slice(2)],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        CHROMIUM_PATH: chromium,
        TOBIRA_E2E_SERVER: server,
        PLAYWRIGHT_JSON_OUTPUT_FILE: report,
        ...(postgres ? { TOBIRA_E2E_POSTGRES: postgres } : {}),
      },
    },
  );
  const counts = readCounts(report);
  // A run that crashed before reporting, or that executed nothing, counts as a failure.
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  if (counts.passed + counts.failed === 0) {
    console.error(`The run against ${server} executed no test.`);
    counts.failed = 1;
  }
  return counts;
}

function readCounts(report: string): Counts {
  try {
    const stats = (JSON.parse(fs.readFileSync(report, "utf8")) as { stats?: Record<string, number> }).stats ?? {};
    return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

function main(): number {
  const chromium = findChromium();
  const chosen = servers();
  if (chosen.includes("hydra")) ensureHydra();
  // Only the core's pass runs the failure drills.
  const postgres = chosen.includes("core") ? drillPostgres() : undefined;
  buildIfNeeded();
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const server of chosen) {
    const counts = run(server, chromium, postgres);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  console.info(`\ne2e: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
