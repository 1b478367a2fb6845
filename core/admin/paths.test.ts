import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningCore } from "../index";
import { startTestCore, tempDir } from "../testing/harness";

// Paths an attacker or a broken client writes: sent with node:http so that the bytes of the path
// reach the core exactly as written (fetch and URL would leave them alone too, but say so less
// plainly). Every answer is Hydra's error body, never a 500.

const TOKEN = "admin-token-for-the-paths-test-0123456789";

function send(core: RunningCore, method: string, path: string, token = TOKEN): Promise<{ status: number; body: string }> {
  const target = new URL(core.adminUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, method, path, headers: { host: target.host, authorization: `Bearer ${token}` } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

let dir: string;
let core: RunningCore;
beforeAll(async () => {
  dir = tempDir();
  core = await startTestCore(dir, { adminToken: TOKEN });
});
afterAll(async () => {
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("admin paths that are not percent-encoded correctly", () => {
  it("are Hydra's 400 invalid_request, whatever the route and method", async () => {
    const cases: [string, string][] = [
      ["GET", "/admin/clients/%E0%A4%A"],
      ["GET", "/admin/clients/abc%"],
      ["DELETE", "/admin/clients/%ZZ"],
      ["PUT", "/admin/clients/%G0/lifespans"],
      ["GET", "/admin/keys/%/kid"],
      ["GET", "/admin/no-such-route/%E0%A4%A"],
    ];
    for (const [method, path] of cases) {
      const answer = await send(core, method, path);
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ error: "invalid_request", error_description: expect.any(String), status_code: 400 });
    }
  });

  it("are 404 when the escapes are well-formed but not UTF-8: nothing can have that name", async () => {
    for (const path of ["/admin/clients/%E0%A4", "/admin/clients/%FF", "/admin/keys/%C0%AF"]) {
      const answer = await send(core, "GET", path);
      expect(answer.status, path).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ status_code: 404 });
    }
  });

  it("are still asked for the token first, and leave the core answering", async () => {
    expect((await send(core, "GET", "/admin/clients/%E0%A4%A", "a-wrong-token-for-this-test-000")).status).toBe(401);
    const listed = await send(core, "GET", "/admin/clients");
    expect(listed.status).toBe(200);
    expect(Array.isArray(JSON.parse(listed.body))).toBe(true);
  });
});
