import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChallengeClient } from "../../lib/challenge/client";
import { ChallengeError } from "../../lib/challenge/errors";
import { ConfigError, configFromEnv } from "../config";
import type { RunningCore } from "../index";
import { startTestCore, tempDir } from "../testing/harness";

// The admin API's boundary (boundary.ts): who may talk to it at all. Requests are sent with
// node:http so that the Host header and the body's type are exactly what a browser or an
// attacker would send.

const TOKEN = "admin-token-for-the-boundary-test-0123456789";

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(core: RunningCore, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Sent> {
  const target = new URL(core.adminUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, method, path, headers: { ...headers, ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const clientBody = (name: string) =>
  JSON.stringify({ client_name: name, redirect_uris: ["http://rp.test/callback"], grant_types: ["authorization_code"], response_types: ["code"] });

const cores: RunningCore[] = [];
const dirs: string[] = [];
async function start(overrides: Parameters<typeof startTestCore>[1] = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const core = await startTestCore(dir, overrides);
  cores.push(core);
  return core;
}
afterAll(async () => {
  await Promise.all(cores.map((core) => core.close()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function clientNames(core: RunningCore, headers: Record<string, string> = {}): Promise<string[]> {
  const listed = await send(core, "GET", "/admin/clients", { host: new URL(core.adminUrl).host, ...headers });
  return (JSON.parse(listed.body) as Array<{ client_name: string }>).map((client) => client.client_name);
}

describe("the admin API's bind address", () => {
  it("defaults to loopback, whatever CORE_HOST is", () => {
    expect(configFromEnv({ CORE_HOST: "0.0.0.0" })).toMatchObject({ host: "0.0.0.0", adminHost: "127.0.0.1" });
    expect(configFromEnv({ CORE_ADMIN_HOST: "10.0.0.5" }).adminHost).toBe("10.0.0.5");
  });

  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === "IPv4")?.address;

  it.runIf(external)("is not reachable from another interface when only the public port is exposed", async () => {
    const core = await start({ host: "0.0.0.0", issuer: "http://localhost:4444" });
    const connects = (port: number) =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: external, port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on("error", () => resolve(false));
      });
    expect(await connects(core.config.publicPort)).toBe(true);
    expect(await connects(core.config.adminPort)).toBe(false);
    expect(new URL(core.adminUrl).hostname).toBe("127.0.0.1");
  });
});

describe("without a token", () => {
  let core: RunningCore;
  let host: string;
  beforeAll(async () => {
    core = await start();
    host = new URL(core.adminUrl).host;
  });

  it("refuses a text/plain or form body (a web page's simple request) with 415, and creates nothing", async () => {
    const plain = await send(core, "POST", "/admin/clients", { host, "content-type": "text/plain;charset=UTF-8" }, clientBody("via text/plain"));
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body)).toMatchObject({ error: "invalid_request", status_code: 415 });
    const form = await send(core, "POST", "/admin/clients", { host, "content-type": "application/x-www-form-urlencoded" }, "client_name=via+form");
    expect(form.status).toBe(415);
    const multipart = await send(core, "POST", "/admin/clients", { host, "content-type": "multipart/form-data; boundary=x" }, "--x--");
    expect(multipart.status).toBe(415);
    const bare = await send(core, "POST", "/admin/clients", { host });
    expect(bare.status).toBe(415);
    const accept = await send(core, "PUT", "/admin/oauth2/auth/requests/login/accept?login_challenge=x", { host, "content-type": "text/plain" }, '{"subject":"x"}');
    expect(accept.status).toBe(415);
    expect(await clientNames(core)).not.toContain("via text/plain");

    const json = await send(core, "POST", "/admin/clients", { host, "content-type": "Application/JSON; charset=utf-8" }, clientBody("via json"));
    expect(json.status).toBe(201);
    expect(await clientNames(core)).toContain("via json");
  });

  it("answers a body over 1 MB with 413 and closes the connection, so a kept-alive one is not reset", async () => {
    // Found by e2e/hostile-input.spec.ts: the 413 said keep-alive over a socket it then destroyed,
    // and the client's next request on it (any request: the UI's fetch keeps connections) failed.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const target = new URL(core.adminUrl);
    const over = (method: string, path: string, body?: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: target.hostname, port: target.port, method, path, agent, headers: { host, "content-type": "application/json", ...(body ? { "content-length": String(body.length) } : {}) } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      expect(await over("GET", "/admin/clients")).toBe(200);
      expect(await over("POST", "/admin/clients", Buffer.alloc(2 * 1024 * 1024, 32))).toBe(413);
      expect(await over("GET", "/admin/clients")).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it("takes introspection as a form (Hydra's), and a body-less PUT or DELETE without a type", async () => {
    const asJson = await send(core, "POST", "/admin/oauth2/introspect", { host, "content-type": "application/json" }, '{"token":"x"}');
    expect(asJson.status).toBe(415);
    const asForm = await send(core, "POST", "/admin/oauth2/introspect", { host, "content-type": "application/x-www-form-urlencoded" }, "token=x");
    expect(asForm.status).toBe(200);
    expect(JSON.parse(asForm.body)).toEqual({ active: false });
    expect((await send(core, "PUT", "/admin/oauth2/auth/requests/logout/accept?logout_challenge=unknown", { host })).status).toBe(404);
    expect((await send(core, "DELETE", "/admin/oauth2/auth/sessions/login?subject=nobody", { host })).status).toBe(204);
  });

  it("answers only its own loopback names with the admin port: a DNS-rebinding name gets 421", async () => {
    const port = core.config.adminPort;
    for (const own of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await send(core, "GET", "/admin/clients", { host: own })).status).toBe(200);
    }
    for (const foreign of [`rebind.attacker.example:${port}`, `localhost.attacker.example:${port}`, "127.0.0.1", `127.0.0.1:${port + 1}`, `localhost.:${port}`]) {
      const answer = await send(core, "GET", "/admin/clients", { host: foreign });
      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.body)).toMatchObject({ status_code: 421 });
    }
    const rebound = await send(
      core,
      "POST",
      "/admin/clients",
      { host: `rebind.attacker.example:${port}`, "content-type": "application/json" },
      clientBody("via rebinding"),
    );
    expect(rebound.status).toBe(421);
    expect(await clientNames(core)).not.toContain("via rebinding");
    expect((await send(core, "GET", "/health/ready", { host: `10.1.2.3:${port}` })).status).toBe(200);
  });

  it("answers the names the operator lists instead, when CORE_ADMIN_ALLOWED_HOSTS is set", async () => {
    expect(configFromEnv({ CORE_ADMIN_ALLOWED_HOSTS: "core-admin.internal:4445, [fd00::1]:4445 10.0.0.5" }).adminAllowedHosts).toEqual([
      "core-admin.internal:4445",
      "[fd00::1]:4445",
      "10.0.0.5",
    ]);
    expect(() => configFromEnv({ CORE_ADMIN_ALLOWED_HOSTS: "http://core-admin/" })).toThrow(/CORE_ADMIN_ALLOWED_HOSTS/);
    const listed = await start({ adminAllowedHosts: ["core-admin.internal:4445"] });
    expect((await send(listed, "GET", "/admin/clients", { host: "core-admin.internal:4445" })).status).toBe(200);
    expect((await send(listed, "GET", "/admin/clients", { host: new URL(listed.adminUrl).host })).status).toBe(421);
  });
});

describe("with CORE_ADMIN_TOKEN", () => {
  let core: RunningCore;
  let host: string;
  beforeAll(async () => {
    core = await start({ adminToken: TOKEN });
    host = new URL(core.adminUrl).host;
  });

  it("refuses every request without the bearer token with 401, health excepted", async () => {
    const without = await send(core, "GET", "/admin/clients", { host });
    expect(without.status).toBe(401);
    expect(without.headers["www-authenticate"]).toMatch(/^Bearer /);
    expect(JSON.parse(without.body)).toMatchObject({ error: "request_unauthorized", status_code: 401 });
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${Buffer.from(`admin:${TOKEN}`).toString("base64")}`, TOKEN, "Bearer "]) {
      expect((await send(core, "GET", "/admin/clients", { host, authorization })).status).toBe(401);
    }
    const created = await send(core, "POST", "/admin/clients", { host, "content-type": "application/json" }, clientBody("without token"));
    expect(created.status).toBe(401);
    expect((await send(core, "GET", "/health/alive", { host })).status).toBe(200);
    expect((await send(core, "GET", "/health/ready", { host })).status).toBe(200);

    expect((await send(core, "GET", "/admin/clients", { host, authorization: `bearer ${TOKEN}` })).status).toBe(200);
    expect(await clientNames(core, { authorization: `Bearer ${TOKEN}` })).not.toContain("without token");
  });

  it("is sent by the UI's admin client when HYDRA_ADMIN_TOKEN is set", async () => {
    const withToken = createChallengeClient({ baseUrl: core.adminUrl, token: TOKEN });
    expect(await withToken.listConsentSessions("nobody")).toEqual([]);
    const without = createChallengeClient({ baseUrl: core.adminUrl });
    await expect(without.listConsentSessions("nobody")).rejects.toBeInstanceOf(ChallengeError);
    // Readiness stays open, like Hydra's, so a missing token shows up as refused calls, not as "down".
    expect(await without.isReady()).toBe(true);
  });

  it("must be long enough to be one", () => {
    expect(() => configFromEnv({ CORE_ADMIN_TOKEN: "short" })).toThrow(ConfigError);
    expect(() => configFromEnv({ CORE_ADMIN_TOKEN: "short" })).toThrow(/CORE_ADMIN_TOKEN/);
  });
});
