import type { APIRequestContext } from "@playwright/test";
import { parseExposition, valueOf, type Exposition } from "../lib/testing/prometheus";
import { ADMIN_TOKEN } from "./support/env";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { expectSignedIn, startSignIn } from "./screens/client-app";
import { allow, expectConsentScreen } from "./screens/consent-screen";
import { expectInvalidCredentials, signIn } from "./screens/login-screen";

// Issue 17 item 5: the UI's Prometheus metrics at /metrics, behind the admin token. One person's
// sign-in moves the figures an operator watches by exactly what happened; the suite runs one test
// at a time against its own UI, so the difference between two scrapes is this test's doing.

const m = messages.ja;
const APP = "Kakeibo Test App";

async function scrape(request: APIRequestContext): Promise<Exposition> {
  const response = await request.get("/metrics", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseExposition(await response.text());
}

test("a sign-in with one wrong password and an allowed consent moves each counter by what happened", async ({ page, request, client, person }) => {
  const before = await scrape(request);
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: "not-the-password" });
  await expectInvalidCredentials(page, m, person.userName);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectConsentScreen(page, m, APP);
  await allow(page, m);
  await expectSignedIn(page, client);
  const after = await scrape(request);

  const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
  expect(delta("tobira_sign_ins_total", { result: "succeeded" })).toBe(1);
  expect(delta("tobira_sign_ins_total", { result: "failed", reason: "invalid_credentials" })).toBe(1);
  expect(delta("tobira_sign_ins_total", { result: "failed", reason: "throttled" })).toBe(0);
  expect(delta("tobira_consents_total", { decision: "granted" })).toBe(1);
  expect(delta("tobira_consents_total", { decision: "denied" })).toBe(0);
  expect(delta("tobira_consents_total", { decision: "skipped" })).toBe(0);

  // One accept of the login and one of the consent; each observation lands in a bucket.
  for (const operation of ["acceptLogin", "acceptConsent"]) {
    expect(delta("tobira_admin_api_request_duration_seconds_count", { operation })).toBe(1);
    expect(delta("tobira_admin_api_request_duration_seconds_bucket", { operation, le: "+Inf" })).toBe(1);
    expect(delta("tobira_admin_api_request_duration_seconds_sum", { operation })).toBeGreaterThan(0);
    expect(delta("tobira_admin_api_errors_total", { operation, kind: "internal" })).toBe(0);
  }
  expect(delta("tobira_admin_api_request_duration_seconds_count", { operation: "getLoginRequest" })).toBeGreaterThanOrEqual(1);
  expect(delta("tobira_admin_api_request_duration_seconds_count", { operation: "getConsentRequest" })).toBeGreaterThanOrEqual(1);

  // The screens the person saw, by route pattern; never a path with a challenge in it.
  expect(delta("tobira_http_request_duration_seconds_count", { route: "/login", method: "GET", status: "2xx" })).toBeGreaterThanOrEqual(1);
  expect(delta("tobira_http_request_duration_seconds_count", { route: "/consent", method: "GET", status: "2xx" })).toBeGreaterThanOrEqual(1);
  expect(delta("tobira_proxy_duration_seconds_count")).toBeGreaterThanOrEqual(2);
  const labelValues = after.samples.flatMap((sample) => Object.values(sample.labels));
  expect(labelValues.filter((value) => /challenge|\?|Kakeibo/.test(value) || value.includes(person.userName))).toEqual([]);
});

test("each screen asks the admin API once for its request: proxy.ts hands what it read to the page", async ({ page, request, client, person }) => {
  const reads = async () => {
    const scraped = await scrape(request);
    const count = (operation: string) => valueOf(scraped, "tobira_admin_api_request_duration_seconds_count", { operation });
    return { login: count("getLoginRequest"), consent: count("getConsentRequest") };
  };
  const steps: { login: number; consent: number }[] = [];
  let last = await reads();
  const step = async () => {
    const now = await reads();
    steps.push({ login: now.login - last.login, consent: now.consent - last.consent });
    last = now;
  };
  await startSignIn(page, client);
  await expect(page.getByRole("button", { name: m.Login.submit, exact: true })).toBeVisible();
  await step();
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectConsentScreen(page, m, APP);
  await step();
  await allow(page, m);
  await expectSignedIn(page, client);
  await step();
  // The login page; the sign-in (the proxy's peek of the post is still cached) and the consent
  // page; the allow (likewise). Without the hand-off: 2, then 2 and 2, then 1.
  expect(steps).toEqual([
    { login: 1, consent: 0 },
    { login: 1, consent: 1 },
    { login: 0, consent: 1 },
  ]);
});

test("without the admin token, or with another, /metrics is 401, shows no figure and locks nobody out", async ({ request }) => {
  const before = await scrape(request);
  for (const authorization of [undefined, "Bearer not-the-admin-token-but-long-enough", `Basic ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}0`]) {
    // More wrong tokens than the preview's free guesses: a scrape is no sign-in attempt.
    for (let i = 0; i < 2; i++) {
      const response = await request.get("/metrics", { headers: authorization ? { authorization } : {} });
      expect(response.status()).toBe(401);
      expect(response.headers()["www-authenticate"]).toMatch(/^Bearer /);
      expect(await response.text()).not.toContain("tobira_");
    }
  }
  const after = await scrape(request);
  expect(valueOf(after, "tobira_throttled_attempts_total", { kind: "preview-token" })).toBe(valueOf(before, "tobira_throttled_attempts_total", { kind: "preview-token" }));
  for (const reason of ["invalid_credentials", "throttled"]) {
    expect(valueOf(after, "tobira_sign_ins_total", { result: "failed", reason })).toBe(valueOf(before, "tobira_sign_ins_total", { result: "failed", reason }));
  }
});
