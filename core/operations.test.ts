import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { admin, createClient, withTestCore } from "./testing/harness";

// What operators and their tools probe (Hydra's paths): health on both ports, /version and the
// Prometheus metrics on the admin port, and the acr values the UI uses in discovery.

let core: RunningCore;
withTestCore((started) => (core = started), { acrLevel3: "urn:example:mfa" });

/** Prometheus text format 0.0.4: `name{labels} value` samples, after # HELP / # TYPE lines. */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!match?.[1] || match[2] === undefined) throw new Error(`not a sample line: ${line}`);
    const value = Number(match[2]);
    if (Number.isNaN(value)) throw new Error(`not a number: ${line}`);
    samples.set(match[1], value);
  }
  return samples;
}

async function metrics(): Promise<Map<string, number>> {
  const res = await fetch(`${core.adminUrl}/admin/metrics/prometheus`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseMetrics(await res.text());
}

describe("operations endpoints", () => {
  it("answers /health/alive and /health/ready on the public port as on the admin port", async () => {
    for (const base of [core.issuer, core.adminUrl]) {
      for (const check of ["alive", "ready"]) {
        const res = await fetch(`${base}/health/${check}`);
        expect([base, check, res.status, await res.json()]).toEqual([base, check, 200, { status: "ok" }]);
      }
    }
  });

  it("answers /version with the package's version", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8")) as { version: string };
    expect(await admin(core, "GET", "/version")).toMatchObject({ status: 200, body: { version } });
  });

  it("counts requests by listener, method, route and status in the Prometheus metrics", async () => {
    const discovery = 'http_requests_total{server="public",method="GET",route="/.well-known/openid-configuration",status="200"}';
    // An unknown interaction id: the path's own value must not become a label.
    const resume = 'http_requests_total{server="public",method="GET",route="/oauth2/auth/*",status="303"}';
    const client = 'http_requests_total{server="admin",method="GET",route="/admin/clients/:id",status="404"}';
    const issued = 'tobira_core_tokens_issued_total{kind="client_credentials"}';
    const machine = await createClient(core, { grant_types: ["client_credentials"], response_types: [], redirect_uris: [], scope: "" });
    const before = await metrics();
    expect(before.get("process_uptime_seconds")).toBeGreaterThan(0);

    await (await fetch(`${core.issuer}/.well-known/openid-configuration`)).text();
    await (await fetch(`${core.issuer}/oauth2/auth/no-such-interaction`, { redirect: "manual" })).text();
    expect((await admin(core, "GET", "/admin/clients/no-such-client")).status).toBe(404);
    const token = await fetch(`${core.issuer}/oauth2/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${machine.client_id}:${machine.client_secret}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(token.status).toBe(200);

    const after = await metrics();
    expect(after.get(discovery)).toBe((before.get(discovery) ?? 0) + 1);
    expect(after.get(resume)).toBe((before.get(resume) ?? 0) + 1);
    expect(after.get(client)).toBe((before.get(client) ?? 0) + 1);
    expect(after.get(issued)).toBe((before.get(issued) ?? 0) + 1);
    expect([...after.keys()].some((key) => key.includes("no-such"))).toBe(false);
  });

  it("lists the UI's acr values in discovery", async () => {
    const discovery = (await (await fetch(`${core.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.acr_values_supported).toEqual(["urn:tobira:loa:2", "urn:example:mfa"]);
  });
});
