import fs from "node:fs";
import net from "node:net";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { startTestCore, tempDir } from "./testing/harness";

// Health checks (Playwright's webServer, load balancers) poll from the first second: a request
// that arrives while the store is still opening must be answered, never left hanging.

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let running: RunningCore | undefined;
const dirs: string[] = [];
const SCHEMA = `tobira_core_test_startup`;
afterEach(async () => {
  await running?.close();
  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it("answers every health check while starting, then reports ready", async () => {
  const adminPort = await freePort();
  const dir = tempDir();
  dirs.push(dir);
  // PostgreSQL (when available) makes the opening window wide enough to land requests in.
  const database = process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, databaseSchema: SCHEMA } : {};
  const starting = startTestCore(dir, { adminPort, ...database });
  const statuses: number[] = [];
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && statuses.at(-1) !== 200) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    try {
      const response = await fetch(`http://127.0.0.1:${adminPort}/health/ready`, { signal: AbortSignal.timeout(3_000) });
      statuses.push(response.status);
    } catch (error) {
      // Not listening yet is fine; a request accepted and then left unanswered is the bug.
      if (error instanceof Error && error.name === "TimeoutError") throw error;
    }
  }
  running = await starting;
  expect(statuses.at(-1)).toBe(200);
  expect(statuses.every((status) => status === 503 || status === 200)).toBe(true);
});
