import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { resetStorage, startTestCore, storageCases, tempDir } from "./testing/harness";

// NUL in what a client sends (common/nul.ts): PostgreSQL cannot even compare text with it, so
// every lookup with one answered 500 there (found by e2e/hostile-input.spec.ts on PostgreSQL).
// In a path it names nothing (404, as an escape that is not UTF-8); in a query or a body of the
// admin API it is refused (400); a token, code or interaction id with one is unknown.

const TOKEN = "admin-token-for-the-nul-test-0123456789ab";

/** With node:http, so the bytes of the path reach the core as written. */
function send(core: RunningCore, method: string, path: string): Promise<number> {
  const target = new URL(core.adminUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, method, path, headers: { host: target.host, authorization: `Bearer ${TOKEN}` } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

const form = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body });

describe.each(storageCases("tobira_core_test_nul"))("NUL in a request, on %s", (_engine, storage) => {
  let core: RunningCore;
  let dir: string;
  beforeAll(async () => {
    if (!storage) return;
    await resetStorage(storage);
    dir = tempDir();
    core = await startTestCore(dir, { ...storage, adminToken: TOKEN });
  });
  afterAll(async () => {
    await core?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!storage)("names nothing in an admin path", async () => {
    for (const [method, path] of [
      ["GET", "/admin/clients/%00"],
      ["DELETE", "/admin/clients/a%00b"],
      ["PUT", "/admin/clients/%00/lifespans"],
      ["GET", "/admin/keys/%00"],
      ["DELETE", "/admin/keys/hydra.openid.id-token/%00"],
    ] as const) {
      expect(await send(core, method, path), `${method} ${path}`).toBe(404);
    }
  });

  it.skipIf(!storage)("is refused in an admin query or body", async () => {
    for (const [method, path] of [
      ["GET", "/admin/clients?client_name=%00"],
      ["GET", "/admin/oauth2/auth/requests/login?login_challenge=a%00"],
      ["DELETE", "/admin/oauth2/auth/sessions/consent?subject=%00"],
      ["DELETE", "/admin/oauth2/tokens?client_id=%00"],
    ] as const) {
      expect(await send(core, method, path), `${method} ${path}`).toBe(400);
    }
    const created = await fetch(`${core.adminUrl}/admin/clients`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ client_name: "nul\u0000client", redirect_uris: ["https://app.example/cb"] }),
    });
    expect(created.status).toBe(400);
    expect((await form(`${core.adminUrl}/admin/oauth2/introspect`, "token=%00", { authorization: `Bearer ${TOKEN}` })).status).toBe(400);
  });

  it.skipIf(!storage)("is an unknown token, client or interaction at the public endpoints", async () => {
    expect((await form(`${core.issuer}/oauth2/revoke`, "token=%00&client_id=nobody%00")).status).toBe(401);
    expect((await form(`${core.issuer}/oauth2/introspect`, "token=x%00&client_id=nobody")).status).toBe(401);
    // An unknown interaction: sent to the error screen, as for any other unknown id.
    const resumed = await fetch(`${core.issuer}/oauth2/auth/a%00b`, { redirect: "manual" });
    expect(resumed.status).toBe(303);
    // And the core still answers.
    expect((await fetch(`${core.adminUrl}/health/ready`)).status).toBe(200);
  });
});
