import { context, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { DEV_ADMIN_TOKEN } from "@/lib/config/env";
import { parseExposition, valueOf } from "@/lib/testing/prometheus";
import { metricsResponse } from "./endpoint";
import { countConsent, countSignIn, countThrottled, observeRequest, renderMetrics, routeLabel } from "./index";
import { startRequestMetrics } from "./requests";

const read = () => parseExposition(renderMetrics());
const scrape = (authorization?: string) => metricsResponse(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }));

describe("route labels", () => {
  it("are app route patterns; Next.js's internal routes and anything else are one value", () => {
    expect(routeLabel("/login")).toBe("/login");
    expect(routeLabel("/error/[reason]")).toBe("/error/[reason]");
    expect(routeLabel("/brand-assets/[...path]")).toBe("/brand-assets/[...path]");
    expect(routeLabel("/_not-found")).toBe("other");
    expect(routeLabel(undefined)).toBe("other");
    expect(routeLabel("/consent?consent_challenge=abc")).toBe("other");
    expect(routeLabel('/x"\n')).toBe("other");
  });
});

describe("the UI's metrics", () => {
  it("count by fixed labels, with the declared series at 0 from the start", () => {
    const before = read();
    expect(valueOf(before, "tobira_consents_total", { decision: "denied" })).toBeGreaterThanOrEqual(0);
    expect(before.types.get("tobira_admin_api_request_duration_seconds")).toBe("histogram");
    countSignIn({ ok: true });
    countSignIn({ ok: false, reason: "invalid_credentials" });
    countConsent("denied");
    countThrottled("account");
    countThrottled("something new");
    observeRequest("/consent", "GET", 200, 0.03);
    observeRequest("/consent", "BREW", 418, 0.03);
    const after = read();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta("tobira_sign_ins_total", { result: "succeeded" })).toBe(1);
    expect(delta("tobira_sign_ins_total", { result: "failed", reason: "invalid_credentials" })).toBe(1);
    expect(delta("tobira_consents_total", { decision: "denied" })).toBe(1);
    expect(delta("tobira_throttled_attempts_total", { kind: "account" })).toBe(1);
    expect(delta("tobira_throttled_attempts_total", { kind: "other" })).toBe(1);
    expect(delta("tobira_http_request_duration_seconds_count", { route: "/consent", method: "GET", status: "2xx" })).toBe(1);
    expect(delta("tobira_http_request_duration_seconds_bucket", { route: "/consent", method: "GET", status: "2xx", le: "0.05" })).toBe(1);
    expect(delta("tobira_http_request_duration_seconds_count", { route: "/consent", method: "other", status: "4xx" })).toBe(1);
  });
});

describe("GET /metrics", () => {
  it("answers 401 without the admin token, or with another, and shows nothing", async () => {
    for (const authorization of [undefined, "Bearer not-the-token", `Basic ${DEV_ADMIN_TOKEN}`, `Bearer ${DEV_ADMIN_TOKEN}x`]) {
      const response = scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(await response.text()).toBe("");
    }
  });

  it("answers the exposition to the admin token", async () => {
    const response = scrape(`Bearer ${DEV_ADMIN_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(parseExposition(await response.text()).types.get("tobira_sign_ins_total")).toBe("counter");
  });
});

describe("request latency from Next.js's spans", () => {
  it("observes a request span with its route, method and status once it ends, and the proxy's span apart", async () => {
    expect(startRequestMetrics()).toBe(true);
    const tracer = trace.getTracer("next.js");
    const before = read();
    const labels = { route: "/account/apps", method: "POST", status: "3xx" };
    await tracer.startActiveSpan("POST", { attributes: { "next.span_type": "BaseServer.handleRequest", "http.method": "POST" } }, async (span) => {
      // The context follows the awaits: Next.js finds its span again further down.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(trace.getSpan(context.active())).toBe(span);
      tracer.startActiveSpan("proxy", { attributes: { "next.span_type": "Middleware.execute" } }, (proxy) => proxy.end());
      span.setAttributes({ "http.status_code": 303, "next.route": "/account/apps" });
      span.end();
      span.end();
    });
    // The pass that only ran the proxy has no route: not a request of its own.
    tracer.startActiveSpan("GET", { attributes: { "next.span_type": "BaseServer.handleRequest", "http.method": "GET" } }, (span) => span.end());
    const after = read();
    expect(valueOf(after, "tobira_http_request_duration_seconds_count", labels) - valueOf(before, "tobira_http_request_duration_seconds_count", labels)).toBe(1);
    expect(valueOf(after, "tobira_http_request_duration_seconds_sum", labels) - valueOf(before, "tobira_http_request_duration_seconds_sum", labels)).toBeGreaterThan(0.004);
    expect(valueOf(after, "tobira_proxy_duration_seconds_count") - valueOf(before, "tobira_proxy_duration_seconds_count")).toBe(1);
    expect(valueOf(after, "tobira_http_request_duration_seconds_count", { route: "other", method: "GET", status: "other" })).toBe(0);
  });
});

// Last: it fills this process's routes up to the bound.
describe("route labels past the bound", () => {
  it("stop growing, whatever reaches them", () => {
    for (let i = 0; i < 300; i++) routeLabel(`/generated/${i}`);
    expect(routeLabel("/generated/new-one")).toBe("other");
    expect(routeLabel("/login")).toBe("/login");
  });
});
