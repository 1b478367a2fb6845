import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { startClientApp } from "../demo/client-app";
import { DEFAULT_POLICY } from "../lib/identity/throttle";
import { createClient, createPerson, uniqueName, type Person } from "./support/admin";
import { AUTH_SERVER, port } from "./support/env";
import { expect, test, type TestClient } from "./support/fixtures";
import { messages } from "./support/messages";
import { createOwnDatabase, ownTobira, startOwnCore, startOwnUi, type OwnDatabase, type OwnProcess } from "./support/own-servers";
import { RoundRobin, type Served } from "./support/round-robin";
import { expectFormError } from "./screens/account-screens";
import { confirmRevoke, expectNoGrantedApp, grantedApp, openGrantedApps, startRevoke } from "./screens/account-screen";
import { expectSignedIn, refreshTokens, startSignIn } from "./screens/client-app";
import { allow, expectConsentScreen } from "./screens/consent-screen";
import { expectLoginScreen, signIn } from "./screens/login-screen";

// Several instances on one PostgreSQL (issue 17): two embedded cores and two UIs on one database,
// each kind behind a load balancer (RoundRobin) that sends every request to the next instance in
// turn — the browser's pages and posts, the client app's token requests, and the UIs' admin API
// calls. The public URLs (TOBIRA_PUBLIC_URL, the issuer) are the load balancers', so cookies and
// redirects hold whichever instance answers. Nothing one instance knows may be missing from the
// other: sign-ins complete, a revoke through one holds at once through the other, and wrong
// passwords count the same wherever they are sent.

test.skip(AUTH_SERVER !== "core", "the instances are embedded cores on PostgreSQL; one pass is enough");
test.describe.configure({ mode: "serial" });

const m = messages.ja;
const APP = "Instances App";
/** The public face: the load balancers' addresses (UI, issuer, admin API). */
const tobira = ownTobira("instances", 3200);
const { uiUrl, issuer, adminUrl, dataDir } = tobira;
const UI_PORTS = [port(3203), port(3204)];
const CORE_PORTS = [
  { issuer: port(3205), admin: port(3206) },
  { issuer: port(3207), admin: port(3208) },
];
/** The sign-in limits as lib/identity/throttle.ts sets them: the free failures, then the one that locks. */
const ATTEMPTS_BEFORE_LOCK = DEFAULT_POLICY.account.free + 1;
const ADDRESS_ATTEMPTS_BEFORE_LOCK = DEFAULT_POLICY.address.free + 1;

test.use({ baseURL: uiUrl });

let database: OwnDatabase;
let uiBalancer: RoundRobin;
let publicBalancer: RoundRobin;
let adminBalancer: RoundRobin;
let cores: OwnProcess[] = [];
let uis: OwnProcess[] = [];
let client: TestClient;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
  database = await createOwnDatabase();
  uiBalancer = new RoundRobin(Number(new URL(uiUrl).port), UI_PORTS.map((ui) => new URL(`http://localhost:${ui}`)));
  publicBalancer = new RoundRobin(Number(new URL(issuer).port), CORE_PORTS.map((core) => new URL(`http://127.0.0.1:${core.issuer}`)));
  adminBalancer = new RoundRobin(Number(new URL(adminUrl).port), CORE_PORTS.map((core) => new URL(`http://127.0.0.1:${core.admin}`)));
  await Promise.all([uiBalancer.start(), publicBalancer.start(), adminBalancer.start()]);
  const databaseUrl = database.urlVia(database.host, database.port);
  // Started together, as a deployment starts them: both migrate the same fresh database. The
  // admin API answers the Host header the load balancer passes on (CORE_ADMIN_ALLOWED_HOSTS).
  const coreEnv = { CORE_ADMIN_ALLOWED_HOSTS: new URL(adminUrl).host };
  cores = await Promise.all(CORE_PORTS.map((listen) => startOwnCore(tobira, { databaseUrl, env: coreEnv, listen })));
  uis = await Promise.all(UI_PORTS.map((ui) => startOwnUi(tobira, { databaseUrl, env: { TOBIRA_PROXY_HOPS: "2" }, listen: { ui } })));
  client = await startInstancesClient();
});

