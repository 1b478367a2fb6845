import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { buildIfNeeded } from "./lib/build";
import { findChromium } from "./lib/chromium";
import { ensureHydra } from "./lib/hydra";
import { drillPostgres } from "./lib/postgres";
import { passDirs } from "../e2e/support/env";

// `npm run test:e2e`: the Playwright suite against the embedded core and against real Ory Hydra
// v2.3.0 (built once from its Go module), each with a fresh data directory, the system Chromium
// and a current build. TOBIRA_E2E_SERVER=core or =hydra runs one of them. Extra arguments go to
// `playwright test`. The last line is the total over both passes.
//
// The two passes run side by side: a browser test waits far more than it computes, so on two
// cores both passes together take little longer than the longer one alone. Hydra's pass gets its
// own ports (HYDRA_PASS_PORT_SHIFT), data and artefacts; its output is printed whole after the
// core's, which streams. They run one after the other on PostgreSQL (`DATABASE_URL`), where they
// would share one database and so its throttles, or with TOBIRA_E2E_SEQUENTIAL=1.

type Server = "core" | "hydra";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Far enough that no port of one pass (bases 2525–5441 plus a checkout's offset) meets the
 * other's, and below Linux's ephemeral range (32768+). */
const HYDRA_PASS_PORT_SHIFT = 10_000;

function servers(): Server[] {
  const chosen = process.env.TOBIRA_E2E_SERVER;
  if (chosen === "core" || chosen === "hydra") return [chosen];
  if (chosen && chosen !== "both") throw new Error(`TOBIRA_E2E_SERVER=${chosen}: use core, hydra or both`);
  return ["core", "hydra"];
}

interface Pass {
  server: Server;
  offset: number;
  /** Where the pass's output goes while another pass streams; undefined: straight through. */
  log?: string;
}

function heading(server: Server): string {
  return `\n== end-to-end against ${server === "core" ? "the embedded core" : "Ory Hydra v2.3.0"} ==`;
}

async function run(pass: Pass, chromium: string, postgres: string | undefined): Promise<Counts> {
  const dirs = passDirs(pass.server, pass.offset);
  fs.rmSync(path.resolve(dirs.data), { recursive: true, force: true });
  const report = path.resolve(`${dirs.results}.json`);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const output = pass.log ? fs.openSync(pass.log, "w") : undefined;
  if (!output) console.info(heading(pass.server));
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.resolve("node_modules/@playwright/test/cli.js"), "test", "--reporter=list,json", ...process.argv.slice(2)],
      {
        stdio: output === undefined ? "inherit" : ["ignore", output, output],
        env: {
          ...process.env,
          CHROMIUM_PATH: chromium,
          TOBIRA_E2E_SERVER: pass.server,
          TOBIRA_E2E_PORT_OFFSET: String(pass.offset),
          PLAYWRIGHT_JSON_OUTPUT_FILE: report,
          ...(postgres ? { TOBIRA_E2E_POSTGRES: postgres } : {}),
        },
      },
    );
    child.on("error", () => resolve(null));
    child.on("exit", (code) => resolve(code));
  });
  if (output !== undefined) fs.closeSync(output);
  const counts = readCounts(report);
  // A run that crashed before reporting, or that executed nothing, counts as a failure.
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  if (counts.passed + counts.failed === 0) {
    console.error(`The run against ${pass.server} executed no test.`);
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

async function main(): Promise<number> {
  const chromium = findChromium();
  const chosen = servers();
  if (chosen.includes("hydra")) ensureHydra();
  // Only the core's pass runs the failure drills.
  const postgres = chosen.includes("core") ? drillPostgres() : undefined;
  buildIfNeeded();
  const offset = Number(process.env.TOBIRA_E2E_PORT_OFFSET ?? 0);
  const together = chosen.length > 1 && !process.env.DATABASE_URL && process.env.TOBIRA_E2E_SEQUENTIAL !== "1";
  const passes: Pass[] = chosen.map((server, index) =>
    together && index > 0
      ? { server, offset: offset + HYDRA_PASS_PORT_SHIFT, log: path.resolve(`${passDirs(server, offset + HYDRA_PASS_PORT_SHIFT).results}.log`) }
      : { server, offset },
  );
  const results: Counts[] = [];
  if (together) {
    for (const pass of passes.slice(1)) console.info(`(the pass against ${pass.server} runs at the same time; its output follows the core's)`);
    results.push(...(await Promise.all(passes.map((pass) => run(pass, chromium, postgres)))));
    for (const pass of passes) {
      if (!pass.log) continue;
      console.info(heading(pass.server));
      process.stdout.write(fs.readFileSync(pass.log, "utf8"));
    }
  } else {
    for (const pass of passes) results.push(await run(pass, chromium, postgres));
  }
  const total = results.reduce((sum, counts) => ({
    passed: sum.passed + counts.passed,
    failed: sum.failed + counts.failed,
    skipped: sum.skipped + counts.skipped,
  }));
  console.info(`\ne2e: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
