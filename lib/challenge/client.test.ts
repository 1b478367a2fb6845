import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMetrics } from "@/lib/metrics";
import { parseExposition, valueOf } from "@/lib/testing/prometheus";
import { createChallengeClient } from "./client";
import { ChallengeError } from "./errors";

// A real HTTP server standing in for the admin API: the client's error classification is tested
// on the wire, not against a mocked fetch.

interface Seen {
  method?: string;
  url?: string;
  body?: unknown;
}

const seen: Seen = {};
let server: http.Server;
let base: string;

const loginRequest = {
  challenge: "ok",
  skip: false,
  subject: "",
  client: { client_id: "demo", client_name: "Demo <b>App</b>", metadata: null, logo_uri: "" },
  request_url: "http://localhost:4444/oauth2/auth?client_id=demo",
  requested_scope: ["openid", "profile"],
  requested_access_token_audience: null,
  oidc_context: { ui_locales: ["fr", "ja"], login_hint: "alice" },
};

/** Seven consent sessions for "many", in pages with a Link to the next one (and X-Total-Count). */
const SESSIONS = Array.from({ length: 7 }, (_, i) => ({
  consent_request: { client: { client_id: `app-${i}` } },
  grant_scope: ["openid"],
  handled_at: "2026-01-01T00:00:00Z",
  remember: true,
  remember_for: 0,
}));
const pageSizes: string[] = [];

function consentPage(res: http.ServerResponse, url: URL) {
  if (url.searchParams.get("subject") !== "many") return reply(res, 200, []);
  const size = Math.min(3, Number(url.searchParams.get("page_size") ?? 250));
  pageSizes.push(url.searchParams.get("page_size") ?? "");
  const offset = Number(Buffer.from(url.searchParams.get("page_token") ?? "MA", "base64url").toString());
  const next = offset + size < SESSIONS.length ? Buffer.from(String(offset + size)).toString("base64url") : undefined;
  res.writeHead(200, {
    "content-type": "application/json",
    "x-total-count": String(SESSIONS.length),
    link: [`</admin/oauth2/auth/sessions/consent?page_size=${size}&page_token=MA&subject=many>; rel="first"`, ...(next ? [`</admin/oauth2/auth/sessions/consent?page_size=${size}&page_token=${next}&subject=many>; rel="next"`] : [])].join(","),
  });
  res.end(JSON.stringify(SESSIONS.slice(offset, offset + size)));
}

function reply(res: http.ServerResponse, status: number, body?: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.method = req.method;
      seen.url = req.url;
      seen.body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
      if (url.pathname === "/admin/oauth2/auth/sessions/consent") return consentPage(res, url);
      if (url.pathname === "/health/ready") return reply(res, 200, { status: "ok" });
      if (url.pathname === "/html/health/ready") {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html><body>Service Unavailable</body></html>");
      }
      if (url.pathname === "/other/health/ready") return reply(res, 200, { healthy: true });
      const challenge = url.searchParams.get("login_challenge") ?? url.searchParams.get("logout_challenge");
      switch (challenge) {
        case "ok":
          if (url.pathname.endsWith("/accept")) return reply(res, 200, { redirect_to: "http://localhost:4444/next" });
          return reply(res, 200, loginRequest);
        case "unknown":
          return reply(res, 404, { error: "Not Found", error_description: "Unable to locate the resource" });
        case "used":
          return reply(res, 410, { redirect_to: "http://localhost:4444/used" });
        case "bad":
          return reply(res, 400, { error: "invalid_request" });
        case "crash":
          return reply(res, 503, { error: "unavailable" });
        case "conflict":
          return reply(res, 409, { error: "conflict" });
        case "expired":
          return reply(res, 401, { error: "request_unauthorized", error_description: "The login request has expired, please try again." });
        case "token":
          return reply(res, 401, { error: "Unauthorized" });
        case "garbage":
          res.writeHead(200, { "content-type": "text/html" });
          return res.end("<html>");
        case "shape":
          return reply(res, 200, { challenge: 42 });
        case "truncated":
          res.writeHead(200, { "content-type": "application/json" });
          return res.end(JSON.stringify(loginRequest).slice(0, 40));
        case "stall":
          // Headers, then a body that never ends.
          res.writeHead(200, { "content-type": "application/json" });
          return res.write("{");
        case "slow":
          return setTimeout(() => reply(res, 200, loginRequest), 500);
        case "reject-logout":
          res.writeHead(204);
          return res.end();
        default:
          return reply(res, 500, {});
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(ChallengeError);
    return (error as ChallengeError).kind;
  }
}

