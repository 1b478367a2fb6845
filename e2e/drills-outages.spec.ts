import crypto from "node:crypto";
import net from "node:net";
import type { Page } from "@playwright/test";
import { createPerson } from "./support/admin";
import { ADMIN_TOKEN, ADMIN_URL, AUTH_SERVER, ISSUER, port } from "./support/env";
import { AdminStandIn, TcpRelay, type StandInMode } from "./support/faults";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { createOwnDatabase, ownTobira, startOwnUi, type OwnDatabase, type OwnProcess } from "./support/own-servers";
import { startSignIn } from "./screens/client-app";
import { expectLoginScreen, signIn } from "./screens/login-screen";

// Failure drills (issue 16): what a person sees, and what /api/health says, while the
// authorization server or the database is down, and how the UI stops. A UI of its own is started
// for them — its admin API behind a stand-in (AdminStandIn: relays to the suite's authorization
// server, or stalls, or answers garbage), its database a PostgreSQL database of its own behind a
// relay that can be switched off (TcpRelay) — so that the suite's shared servers are never
// stopped. They test the UI, not the authorization server, so they run once, on the core's pass.

test.skip(AUTH_SERVER !== "core", "the drills test the UI; one pass is enough");
test.describe.configure({ mode: "serial" });

const m = messages.ja;
/** The behavioural deadline of the issue: the retry page within 5 s of asking, whatever the fault. */
const DEADLINE_MS = 5000;
/** How long the drill UI may take to end after SIGTERM while a request is still open. */
const GRACE_MS = 6000;

let database: OwnDatabase;
let databaseRelay: TcpRelay;
let standIn: AdminStandIn;
let ui: OwnProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await createOwnDatabase();
  databaseRelay = new TcpRelay(port(5440), database);
  await databaseRelay.start();
  standIn = new AdminStandIn(port(4548), ADMIN_URL);
  await standIn.listen();
  // The suite's authorization server, reached through the stand-in.
  ui = await startOwnUi({ ...ownTobira("drills-outages", 3193), issuer: ISSUER, adminUrl: standIn.url }, {
    databaseUrl: database.urlVia("127.0.0.1", databaseRelay.port),
    env: { TOBIRA_SHUTDOWN_GRACE_MS: String(GRACE_MS) },
  });
});

test.afterAll(async () => {
  await ui?.stop();
  await standIn?.close();
  await databaseRelay?.stop();
  await database?.drop();
});

/** A challenge the authorization server never issued: whatever answers, nothing is cached. */
const freshChallenge = () => crypto.randomBytes(16).toString("base64url");

async function health(): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const response = await fetch(`${ui.url}/api/health`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
}

/** Opens a path of the drill UI and expects the translated retry page, in time, with 503. */
async function expectRetryPage(page: Page, path: string) {
  const started = Date.now();
  const response = await page.goto(`${ui.url}${path}`);
  const elapsed = Date.now() - started;
  expect(response?.status(), path).toBe(503);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Error.reasons.unavailable.title);
  await expect(page.getByText(m.Error.reasons.unavailable.body)).toBeVisible();
  await expect(page.getByRole("link", { name: m.Error.retry })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Error:");
  expect(elapsed, `${path} answered after ${elapsed} ms`).toBeLessThan(DEADLINE_MS);
}

/** Takes a login challenge of the suite's authorization server and opens it on the drill UI. */
async function openLoginOnDrillUi(page: Page, client: Parameters<typeof startSignIn>[1]) {
  await startSignIn(page, client);
  await expectLoginScreen(page, m);
  const challenge = new URL(page.url()).searchParams.get("login_challenge") ?? "";
  await page.goto(`${ui.url}/login?${new URLSearchParams({ login_challenge: challenge })}`);
  await expectLoginScreen(page, m);
}

const faults: { name: string; mode?: StandInMode }[] = [
  { name: "stopped (connection refused)" },
  { name: "accepting and never answering", mode: { kind: "silent" } },
  { name: "sending headers and then nothing", mode: { kind: "stall" } },
  { name: "answering random bytes", mode: { kind: "garbage" } },
  { name: "answering an HTML page", mode: { kind: "html" } },
  { name: "answering JSON cut off half-way", mode: { kind: "truncated" } },
];