test.afterAll(async () => {
  await client?.app.close();
  await Promise.all(uis.map((ui) => ui.stop()));
  await Promise.all(cores.map((core) => core.stop()));
  for (const balancer of [uiBalancer, publicBalancer, adminBalancer]) await balancer?.stop();
  await database?.drop();
});

test.afterEach(() => {
  for (const balancer of [uiBalancer, publicBalancer, adminBalancer]) balancer?.pin();
});

/** An app with continuous access (a refresh token) that asks for consent, registered through the admin load balancer. */
async function startInstancesClient(): Promise<TestClient> {
  const pending = { clientId: uniqueName("instances-client"), clientSecret: "" };
  const app = await startClientApp({
    issuer,
    port: 0,
    title: APP,
    scope: "openid profile offline_access",
    get clientId() { return pending.clientId; },
    get clientSecret() { return pending.clientSecret; },
  });
  const created = await createClient({
    client_id: pending.clientId,
    client_name: APP,
    redirect_uris: [app.redirectUri],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: "openid profile offline_access",
    token_endpoint_auth_method: "client_secret_basic",
  }, adminUrl);
  pending.clientSecret = created.clientSecret;
  return { clientId: created.clientId, app };
}

let browsers = 0;

/** A browser of its own, at an address of its own: the throttle counts per address too, and
 * each test counts from nothing. The browser's X-Forwarded-For plays the operator's outer proxy
 * (TOBIRA_PROXY_HOPS=2, the load balancer being the second). */
async function newPage(browser: Browser): Promise<Page> {
  browsers += 1;
  const context = await browser.newContext({ locale: "ja-JP", baseURL: uiUrl, extraHTTPHeaders: { "x-forwarded-for": `203.0.113.${browsers}` } });
  return context.newPage();
}

/** The person signs in to the app (typing, then Enter), allows it, and is back in the app. */
async function grantApp(page: Page, person: Person): Promise<Record<string, unknown>> {
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectConsentScreen(page, m, APP);
  await allow(page, m);
  return expectSignedIn(page, client);
}

async function expectRefresh(page: Page, works: boolean) {
  await page.goto(`${client.app.url}/`);
  await refreshTokens(page);
  if (works) await expect(page.getByRole("status")).toHaveText("Tokens refreshed.");
  else await expect(page.getByRole("alert")).toHaveText("Refresh failed: invalid_grant");
}

const servedBy = (balancer: RoundRobin, filter: (served: Served) => boolean) =>
  [...new Set(balancer.served.filter(filter).map((served) => served.backend))].sort();
const both = [0, 1];