describe("challenge client", () => {
  it("fetches and reshapes a login request", async () => {
    const client = createChallengeClient({ baseUrl: `${base}/` });
    const request = await client.getLoginRequest("ok");
    expect(seen.url).toBe("/admin/oauth2/auth/requests/login?login_challenge=ok");
    expect(request.client).toMatchObject({ id: "demo", name: "Demo <b>App</b>", metadata: {}, logoUri: undefined });
    expect(request.oidcContext.uiLocales).toEqual(["fr", "ja"]);
    expect(request.oidcContext.loginHint).toBe("alice");
    expect(request.requestedAudience).toEqual([]);
  });

  it("sends the accept body in Hydra's field names", async () => {
    const client = createChallengeClient({ baseUrl: base });
    const result = await client.acceptLogin("ok", { subject: "u1", remember: true, rememberFor: 60, acr: "a2", amr: ["pwd"] });
    expect(result).toEqual({ redirectTo: "http://localhost:4444/next" });
    expect(seen.method).toBe("PUT");
    expect(seen.body).toEqual({ subject: "u1", remember: true, remember_for: 60, acr: "a2", amr: ["pwd"] });
  });

  it("classifies upstream answers once", async () => {
    const client = createChallengeClient({ baseUrl: base, timeoutMs: 200 });
    expect(await kindOf(client.getLoginRequest("unknown"))).toBe("not_found");
    expect(await kindOf(client.getLoginRequest("used"))).toBe("gone");
    expect(await kindOf(client.getLoginRequest("bad"))).toBe("bad_request");
    expect(await kindOf(client.getLoginRequest("crash"))).toBe("unavailable");
    expect(await kindOf(client.getLoginRequest("conflict"))).toBe("internal");
    expect(await kindOf(client.getLoginRequest("expired"))).toBe("expired");
    expect(await kindOf(client.getLoginRequest("token"))).toBe("internal");
    // Not the admin API's JSON: a maintenance page, a body cut off or one that stops coming.
    expect(await kindOf(client.getLoginRequest("garbage"))).toBe("unavailable");
    expect(await kindOf(client.getLoginRequest("truncated"))).toBe("unavailable");
    expect(await kindOf(client.getLoginRequest("stall"))).toBe("unavailable");
    // The admin API's JSON in a shape Tobira does not expect: a version mismatch to investigate.
    expect(await kindOf(client.getLoginRequest("shape"))).toBe("internal");
    expect(await kindOf(client.getLoginRequest("slow"))).toBe("unavailable");
  });

  it("treats a refused connection as unavailable", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createChallengeClient({ baseUrl: `http://127.0.0.1:${port}` });
    expect(await kindOf(client.getLoginRequest("ok"))).toBe("unavailable");
    expect(await client.isReady()).toBe(false);
  });

  it("is ready only when the readiness check answers Hydra's {\"status\":\"ok\"}", async () => {
    expect(await createChallengeClient({ baseUrl: base }).isReady()).toBe(true);
    expect(await createChallengeClient({ baseUrl: `${base}/html` }).isReady()).toBe(false);
    expect(await createChallengeClient({ baseUrl: `${base}/other` }).isReady()).toBe(false);
  });

  it("accepts a 204 from logout reject", async () => {
    const client = createChallengeClient({ baseUrl: base });
    await expect(client.rejectLogout("reject-logout")).resolves.toBeUndefined();
  });
});

describe("consent sessions", () => {
  it("reads every page, following the Link header's next token", async () => {
    const client = createChallengeClient({ baseUrl: base });
    const sessions = await client.listConsentSessions("many");
    expect(sessions.map((s) => s.client?.id)).toEqual(SESSIONS.map((s) => s.consent_request.client.client_id));
    // Our own page size on every request: Hydra v2.3's Link header carries a wrong one.
    expect(new Set(pageSizes)).toEqual(new Set(["500"]));
  });
});

describe("metrics", () => {
  it("times every request under its operation's name, failures included, and counts failures by kind", async () => {
    const client = createChallengeClient({ baseUrl: base, timeoutMs: 200 });
    const before = parseExposition(renderMetrics());
    await client.getLoginRequest("ok");
    await kindOf(client.getLoginRequest("unknown"));
    await kindOf(client.getLoginRequest("stall"));
    await client.acceptLogin("ok", { subject: "u1", remember: false, rememberFor: 0 });
    // Three pages: three requests of one operation.
    await client.listConsentSessions("many");
    const after = parseExposition(renderMetrics());
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    const count = "tobira_admin_api_request_duration_seconds_count";
    expect(delta(count, { operation: "getLoginRequest" })).toBe(3);
    expect(delta(count, { operation: "acceptLogin" })).toBe(1);
    expect(delta(count, { operation: "listConsentSessions" })).toBe(3);
    expect(delta("tobira_admin_api_errors_total", { operation: "getLoginRequest", kind: "not_found" })).toBe(1);
    // A body that stops coming is read inside the timing, and counted as what it is.
    expect(delta("tobira_admin_api_errors_total", { operation: "getLoginRequest", kind: "unavailable" })).toBe(1);
    expect(delta("tobira_admin_api_errors_total", { operation: "acceptLogin", kind: "not_found" })).toBe(0);
    // Never the path: it carries challenges and ids.
    const admin = after.samples.filter((sample) => sample.name.startsWith("tobira_admin_api_"));
    expect(admin.length).toBeGreaterThan(0);
    expect(admin.some((sample) => Object.values(sample.labels).some((value) => value.includes("/")))).toBe(false);
  });
});
