import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../common/log";
import type { RunningCore } from "./index";
import { startTestCore, tempDir } from "./testing/harness";

// The core's access log (core/access-log.ts): one JSON line per request once it is answered,
// with the request id it sends back, and never the query (codes, challenges, verifiers).

const lines: Record<string, unknown>[] = [];
let core: RunningCore;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir();
  const log = createLogger("core", (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  core = await startTestCore(dataDir, {}, { log, accessLog: true });
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the core's access log", () => {
  it("writes a line per request with status, path without query, and the id it answers with", async () => {
    const secretCode = "code-that-must-not-be-logged";
    const res = await fetch(`${core.issuer}/oauth2/token?code=${secretCode}`, { method: "POST" });
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await res.arrayBuffer();
    await expect.poll(() => lines.find((line) => line.requestId === requestId)).toMatchObject({
      service: "core",
      msg: "request",
      port: "public",
      method: "POST",
      path: "/oauth2/token",
      status: res.status,
      address: "127.0.0.x",
    });
    expect(JSON.stringify(lines)).not.toContain(secretCode);
  });

  it("logs, and keeps answering, a request whose socket is gone when its answer finishes", async () => {
    // Found by e2e/hostile-input.spec.ts: a body over the admin API's 1 MB limit is refused
    // half-read, its socket destroyed, and reading the address from it then crashed the core.
    const res = await fetch(`${core.adminUrl}/admin/clients`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "oversized-000001" },
      body: Buffer.alloc(2 * 1024 * 1024, 32),
    }).catch(() => undefined);
    if (res) await res.arrayBuffer().catch(() => undefined);
    await expect.poll(() => lines.find((line) => line.requestId === "oversized-000001")).toMatchObject({ port: "admin", status: 413 });
    expect((await fetch(`${core.adminUrl}/health/alive`)).status).toBe(200);
  });

  it("keeps a proxy's request id and logs the admin port too", async () => {
    const res = await fetch(`${core.adminUrl}/health/alive`, { headers: { "x-request-id": "edge-req-000123" } });
    expect(res.headers.get("x-request-id")).toBe("edge-req-000123");
    await res.arrayBuffer();
    await expect.poll(() => lines.find((line) => line.requestId === "edge-req-000123")).toMatchObject({ port: "admin", path: "/health/alive", status: 200 });
  });
});