test("the authorization server stopped, hung or answering garbage: the translated retry page within 5 s, /api/health says so, and it recovers", async ({ page, client }) => {
  test.setTimeout(120_000);
  for (const fault of faults) {
    await test.step(fault.name, async () => {
      if (fault.mode) {
        await standIn.listen();
        standIn.set(fault.mode);
      } else {
        await standIn.close();
      }
      await expectRetryPage(page, `/login?${new URLSearchParams({ login_challenge: freshChallenge() })}`);
      await expectRetryPage(page, `/consent?${new URLSearchParams({ consent_challenge: freshChallenge() })}`);
      const started = Date.now();
      const answer = await health();
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ status: "unavailable", checks: { identityStore: "ok", authorizationServer: "unavailable" } });
    });
  }

  // Back: the same UI, not restarted, serves sign-ins again.
  await standIn.listen();
  standIn.set({ kind: "relay" });
  expect(await health()).toEqual({ status: 200, body: { status: "ok", checks: { identityStore: "ok", authorizationServer: "ok" } } });
  await openLoginOnDrillUi(page, client);
});

test("the database stopped: pages are the translated retry page (503), the form says try again, /api/health says so; when it returns the same UI works again", async ({ page, client }) => {
  test.setTimeout(90_000);
  const person = await createPerson({}, ui.url);
  await openLoginOnDrillUi(page, client);

  await databaseRelay.stop();
  await expect.poll(async () => (await health()).body.checks.identityStore).toBe("unavailable");
  const answer = await health();
  expect(answer).toEqual({ status: 503, body: { status: "unavailable", checks: { identityStore: "unavailable", authorizationServer: "ok" } } });

  // The sign-in form that was open: the password cannot be checked, and the person is told so.
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expect(page.getByRole("alert").filter({ hasText: m.Login.errors.unavailable })).toBeVisible();

  const loginUrl = new URL(page.url());
  await expectRetryPage(page, loginUrl.pathname + loginUrl.search);
  await expectRetryPage(page, "/register");
  await expectRetryPage(page, "/account/security");
  const scim = await fetch(`${ui.url}/scim/v2/Users`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(scim.status).toBe(503);
  expect(await scim.json()).toMatchObject({ status: "503" });
  // Connections the database cut are not the UI's end.
  expect(await stillRunning(ui), ui.output().slice(-2000)).toBe(true);

  // Back: the UI (still running) serves the same pages, and the sign-in goes through.
  await databaseRelay.start();
  await expect.poll(async () => (await health()).status).toBe(200);
  await page.goto(loginUrl.href);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expect(page).not.toHaveURL(new RegExp(`^${ui.url}/login`));
});

test("SIGTERM: a sign-in in flight is answered, new connections are refused, and the UI exits", async ({ page, client }) => {
  test.setTimeout(90_000);
  const person = await createPerson({}, ui.url);
  await openLoginOnDrillUi(page, client);

  // A client that started a request and stopped sending: it must not keep the UI for ever.
  const stuck = await stuckRequest(port(3193));
  // Each admin call of the sign-in now takes a second: the POST is in flight for several.
  standIn.set({ kind: "relay", delayMs: 1000 });
  const before = standIn.seen.length;
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expect.poll(() => standIn.seen.length).toBeGreaterThan(before);
  const terminated = Date.now();
  process.kill(ui.pid, "SIGTERM");

  await expect.poll(() => refused(port(3193)), { timeout: 5_000 }).toBe(true);
  // The sign-in completes: the browser is sent on to the authorization server.
  await expect(page).not.toHaveURL(new RegExp(`^${ui.url}/login`), { timeout: 15_000 });
  // And the UI ends within its grace period (TOBIRA_SHUTDOWN_GRACE_MS) although one request never will.
  const exit = await Promise.race([ui.exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), GRACE_MS + 5_000))]);
  expect(exit, ui.output().slice(-2000)).not.toBe("still running");
  expect(Date.now() - terminated).toBeGreaterThanOrEqual(GRACE_MS - 500);
  stuck.destroy();
});

/** Sends the start of a form post to the sign-in page and then nothing more. */
async function stuckRequest(portNumber: number): Promise<net.Socket> {
  const socket = net.connect(portNumber, "localhost");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.write(`POST /login HTTP/1.1\r\nHost: localhost:${portNumber}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nidentifier=`);
  return socket;
}

async function stillRunning(process: OwnProcess): Promise<boolean> {
  return Promise.race([process.exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 100))]);
}

/** True when nothing accepts connections on the port any more. */
function refused(portNumber: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(portNumber, "localhost");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}