test("both cores, started together on the fresh database, publish the same signing keys, one of each algorithm", async () => {
  const published = [];
  for (const core of both) {
    publicBalancer.pin(core);
    const response = await fetch(`${issuer}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: { kid: string; alg: string }[] };
    published.push(keys.map((key) => `${key.alg} ${key.kid}`).sort());
  }
  // As a single core's first start makes them: an ID token either signs verifies with the keys
  // the other publishes.
  expect(published[0]?.map((key) => key.split(" ")[0])).toEqual(["ES256", "RS256"]);
  expect(published[1]).toEqual(published[0]);
});

test("sign-ins complete while every request goes to the next instance", async ({ browser }) => {
  test.setTimeout(180_000);
  for (const balancer of [uiBalancer, publicBalancer, adminBalancer]) balancer.reset();
  for (let flow = 0; flow < 4; flow++) {
    const person = await createPerson({}, uiUrl);
    const page = await newPage(browser);
    const claims = await grantApp(page, person);
    expect(claims.sub).toEqual(expect.any(String));
    await expectRefresh(page, true);
    await page.context().close();
  }
  // Every step of the flow was served by both instances of its kind at some point: the pages and
  // posts of the sign-in and consent screens, the authorization and token endpoints, the admin API.
  expect({
    uiPages: servedBy(uiBalancer, (s) => s.method === "GET" && (s.path === "/login" || s.path === "/consent")),
    uiPosts: servedBy(uiBalancer, (s) => s.method === "POST" && (s.path === "/login" || s.path === "/consent")),
    authorize: servedBy(publicBalancer, (s) => s.path === "/oauth2/auth"),
    token: servedBy(publicBalancer, (s) => s.method === "POST" && s.path === "/oauth2/token"),
    admin: servedBy(adminBalancer, () => true),
  }).toEqual({ uiPages: both, uiPosts: both, authorize: both, token: both, admin: both });
  for (const balancer of [uiBalancer, publicBalancer, adminBalancer]) expect(balancer.served.filter((s) => s.status >= 500)).toEqual([]);
});

test("an app's access taken back through one UI instance is gone through the other at once", async ({ browser }) => {
  const person = await createPerson({}, uiUrl);
  const page = await newPage(browser);
  await grantApp(page, person);
  // Before: the refresh token works at either core, and either UI lists the app.
  for (const core of both) {
    publicBalancer.pin(core);
    await expectRefresh(page, true);
  }
  publicBalancer.pin();
  for (const ui of both) {
    uiBalancer.pin(ui);
    await openGrantedApps(page, m);
    await expect(grantedApp(page, APP)).toBeVisible();
  }

  uiBalancer.pin(0);
  await openGrantedApps(page, m);
  await startRevoke(page, m, APP);
  await confirmRevoke(page, m, APP);

  uiBalancer.pin(1);
  await openGrantedApps(page, m);
  await expectNoGrantedApp(page, APP);
  uiBalancer.pin();
  publicBalancer.reset();
  for (const core of both) {
    publicBalancer.pin(core);
    await expectRefresh(page, false);
  }
  expect(servedBy(publicBalancer, (s) => s.method === "POST" && s.path === "/oauth2/token")).toEqual(both);
  await page.context().close();
});

const throttled = () => m.Login.errors.throttled.split("{time}")[0] ?? m.Login.errors.throttled;

/** One sign-in attempt sent to UI instance `ui`, waiting until its answer is on screen and the
 * form is ready again (the previous attempt's message looks the same). */
async function attemptSignIn(page: Page, ui: number, identifier: string, password: string) {
  uiBalancer.pin(ui);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
  await signIn(page, m, { identifier, password });
  await answered;
  await expect(page.getByRole("button", { name: m.Login.submit, exact: true })).toBeEnabled();
}

/**
 * Wrong passwords sent to the two UI instances in turn, with the name `nameFor(attempt)` each
 * time: the sign-in is refused as throttled at attempt `limit`, as on one instance, and then on
 * both instances even with the right password.
 */
async function expectLockAcrossInstances(browser: Browser, limit: number, nameFor: (person: Person) => string) {
  const person = await createPerson({}, uiUrl);
  const page = await newPage(browser);
  await startSignIn(page, client);
  uiBalancer.reset();
  for (let attempt = 1; attempt < limit; attempt++) {
    await attemptSignIn(page, attempt % 2, nameFor(person), `wrong-${attempt}`);
    await expectFormError(page, m.Login.errors.invalidCredentials);
  }
  await attemptSignIn(page, limit % 2, nameFor(person), "wrong-last");
  await expectFormError(page, throttled());
  for (const ui of both) {
    await attemptSignIn(page, ui, person.userName, person.password);
    await expectFormError(page, throttled());
    await expectLoginScreen(page, m);
  }
  const posts = uiBalancer.served.filter((s) => s.method === "POST" && s.path === "/login").map((s) => s.backend);
  expect(posts).toEqual([...Array.from({ length: limit }, (_, i) => (i + 1) % 2), ...both]);
  await page.context().close();
}

test("wrong passwords sent to the two UI instances in turn lock the account name after as many as on one", async ({ browser }) => {
  await expectLockAcrossInstances(browser, ATTEMPTS_BEFORE_LOCK, (person) => person.userName);
});

test("wrong passwords from one address, sent to the two UI instances in turn, lock the address after as many as on one", async ({ browser }) => {
  test.setTimeout(300_000);
  // A new name each time: no name reaches its own limit, only the address does.
  await expectLockAcrossInstances(browser, ADDRESS_ATTEMPTS_BEFORE_LOCK, () => uniqueName("nobody"));
});
